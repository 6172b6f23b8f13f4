import { historyValuesSql } from '@retort/core';
import type { VersionSql, VersionTableNames } from '@retort/core';
import { quoteIdentifier, quoteLiteral } from './sqlite-quote.js';

/**
 * The version-table protocol in SQLite SQL: `retort_version(revision)` holds one row per
 * current head (read back in insertion order by rowid) and `retort_history` is an
 * append-only log. Values are inlined as quoted literals, so the text runs unchanged
 * online and in `--sql` output for the `sqlite3` shell (3.35+). Every statement ends with
 * `;`; the two SELECTs do not. `names.schema` is ignored: SQLite has no schemas.
 * `selectHistory` returns times as ISO 8601 text and columns named like {@link HistoryEntry}.
 *
 * @example
 * ```ts
 * const v = versionSql({ versionTable: 'retort_version', historyTable: 'retort_history' });
 * v.updateHead('a1', 'b2');   // `UPDATE "retort_version" SET revision = 'b2' WHERE revision = 'a1';`
 * ```
 */
export function versionSql(names: VersionTableNames): VersionSql {
  const version = quoteIdentifier(names.versionTable);
  const history = quoteIdentifier(names.historyTable);
  return {
    ensureTables: () =>
      `CREATE TABLE IF NOT EXISTS ${version} (\n  revision TEXT NOT NULL PRIMARY KEY\n);\n` +
      `CREATE TABLE IF NOT EXISTS ${history} (\n` +
      '  id INTEGER PRIMARY KEY,\n' +
      '  revision TEXT NOT NULL,\n' +
      "  direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),\n" +
      '  checksum TEXT NOT NULL,\n' +
      '  started_at TEXT NOT NULL,\n' +
      '  finished_at TEXT NOT NULL,\n' +
      '  duration_ms INTEGER NOT NULL,\n' +
      '  executed_by TEXT NOT NULL,\n' +
      '  tool_version TEXT NOT NULL,\n' +
      "  status TEXT NOT NULL CHECK (status IN ('applied', 'failed')),\n" +
      '  detail TEXT\n' +
      ');',
    selectHeads: () => `SELECT revision FROM ${version} ORDER BY rowid`,
    insertHead: (revision) => `INSERT INTO ${version} (revision) VALUES (${quoteLiteral(revision)});`,
    deleteHead: (revision) => `DELETE FROM ${version} WHERE revision = ${quoteLiteral(revision)};`,
    updateHead: (from, to) =>
      `UPDATE ${version} SET revision = ${quoteLiteral(to)} WHERE revision = ${quoteLiteral(from)};`,
    deleteAllHeads: () => `DELETE FROM ${version};`,
    insertHistory: (entry) =>
      `INSERT INTO ${history} (revision, direction, checksum, started_at, finished_at, duration_ms, ` +
      `executed_by, tool_version, status, detail) VALUES (${historyValuesSql(entry, quoteLiteral)});`,
    selectHistory: () =>
      'SELECT revision, direction, checksum, started_at AS "startedAt", finished_at AS "finishedAt", ' +
      'duration_ms AS "durationMs", executed_by AS "executedBy", tool_version AS "toolVersion", status, detail ' +
      `FROM ${history} ORDER BY id`,
    begin: () => 'BEGIN IMMEDIATE;',
    commit: () => 'COMMIT;',
  };
}


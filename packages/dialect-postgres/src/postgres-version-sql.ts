import { historyValuesSql } from '@retort/core';
import type { VersionSql, VersionTableNames } from '@retort/core';
import { quoteIdentifier, quoteLiteral } from './postgres-quote.js';

/**
 * The version-table protocol in PostgreSQL SQL. `retort_version` holds one row per current
 * head, read back in insertion order (an identity column `ordinal`; `updateHead` keeps a
 * row's place); `retort_history` is an append-only log. With `names.schema` the tables are
 * qualified with it and `ensureTables` creates it (`CREATE SCHEMA IF NOT EXISTS`); without
 * it names are unqualified and resolve through `search_path` (the URL's `?schema=` first).
 * Values are inlined as quoted literals, so the very same text runs online and in `--sql`
 * output run by `psql -f`. Every statement ends with `;`; the two SELECTs do not.
 * `selectHistory` returns columns named like {@link HistoryEntry}, times as `Date`.
 * `insertHistoryTimedByDatabase` takes the times from the server's clock: started when the
 * revision's transaction began (`now()`), finished when the row is written.
 *
 * @example
 * ```ts
 * const v = versionSql({ versionTable: 'retort_version', historyTable: 'retort_history', schema: 'app' });
 * v.updateHead('a1', 'b2');   // `UPDATE "app"."retort_version" SET revision = 'b2' WHERE revision = 'a1';`
 * ```
 */
const DATABASE_TIMES = {
  startedAt: 'pg_catalog.now()',
  finishedAt: 't.finished',
  durationMs: 'pg_catalog.round(pg_catalog.date_part(\'epoch\', t.finished - pg_catalog.now()) * 1000)::bigint',
};

export function versionSql(names: VersionTableNames): VersionSql {
  const qualify = (table: string): string =>
    names.schema === undefined ? quoteIdentifier(table) : `${quoteIdentifier(names.schema)}.${quoteIdentifier(table)}`;
  const version = qualify(names.versionTable);
  const history = qualify(names.historyTable);
  const createSchema = names.schema === undefined ? '' : `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(names.schema)};\n`;
  return {
    ensureTables: () =>
      createSchema +
      `CREATE TABLE IF NOT EXISTS ${version} (\n` +
      '  revision varchar(255) NOT NULL PRIMARY KEY,\n' +
      '  ordinal bigint GENERATED ALWAYS AS IDENTITY\n' +
      ');\n' +
      `CREATE TABLE IF NOT EXISTS ${history} (\n` +
      '  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n' +
      '  revision varchar(255) NOT NULL,\n' +
      "  direction varchar(4) NOT NULL CHECK (direction IN ('up', 'down')),\n" +
      '  checksum varchar(128) NOT NULL,\n' +
      '  started_at timestamptz NOT NULL,\n' +
      '  finished_at timestamptz NOT NULL,\n' +
      '  duration_ms bigint NOT NULL,\n' +
      '  executed_by text NOT NULL,\n' +
      '  tool_version text NOT NULL,\n' +
      "  status varchar(16) NOT NULL CHECK (status IN ('applied', 'failed')),\n" +
      '  detail text\n' +
      ');',
    selectHeads: () => `SELECT revision FROM ${version} ORDER BY ordinal`,
    insertHead: (revision) => `INSERT INTO ${version} (revision) VALUES (${quoteLiteral(revision)});`,
    deleteHead: (revision) => `DELETE FROM ${version} WHERE revision = ${quoteLiteral(revision)};`,
    updateHead: (from, to) =>
      `UPDATE ${version} SET revision = ${quoteLiteral(to)} WHERE revision = ${quoteLiteral(from)};`,
    deleteAllHeads: () => `DELETE FROM ${version};`,
    insertHistory: (entry) =>
      `INSERT INTO ${history} (revision, direction, checksum, started_at, finished_at, duration_ms, ` +
      `executed_by, tool_version, status, detail) VALUES (${historyValuesSql(entry, quoteLiteral)});`,
    // now() is when the revision's transaction began; clock_timestamp() when the row is written.
    insertHistoryTimedByDatabase: (entry) =>
      `INSERT INTO ${history} (revision, direction, checksum, started_at, finished_at, duration_ms, ` +
      `executed_by, tool_version, status, detail) SELECT ${historyValuesSql(entry, quoteLiteral, DATABASE_TIMES)} ` +
      'FROM (SELECT pg_catalog.clock_timestamp() AS finished) AS t;',
    selectHistory: () =>
      'SELECT revision, direction, checksum, started_at AS "startedAt", finished_at AS "finishedAt", ' +
      'duration_ms::double precision AS "durationMs", executed_by AS "executedBy", tool_version AS "toolVersion", ' +
      `status, detail FROM ${history} ORDER BY id`,
    begin: () => 'BEGIN;',
    commit: () => 'COMMIT;',
  };
}


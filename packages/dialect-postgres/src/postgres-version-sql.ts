import type { HistoryEntry, VersionSql, VersionTableNames } from '@retort/core';
import { RetortError } from '@retort/core';
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
 *
 * @example
 * ```ts
 * const v = versionSql({ versionTable: 'retort_version', historyTable: 'retort_history', schema: 'app' });
 * v.updateHead('a1', 'b2');   // `UPDATE "app"."retort_version" SET revision = 'b2' WHERE revision = 'a1';`
 * ```
 */
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
      `executed_by, tool_version, status, detail) VALUES (${historyValues(entry)});`,
    selectHistory: () =>
      'SELECT revision, direction, checksum, started_at AS "startedAt", finished_at AS "finishedAt", ' +
      'duration_ms::double precision AS "durationMs", executed_by AS "executedBy", tool_version AS "toolVersion", ' +
      `status, detail FROM ${history} ORDER BY id`,
    begin: () => 'BEGIN;',
    commit: () => 'COMMIT;',
  };
}

function historyValues(entry: HistoryEntry): string {
  if (entry.direction !== 'up' && entry.direction !== 'down') invalid('direction', String(entry.direction), "'up' or 'down'");
  if (entry.status !== 'applied' && entry.status !== 'failed') invalid('status', String(entry.status), "'applied' or 'failed'");
  if (!Number.isFinite(entry.durationMs) || entry.durationMs < 0) {
    invalid('durationMs', String(entry.durationMs), 'a non-negative number of milliseconds');
  }
  return [
    quoteLiteral(entry.revision),
    quoteLiteral(entry.direction),
    quoteLiteral(entry.checksum),
    quoteLiteral(isoTime('startedAt', entry.startedAt)),
    quoteLiteral(isoTime('finishedAt', entry.finishedAt)),
    String(Math.round(entry.durationMs)),
    quoteLiteral(entry.executedBy),
    quoteLiteral(entry.toolVersion),
    quoteLiteral(entry.status),
    entry.detail === undefined ? 'NULL' : quoteLiteral(entry.detail),
  ].join(', ');
}

function isoTime(field: string, value: Date): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) invalid(field, String(value), 'a valid Date');
  return value.toISOString();
}

function invalid(field: string, value: string, expected: string): never {
  throw new RetortError('E_USAGE', `History entry ${field} '${value}' is invalid; pass ${expected}.`, {
    facts: { argument: value },
  });
}

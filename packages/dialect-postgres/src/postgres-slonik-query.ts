import type { DatabasePoolConnection, QuerySqlToken } from 'slonik';
import { loadLibraries } from './postgres-load-libraries.js';

/**
 * Runs SQL text with `$1`-style parameters through a slonik connection and returns its rows.
 *
 * slonik builds queries only from its `sql` template tag; core hands us plain text and a
 * parameter list, so the text goes through `sql.unsafe` (slonik's tag for SQL it does not
 * check) as a one-part template and the parameters are attached as the token's values,
 * which slonik passes to the driver unchanged. Parameters therefore accept whatever
 * node-postgres does (strings, numbers, `Date`, `Buffer`, arrays, JSON objects).
 *
 * @example
 * ```ts
 * const rows = await slonikQuery<{ n: number }>(held.slonik, 'SELECT $1::int AS n', [7]);   // [{ n: 7 }]
 * ```
 */
export async function slonikQuery<Row>(
  connection: DatabasePoolConnection,
  text: string,
  values: readonly unknown[] = [],
): Promise<Row[]> {
  const { sql } = (await loadLibraries()).slonik;
  const parts = Object.freeze(Object.assign([text], { raw: Object.freeze([text]) }));
  const token = sql.unsafe(parts as unknown as TemplateStringsArray);
  const query = { ...token, values } as QuerySqlToken;
  const result = await connection.query(query);
  return result.rows as Row[];
}

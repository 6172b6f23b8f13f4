import { quoteIdentifier, quoteLiteral } from './postgres-quote.js';

/** The part of a node-postgres client {@link setUpSchema} uses. */
export interface SetupClient {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * Run once on each new connection when the URL names a `?schema=`: puts the schema first on
 * `search_path`, ahead of what the role or database configured, and creates it if it is
 * missing. One plain statement does the first and checks for the schema; only a missing
 * schema costs a second round trip (and PL/pgSQL, which a fresh server process takes
 * several milliseconds to load). Existence is checked first, so a user without CREATE on
 * the database can use a schema that is already there; a concurrent creation by another
 * runner is tolerated.
 *
 * @example
 * ```ts
 * await setUpSchema(pgClient, 'app');
 * ```
 */
export async function setUpSchema(client: SetupClient, schema: string): Promise<void> {
  const { rows } = await client.query(searchPathSql(schema));
  if (rows[0]?.present !== true) await client.query(createSchemaSql(schema));
}

/**
 * Puts `schema` first on `search_path` and says whether it exists (column `present`).
 *
 * @example
 * ```ts
 * searchPathSql('app');
 * // SELECT pg_catalog.set_config('search_path', ... '"app", ' || current search_path ...) ...
 * ```
 */
export function searchPathSql(schema: string): string {
  const identifier = quoteIdentifier(schema);
  const current = "pg_catalog.current_setting('search_path')";
  return (
    `SELECT pg_catalog.set_config('search_path', CASE WHEN ${current} = '' THEN ${quoteLiteral(identifier)} ` +
    `ELSE ${quoteLiteral(`${identifier}, `)} || ${current} END, false) AS search_path, ` +
    `EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = ${quoteLiteral(schema)}) AS present`
  );
}

/**
 * Creates `schema` unless it exists by now, tolerating a concurrent creation.
 *
 * @example
 * ```ts
 * createSchemaSql('app');   // DO $retort$ ... CREATE SCHEMA "app" ... $retort$
 * ```
 */
export function createSchemaSql(schema: string): string {
  const body =
    '\nBEGIN\n' +
    `  IF NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = ${quoteLiteral(schema)}) THEN\n` +
    `    CREATE SCHEMA ${quoteIdentifier(schema)};\n` +
    '  END IF;\n' +
    'EXCEPTION WHEN duplicate_schema OR unique_violation THEN\n' +
    '  NULL;\n' +
    'END\n';
  return `DO ${dollarQuote(body)}`;
}

/**
 * Wraps `body` in a dollar quote whose tag does not occur in it.
 *
 * @example
 * ```ts
 * dollarQuote('SELECT 1');         // '$retort$SELECT 1$retort$'
 * dollarQuote('$retort$');         // '$retort1$$retort$$retort1$'
 * dollarQuote('x$retort');         // '$retort1$x$retort$retort1$'
 * ```
 */
export function dollarQuote(body: string): string {
  let tag = '$retort$';
  // The closing tag must be the first occurrence after the opening one, even when the body
  // ends with a prefix of it.
  for (let n = 1; `${body}${tag}`.indexOf(tag) !== body.length; n++) tag = `$retort${n}$`;
  return `${tag}${body}${tag}`;
}

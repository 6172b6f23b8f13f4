import { quoteIdentifier, quoteLiteral } from './postgres-quote.js';

/**
 * SQL run once on each new connection when the URL names a `?schema=`: creates the schema
 * if it is missing and puts it first on `search_path`, ahead of what the role or database
 * configured. Existence is checked first, so a user without CREATE on the database can use
 * a schema that is already there; a concurrent creation by another runner is tolerated.
 *
 * @example
 * ```ts
 * schemaSetupSql('app');
 * // DO $retort$ ... CREATE SCHEMA "app" ... $retort$;
 * // SELECT pg_catalog.set_config('search_path', ... '"app", ' || current search_path ...);
 * ```
 */
export function schemaSetupSql(schema: string): string {
  const identifier = quoteIdentifier(schema);
  const body =
    '\nBEGIN\n' +
    `  IF NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = ${quoteLiteral(schema)}) THEN\n` +
    `    CREATE SCHEMA ${identifier};\n` +
    '  END IF;\n' +
    'EXCEPTION WHEN duplicate_schema OR unique_violation THEN\n' +
    '  NULL;\n' +
    'END\n';
  const current = "pg_catalog.current_setting('search_path')";
  return (
    `DO ${dollarQuote(body)};\n` +
    `SELECT pg_catalog.set_config('search_path', CASE WHEN ${current} = '' THEN ${quoteLiteral(identifier)} ` +
    `ELSE ${quoteLiteral(`${identifier}, `)} || ${current} END, false)`
  );
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

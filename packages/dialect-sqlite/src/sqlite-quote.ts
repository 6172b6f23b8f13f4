import { RetortError } from '@retort/core';

/**
 * Quotes an identifier for SQLite: wraps it in double quotes and doubles any inside.
 *
 * @example
 * ```ts
 * quoteIdentifier('order');    // '"order"'
 * quoteIdentifier('a"b');      // '"a""b"'
 * ```
 */
export function quoteIdentifier(name: string): string {
  rejectNul(name, 'Identifier');
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Quotes a string literal for SQLite: wraps it in single quotes and doubles any inside.
 * The result is safe to inline in SQL text run by better-sqlite3 or the `sqlite3` shell.
 *
 * @example
 * ```ts
 * quoteLiteral("it's");   // "'it''s'"
 * ```
 */
export function quoteLiteral(value: string): string {
  rejectNul(value, 'Value');
  return `'${value.replaceAll("'", "''")}'`;
}

// SQLite reads SQL text only up to the first NUL, so a quoted NUL would silently cut the
// statement short instead of failing.
function rejectNul(value: string, what: string): void {
  if (value.includes('\0')) {
    throw new RetortError(
      'E_USAGE',
      `${what} ${JSON.stringify(value)} contains a NUL character, which SQLite SQL text cannot carry; remove it.`,
      { facts: { argument: value } },
    );
  }
}

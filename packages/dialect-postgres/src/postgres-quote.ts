import { RetortError } from '@retort/core';

/**
 * Quotes an identifier for PostgreSQL: wraps it in double quotes and doubles any inside, so
 * the name keeps its case and may be a keyword.
 *
 * @example
 * ```ts
 * quoteIdentifier('order');    // '"order"'
 * quoteIdentifier('a"b');      // '"a""b"'
 * ```
 */
export function quoteIdentifier(name: string): string {
  rejectNul(name, 'Identifier');
  if (name === '') {
    throw new RetortError('E_USAGE', "Identifier '' is empty; PostgreSQL names need at least one character.", {
      facts: { argument: name },
    });
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Quotes a string literal for PostgreSQL. Values without a backslash become `'...'` with
 * quotes doubled; values with one become `E'...'` with backslashes doubled too, which reads
 * the same whatever `standard_conforming_strings` says. Safe to inline in text run by the
 * driver or by `psql -f`.
 *
 * @example
 * ```ts
 * quoteLiteral("it's");     // "'it''s'"
 * quoteLiteral('C:\\tmp');  // "E'C:\\\\tmp'"
 * ```
 */
export function quoteLiteral(value: string): string {
  rejectNul(value, 'Value');
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

// PostgreSQL text cannot hold NUL; the server would reject the statement with a confusing
// "invalid byte sequence" error far from the value at fault.
function rejectNul(value: string, what: string): void {
  if (value.includes('\0')) {
    throw new RetortError(
      'E_USAGE',
      `${what} ${JSON.stringify(value)} contains a NUL character, which PostgreSQL text cannot carry; remove it.`,
      { facts: { argument: value } },
    );
  }
}

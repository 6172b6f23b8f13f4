import { closingParen, tokenizeSql, type SqlToken } from './sql-tokens.js';

/** Bare words written in upper case in canonical text; every other bare word is lower case. */
const KEYWORDS = new Set(
  (
    'ALL AND ANY ARRAY AS ASC AT BETWEEN BY CASE CAST COLLATE CROSS CURRENT_DATE CURRENT_TIME ' +
    'CURRENT_TIMESTAMP DESC DISTINCT ELSE END ESCAPE EXCEPT EXISTS FALSE FILTER FIRST FROM FULL GLOB ' +
    'GROUP HAVING ILIKE IN INNER INTERSECT INTERVAL IS ISNULL JOIN LAST LATERAL LEFT LIKE LIMIT MATCH ' +
    'NATURAL NOT NOTNULL NULL NULLS OFFSET ON OR ORDER OUTER OVER PARTITION RECURSIVE REGEXP RIGHT ' +
    'SELECT SIMILAR SOME THEN TRUE UNION USING VALUES WHEN WHERE WINDOW WITH'
  ).split(' '),
);

/**
 * Canonical text of an SQL expression (or query): whitespace and comments collapsed,
 * keywords upper case, other bare words lower case, identifiers double-quoted, redundant
 * outer parentheses removed. Two spellings of the same expression give the same text;
 * the result is valid SQL and `canonicalExpression(canonicalExpression(x)) === canonicalExpression(x)`.
 *
 * @example
 * ```ts
 * canonicalExpression("( Price>0 AND [Qty]  >= 1 )"); // 'price > 0 AND "Qty" >= 1'
 * canonicalExpression("datetime( 'now' )");           // "datetime('now')"
 * ```
 */
export function canonicalExpression(sql: string): string {
  return joinTokens(stripOuterParens(tokenizeSql(sql)), false);
}

/**
 * Canonical text of a whole statement or query whose bare words must keep their case
 * (a view's select list names its columns; a trigger statement names the trigger):
 * whitespace and comments collapsed, quoting unified, outer parentheses kept.
 *
 * @example
 * ```ts
 * canonicalStatement('SELECT  Name\n FROM [Artist]'); // 'SELECT Name FROM "Artist"'
 * ```
 */
export function canonicalStatement(sql: string): string {
  return joinTokens(tokenizeSql(sql), true);
}

/**
 * The expression with every reference to identifier `from` renamed to `to` (bare words
 * compare case-insensitively), in canonical form. What `RENAME COLUMN` does to CHECKs,
 * index expressions and generated columns.
 *
 * @example
 * ```ts
 * renameIdentifier('price > 0', 'price', 'unit_price'); // '"unit_price" > 0'
 * ```
 */
export function renameIdentifier(sql: string, from: string, to: string): string {
  const renamed = tokenizeSql(sql).map((t): SqlToken => {
    const hit = t.kind === 'ident' ? t.value === from : t.kind === 'word' && t.value.toLowerCase() === from.toLowerCase();
    return hit ? { ...t, kind: 'ident', value: to, text: quote(to) } : t;
  });
  return joinTokens(stripOuterParens(renamed), false);
}

/**
 * The identifiers an expression or query mentions (bare words lower-cased, quoted ones
 * as written), for dependency ordering of views.
 *
 * @example
 * ```ts
 * referencedNames('SELECT * FROM "Orders" o JOIN users u ON u.id = o.user_id'); // Set { 'Orders', 'o', 'users', ... }
 * ```
 */
export function referencedNames(sql: string): Set<string> {
  const names = new Set<string>();
  for (const t of tokenizeSql(sql)) {
    if (t.kind === 'ident') names.add(t.value);
    else if (t.kind === 'word' && !KEYWORDS.has(t.value.toUpperCase())) names.add(t.value.toLowerCase());
  }
  return names;
}

function stripOuterParens(tokens: SqlToken[]): SqlToken[] {
  let out = tokens;
  while (out.length >= 2 && out[0]?.kind === 'lparen' && closingParen(out, 0) === out.length - 1) {
    out = out.slice(1, -1);
  }
  return out;
}

function quote(name: string): string {
  return `"${name.split('"').join('""')}"`;
}

function render(t: SqlToken, preserveCase: boolean): string {
  if (t.kind === 'ident') return quote(t.value);
  if (t.kind !== 'word' || preserveCase) return t.text;
  const upper = t.value.toUpperCase();
  return KEYWORDS.has(upper) ? upper : t.value.toLowerCase();
}

function isKeyword(t: SqlToken | undefined): boolean {
  return t !== undefined && t.kind === 'word' && KEYWORDS.has(t.value.toUpperCase());
}

function joinTokens(tokens: readonly SqlToken[], preserveCase: boolean): string {
  let out = '';
  let prev: SqlToken | undefined;
  let prevUnary = false;
  for (const t of tokens) {
    if (prev !== undefined && !noSpace(prev, t, prevUnary)) out += ' ';
    out += render(t, preserveCase);
    prevUnary = t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~') && startsOperand(prev);
    prev = t;
  }
  return out;
}

/** True when the token before an operator means the operator is unary. */
function startsOperand(prev: SqlToken | undefined): boolean {
  return prev === undefined || prev.kind === 'op' || prev.kind === 'lparen' || prev.kind === 'comma' || isKeyword(prev);
}

function noSpace(prev: SqlToken, t: SqlToken, prevUnary: boolean): boolean {
  if (prev.kind === 'lparen' || t.kind === 'rparen' || t.kind === 'comma' || t.kind === 'semicolon') return true;
  if (prevUnary) return true;
  if ((prev.kind === 'op' && (prev.text === '.' || prev.text === '::')) || (t.kind === 'op' && (t.text === '.' || t.text === '::'))) {
    return true;
  }
  if (t.kind === 'lparen') return prev.kind === 'ident' || (prev.kind === 'word' && !isKeyword(prev));
  return false;
}

import type { Expr, TypeName } from './postgres-schema-dialect-ast.js';
import { quoteIdent } from './postgres-schema-dialect-catalog.js';
import { lexPostgres, type PgToken } from './postgres-schema-dialect-lexer.js';
import { parsePostgresExpression } from './postgres-schema-dialect-parse.js';
import { memoize } from './postgres-schema-dialect-memo.js';
import { printExpression } from './postgres-schema-dialect-print.js';
import { coerceTo, resolveExpression } from './postgres-schema-dialect-resolve.js';

/**
 * Where an expression sits, which decides the conversion applied to its result:
 * - `default`: a column default or generated expression, converted to the column's type
 *   (an untyped literal becomes a labelled constant: `'x'::text`);
 * - `condition`: a CHECK or an index predicate, converted to boolean;
 * - `value`: an index key, used as it is.
 *
 * @example
 * ```ts
 * const role: ExpressionRole = { kind: 'default', type: typeNameOf('varchar(20)') };
 * ```
 */
export type ExpressionRole = { readonly kind: 'default'; readonly type: TypeName } | { readonly kind: 'condition' } | { readonly kind: 'value' };

/**
 * The columns an expression may name, with their types.
 *
 * @example
 * ```ts
 * const columns: ColumnTypes = new Map([['price', typeNameOf('numeric(10,2)')]]);
 * ```
 */
export type ColumnTypes = ReadonlyMap<string, TypeName>;

const cache = new Map<string, string>();
const CACHE_LIMIT = 20_000;

/**
 * The canonical text of an expression for PostgreSQL: what the server would print for it
 * (pg_get_expr), re-printed in one line without outer parentheses, so that a model's
 * `price >= 0` and the catalog's `(price >= (0)::numeric)` give the same text. Typed
 * against the table's columns; what cannot be parsed or typed is kept as written (with
 * whitespace, comments and identifier quoting made canonical). `NULL` as a default gives
 * `undefined` (PostgreSQL stores no default then), except on a column with a type modifier
 * (`varchar(20)`), where PostgreSQL keeps `NULL::character varying`.
 *
 * @example
 * ```ts
 * const cols = new Map([['price', { type: 'numeric', mods: [10, 2] }]]);
 * normalizePostgresExpression('(price>=0)', { kind: 'condition' }, cols); // 'price >= (0)::numeric'
 * normalizePostgresExpression("'x'", { kind: 'default', type: { type: 'text', mods: [] } }, cols); // "'x'::text"
 * ```
 */
export function normalizePostgresExpression(sql: string, role: ExpressionRole, columns: ColumnTypes, columnsKey = ''): string | undefined {
  const key = `${role.kind === 'default' ? `d${role.type.type}` : role.kind}\u0000${columnsKey}\u0000${sql}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit === '\u0000' ? undefined : hit;
  const out = compute(sql, role, columns);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, out ?? '\u0000');
  return out;
}

function compute(sql: string, role: ExpressionRole, columns: ColumnTypes): string | undefined {
  let resolved: Expr;
  try {
    resolved = resolveExpression(parsePostgresExpression(sql), { columns });
  } catch {
    return canonicalTokens(sql);
  }
  if (role.kind === 'default') {
    // PostgreSQL stores no default for a NULL constant, unless the NULL goes through the
    // column's length coercion (any NULL on a varchar(20) or timestamp(6) column): that is a call.
    if (resolved.k === 'const' && resolved.value === null && role.type.mods.length === 0) return undefined;
    resolved = coerceTo(resolved, role.type.type);
  } else if (role.kind === 'condition' && resolved.type === 'unknown') {
    resolved = coerceTo(resolved, 'bool');
  }
  return printExpression(resolved);
}

/**
 * SQL text with whitespace and comments collapsed and identifiers quoted only where
 * PostgreSQL needs it, everything else as written; the fallback for expressions the
 * parser does not cover, and the canonical text of view bodies and trigger statements.
 * Trailing semicolons are dropped.
 *
 * @example
 * ```ts
 * canonicalTokens('SELECT  count(*) AS n\n  FROM "alpha";'); // 'SELECT count(*) AS n FROM alpha'
 * ```
 */
export const canonicalTokens = memoize(canonicalTokensOf);

function canonicalTokensOf(sql: string): string {
  let tokens: PgToken[];
  try {
    tokens = lexPostgres(sql);
  } catch {
    return sql.trim();
  }
  while (tokens.length > 0 && tokens[tokens.length - 1]?.text === ';') tokens.pop();
  let out = '';
  let prev: PgToken | undefined;
  for (const t of tokens) {
    if (prev !== undefined && t.spaced && !noSpaceAfter(prev) && !noSpaceBefore(t)) out += ' ';
    out += t.kind === 'ident' ? quoteIdent(t.value) : t.text;
    prev = t;
  }
  return out;
}

function noSpaceAfter(t: PgToken): boolean {
  return t.kind === 'punct' && (t.text === '(' || t.text === '[');
}

function noSpaceBefore(t: PgToken): boolean {
  return t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === ',');
}

/**
 * The columns an expression names (its bare and quoted identifiers that are not function
 * names), in order of first mention; empty when the expression cannot be parsed.
 *
 * @example
 * ```ts
 * referencedColumns('(price > (0)::numeric) AND (qty > 0)'); // ['price', 'qty']
 * ```
 */
export const referencedColumns = memoize(referencedColumnsOf);

function referencedColumnsOf(sql: string): string[] {
  try {
    const out: string[] = [];
    collect(parsePostgresExpression(sql), out);
    return out;
  } catch {
    return [];
  }
}

function collect(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const raw = node as { k?: unknown; names?: readonly string[] };
  if (raw.k === 'col' && raw.names) {
    const name = raw.names[raw.names.length - 1] as string;
    if (!out.includes(name)) out.push(name);
    return;
  }
  for (const value of Object.values(node)) collect(value, out);
}

/**
 * Raw SQL in models: defaults, checks, generated columns, index expressions and
 * predicates, view bodies.
 *
 * @example
 * ```ts
 * const now: SqlExpression = sql`CURRENT_TIMESTAMP`;
 * ```
 */
export interface SqlExpression {
  readonly kind: 'sql';
  readonly text: string;
}

/** A reference to a model column, as `users.id` or `t.email` give it. */
export interface ModelColumnRef {
  readonly kind: 'columnRef';
  readonly table: string;
  readonly column: string;
}

/** What may be interpolated into {@link sql}. */
export type SqlValue = SqlExpression | ModelColumnRef | string | number | boolean | null;

/**
 * Tagged template for raw SQL. Interpolated column references become quoted column names,
 * nested `sql` stays raw, and JavaScript values become SQL literals.
 *
 * @example
 * ```ts
 * sql`${t.price} > ${0}`;                 // { kind: 'sql', text: '"price" > 0' }
 * sql`status <> ${'archived'}`;           // { kind: 'sql', text: "status <> 'archived'" }
 * ```
 */
export function sql(strings: TemplateStringsArray, ...values: readonly SqlValue[]): SqlExpression {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += sqlValueText(value) + (strings[i + 1] ?? '');
  });
  return { kind: 'sql', text };
}

/**
 * The SQL text of a value: literals for JavaScript values, quoted names for column
 * references, the text itself for `sql` expressions.
 *
 * @example
 * ```ts
 * sqlValueText("it's"); // "'it''s'"
 * sqlValueText(true);   // 'TRUE'
 * ```
 */
export function sqlValueText(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.split("'").join("''")}'`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value.kind === 'sql') return value.text;
  return `"${value.column.split('"').join('""')}"`;
}

/** True for a value made by {@link sql}. */
export function isSqlExpression(value: unknown): value is SqlExpression {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'sql' && typeof (value as { text?: unknown }).text === 'string';
}

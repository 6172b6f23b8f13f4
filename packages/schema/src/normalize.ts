import type { SchemaDialect } from './schema-dialect.js';
import type {
  CheckConstraint,
  Column,
  ForeignKey,
  Index,
  IndexKey,
  Schema,
  Table,
  UniqueConstraint,
  View,
} from './schema-ir.js';

/** The parts of a dialect {@link normalizeSchema} calls. */
export type Normalizer = Pick<SchemaDialect, 'normalizeType' | 'normalizeExpression' | 'normalizeStatement' | 'normalizeTable'>;

/**
 * Puts a schema in canonical form for a dialect: types and expressions in the dialect's
 * spelling, named things sorted, unnamed constraints sorted by content. Introspectors and
 * the model loader both end with it, so equal databases give deep-equal schemas.
 * Idempotent: `normalizeSchema(normalizeSchema(s, d), d)` deep-equals `normalizeSchema(s, d)`.
 *
 * @example
 * ```ts
 * const canonical = normalizeSchema(introspected, sqliteSchemaDialect);
 * ```
 */
export function normalizeSchema(schema: Schema, dialect: Normalizer): Schema {
  return {
    tables: byName(schema.tables.map((t) => normalizeTableWith(t, dialect))),
    views: byName(schema.views.map((v) => normalizeView(v, dialect))),
    enums: byName(schema.enums.map((e) => ({ ...e, values: [...e.values] }))),
    sequences: byName([...schema.sequences]),
    triggers: byName(schema.triggers.map((t) => ({ ...t, definition: dialect.normalizeStatement(t.definition) }))),
  };
}

function normalizeTableWith(table: Table, dialect: Normalizer): Table {
  const expr = (sql: string): string => dialect.normalizeExpression(sql);
  const normalized: Table = {
    ...table,
    columns: table.columns.map((c) => normalizeColumn(c, dialect)),
    checks: table.checks.map((c): CheckConstraint => ({ ...c, expression: expr(c.expression) })),
    indexes: table.indexes.map((ix) => normalizeIndex(ix, expr)),
  };
  return sortTableParts(dialect.normalizeTable ? dialect.normalizeTable(normalized) : normalized);
}

/**
 * The table with its constraints and indexes in canonical order (named ones by name,
 * unnamed ones by content); columns keep their order.
 *
 * @example
 * ```ts
 * const sorted = sortTableParts({ ...table, uniques: [...table.uniques, added] });
 * ```
 */
export function sortTableParts(table: Table): Table {
  return {
    ...table,
    uniques: byKey(table.uniques, uniqueKey),
    foreignKeys: byKey(table.foreignKeys, foreignKeyKey),
    checks: byKey(table.checks, (c) => `${c.name ?? ''}\u0000${c.expression}`),
    indexes: byName(table.indexes),
  };
}

function normalizeColumn(column: Column, dialect: Normalizer): Column {
  const out: { -readonly [K in keyof Column]: Column[K] } = {
    ...column,
    type: dialect.normalizeType(column.type),
  };
  if (column.default !== undefined) out.default = dialect.normalizeExpression(column.default);
  if (column.generated) {
    out.generated = { ...column.generated, expression: dialect.normalizeExpression(column.generated.expression) };
  }
  return out;
}

function normalizeIndex(index: Index, expr: (sql: string) => string): Index {
  const keys = index.keys.map((k): IndexKey =>
    k.expression === undefined ? k : { ...k, expression: expr(k.expression) },
  );
  const out: Index = { ...index, keys };
  return index.where === undefined ? out : { ...out, where: expr(index.where) };
}

function normalizeView(view: View, dialect: Normalizer): View {
  return { ...view, definition: dialect.normalizeStatement(view.definition) };
}

/** Sort key of a unique constraint: name first, then columns. */
export function uniqueKey(u: UniqueConstraint): string {
  return `${u.name ?? ''}\u0000${u.columns.join(',')}`;
}

/** Sort key of a foreign key: name first, then columns and target. */
export function foreignKeyKey(fk: ForeignKey): string {
  return `${fk.name ?? ''}\u0000${fk.columns.join(',')}\u0000${fk.references.table}\u0000${fk.references.columns.join(',')}`;
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return byKey(items, (item) => item.name);
}

function byKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, k: key(item) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((e) => e.item);
}

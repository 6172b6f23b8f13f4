import type { CheckConstraint, Column, ForeignKey, Index, IndexKey, Table, UniqueConstraint } from '@retort/schema';
import type { TypeName } from './postgres-schema-dialect-ast.js';
import { normalizePostgresExpression, referencedColumns, type ColumnTypes } from './postgres-schema-dialect-expression.js';
import { quoteIdent } from './postgres-schema-dialect-catalog.js';
import { columnsAddition, defaultPrimaryKeyName, makeObjectName } from './postgres-schema-dialect-names.js';
import { typeNameOf } from './postgres-schema-dialect-type.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * PostgreSQL's rules for one table, after the generic normalization: expressions typed
 * against the table's columns and spelled as the server prints them; the names PostgreSQL
 * would choose itself (`users_pkey`, `users_email_key`, `orders_user_id_fkey`,
 * `items_qty_check`) left out, and a second unnamed constraint that would get the same name
 * given the numbered one PostgreSQL picks (`items_qty_check1`); identity and primary-key
 * columns NOT NULL; default index options (btree, NULLS LAST ascending, NULLS FIRST
 * descending) left out; SQLite-only parts dropped.
 *
 * @example
 * ```ts
 * normalizePostgresTable({ ...t, primaryKey: { name: 't_pkey', columns: ['id'] } }).primaryKey; // { columns: ['id'] }
 * ```
 */
export function normalizePostgresTable(table: Table): Table {
  const types: ColumnTypes = new Map(table.columns.map((c) => [c.name, typeNameOf(c.type)]));
  const key = table.columns.map((c) => `${c.name}:${c.type}`).join('\u0001');
  const pk = table.primaryKey?.columns ?? [];
  const columns = table.columns.map((c) => normalizeColumn(c, types.get(c.name) as TypeName, types, key, pk.includes(c.name)));
  const out: Mutable<Table> = {
    ...table,
    columns,
    uniques: nameByDefault(
      table.uniques,
      (u) => [table.name, columnsAddition(u.columns), 'key'],
      (u) => u.columns.join(','),
    ),
    foreignKeys: nameByDefault(
      table.foreignKeys,
      (fk) => [table.name, columnsAddition(fk.columns), 'fkey'],
      (fk) => `${fk.columns.join(',')}\u0000${fk.references.table}`,
    ),
    checks: nameByDefault(
      table.checks.map((c): CheckConstraint => ({ ...c, expression: normalizePostgresExpression(c.expression, { kind: 'condition' }, types, key) ?? c.expression })),
      (c) => {
        const named = referencedColumns(c.expression);
        return [table.name, named.length === 1 ? named[0] : undefined, 'check'];
      },
      (c) => c.expression,
    ),
    indexes: table.indexes.map((ix) => normalizeIndex(ix, types, key)),
  };
  if (table.primaryKey) {
    const { name, ...rest } = table.primaryKey;
    out.primaryKey = name === undefined || name === defaultPrimaryKeyName(table.name) ? rest : table.primaryKey;
  }
  if (out.comment === '') delete out.comment;
  delete out.withoutRowid;
  delete out.strict;
  return out;
}

function normalizeColumn(column: Column, type: TypeName, types: ColumnTypes, key: string, inPrimaryKey: boolean): Column {
  const out: Mutable<Column> = { ...column };
  if (column.default !== undefined) {
    const value = normalizePostgresExpression(column.default, { kind: 'default', type }, types, key);
    if (value === undefined) delete out.default;
    else out.default = value;
  }
  if (column.generated) {
    out.generated = { ...column.generated, expression: normalizePostgresExpression(column.generated.expression, { kind: 'default', type }, types, key) ?? column.generated.expression };
  }
  if (column.identity !== undefined || inPrimaryKey) out.nullable = false;
  if (column.collation !== undefined) {
    const collation = unquote(column.collation);
    if (collation === 'default') delete out.collation;
    else out.collation = collation;
  }
  if (out.comment === '') delete out.comment;
  delete out.autoincrement;
  return out;
}

function normalizeIndex(index: Index, types: ColumnTypes, key: string): Index {
  const keys = index.keys.map((k): IndexKey => {
    let base: Mutable<IndexKey> = k.expression === undefined ? { ...k } : { ...k, expression: normalizePostgresExpression(k.expression, { kind: 'value' }, types, key) ?? k.expression };
    // `((name))` is stored as a plain column key.
    const bare = base.expression === undefined ? undefined : referencedColumns(base.expression);
    if (bare?.length === 1 && types.has(bare[0] as string) && quoteIdent(bare[0] as string) === base.expression) {
      const { expression: _expression, ...rest } = base;
      base = { ...rest, column: bare[0] as string } as Mutable<IndexKey>;
    }
    if ((base.descending && base.nulls === 'first') || (!base.descending && base.nulls === 'last')) delete base.nulls;
    if (base.collation !== undefined) base.collation = unquote(base.collation);
    return base as IndexKey;
  });
  const out: Mutable<Index> = { ...index, keys };
  if (index.where !== undefined) out.where = normalizePostgresExpression(index.where, { kind: 'condition' }, types, key) ?? index.where;
  if (out.method === 'btree') delete out.method;
  if (out.include !== undefined && out.include.length === 0) delete out.include;
  return out;
}

/**
 * Leaves out the names PostgreSQL would choose itself. Unnamed constraints that would get
 * the same name get the numbered names PostgreSQL falls back to, in the order of `order`.
 */
function nameByDefault<T extends UniqueConstraint | ForeignKey | CheckConstraint>(
  items: readonly T[],
  parts: (item: T) => [string, string | undefined, string],
  order: (item: T) => string,
): T[] {
  if (items.length === 0) return [];
  const described = items.map((item) => {
    const [a, b, label] = parts(item);
    const plain = makeObjectName(a, b, label);
    return { item, a, b, label, isDefault: item.name === undefined || item.name === plain, plain };
  });
  const named = described.filter((d) => !d.isDefault).map((d) => d.item);
  if (named.length === items.length) return named;
  const taken = new Set(named.map((i) => i.name as string));
  const unnamed = described.filter((d) => d.isDefault).map((d) => ({ ...d, k: order(d.item) }));
  if (unnamed.length > 1) unnamed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
  const out: T[] = [...named];
  for (const d of unnamed) {
    let n = 0;
    let name = d.plain;
    while (taken.has(name)) name = makeObjectName(d.a, d.b, `${d.label}${++n}`);
    taken.add(name);
    const { name: _dropped, ...rest } = d.item;
    out.push(n === 0 ? (rest as T) : ({ ...rest, name } as T));
  }
  return out;
}

function unquote(name: string): string {
  return /^".*"$/.test(name) ? name.slice(1, -1).replaceAll('""', '"') : name;
}

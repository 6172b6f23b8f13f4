import { RetortError } from '@retort/core';
import type { Column, Schema, SchemaDialect, Table } from '@retort/schema';
import { canonicalExpression, canonicalStatement, compareTypes, normalizeSchema } from '@retort/schema';
import { renderSqlite } from './sqlite-ddl.js';
import { catalogFingerprint, readCatalogRest, readSqliteCatalog } from './sqlite-introspect.js';
import { quoteIdentifier, quoteLiteral } from './sqlite-quote.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Remembers the last few thousand results of a pure text function: a schema repeats the
 * same defaults, checks and types hundreds of times, and introspection normalizes them all.
 */
function memoized(fn: (text: string) => string, limit = 5000): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let out = cache.get(text);
    if (out === undefined) {
      if (cache.size >= limit) cache.clear();
      out = fn(text);
      cache.set(text, out);
    }
    return out;
  };
}

/**
 * Canonical SQLite type: the declared type, lower case, single spaces, no spaces inside
 * parentheses. SQLite keeps declared types verbatim, so nothing else is changed (`int`
 * and `integer` differ: only `INTEGER PRIMARY KEY` aliases the rowid).
 *
 * @example
 * ```ts
 * normalizeSqliteType('NUMERIC( 10, 2 )'); // 'numeric(10,2)'
 * ```
 */
export function normalizeSqliteType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1');
}

/**
 * SQLite's table rules: a lone INTEGER primary key (the rowid) is never NULL, DEFERRABLE
 * INITIALLY IMMEDIATE is plain immediate, and comments and identity do not exist.
 */
function normalizeSqliteTable(table: Table): Table {
  const pk = table.primaryKey?.columns;
  const rowid = !table.withoutRowid && pk?.length === 1 ? pk[0] : undefined;
  const columns = table.columns.map((c): Column => {
    const out: Mutable<Column> = { ...c };
    delete out.comment;
    delete out.identity;
    if (c.name === rowid && c.type === 'integer') out.nullable = false;
    return out;
  });
  const out: Mutable<Table> = {
    ...table,
    columns,
    foreignKeys: table.foreignKeys.map((fk) => {
      if (fk.deferrable !== 'immediate') return fk;
      const { deferrable: _immediate, ...rest } = fk;
      return rest;
    }),
    uniques: table.uniques.map((u) => {
      if (u.deferrable === undefined && u.nullsNotDistinct === undefined) return u;
      const { deferrable: _d, nullsNotDistinct: _n, ...rest } = u;
      return rest;
    }),
    indexes: table.indexes.map((ix) => {
      if (ix.method === undefined && ix.include === undefined && ix.nullsNotDistinct === undefined) return ix;
      const { method: _m, include: _i, nullsNotDistinct: _n, ...rest } = ix;
      return rest;
    }),
  };
  delete out.comment;
  return out;
}

/**
 * What a dialect-neutral model means on SQLite: enum columns become `text` with a CHECK
 * listing the values; `serial` identity becomes a plain integer (an INTEGER PRIMARY KEY
 * numbers itself). Sequences and materialized views have no SQLite form.
 */
function sqliteFromModel(schema: Schema): Schema {
  const enums = new Map(schema.enums.map((e) => [e.name, e.values]));
  const sequence = schema.sequences[0];
  if (sequence) throw new RetortError('E_MODEL', `Sequence '${sequence.name}' has no SQLite form; remove it from the models or target Postgres.`, { facts: { argument: sequence.name } });
  const materialized = schema.views.find((v) => v.materialized);
  if (materialized) throw new RetortError('E_MODEL', `Materialized view '${materialized.name}' has no SQLite form; declare it as a plain view or target Postgres.`, { facts: { argument: materialized.name } });
  const tables = schema.tables.map((t): Table => {
    const checks = [...t.checks];
    const columns = t.columns.map((c): Column => {
      const values = enums.get(c.type);
      if (values === undefined) return c;
      checks.push({ expression: `${quoteIdentifier(c.name)} IN (${values.map(quoteLiteral).join(', ')})` });
      return { ...c, type: 'text' };
    });
    return { ...t, columns, checks };
  });
  return { ...schema, tables, enums: [] };
}

/**
 * The SQLite implementation of the `SchemaDialect` contract: catalog reader, normalizers
 * and DDL renderer (with the 12-step rebuild). Registered by name in the CLI's map.
 *
 * @example
 * ```ts
 * const current = await sqliteSchemaDialect.introspect(connection);
 * const plan = planMigration(current, fromModels(models, sqliteSchemaDialect), { dialect: sqliteSchemaDialect });
 * ```
 */
export const sqliteSchemaDialect: SchemaDialect = Object.freeze({
  name: 'sqlite',
  capabilities: Object.freeze({ enums: false, sequences: false, concurrentIndexes: false, comments: false, forwardForeignKeys: true }),
  async introspect(db, options = {}) {
    if (!options.cache) return normalizeSchema(await readSqliteCatalog(db, options), sqliteSchemaDialect);
    const { rows, key } = await catalogFingerprint(db, options);
    const cached = options.cache.get(key);
    if (cached) return cached;
    const schema = normalizeSchema(await readCatalogRest(db, rows, options), sqliteSchemaDialect);
    options.cache.set(key, schema);
    return schema;
  },
  normalizeType: memoized(normalizeSqliteType),
  normalizeExpression: memoized(canonicalExpression),
  normalizeStatement: canonicalStatement,
  normalizeTable: normalizeSqliteTable,
  fromModel: sqliteFromModel,
  compareTypes,
  render: renderSqlite,
  quoteIdentifier,
} satisfies SchemaDialect);

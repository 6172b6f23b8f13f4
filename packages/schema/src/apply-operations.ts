import { RetortError } from '@retort/core';
import type { Operation } from './operations.js';
import { renameIdentifier } from './canonical-expression.js';
import { stableKey } from './equal.js';
import { sortTableParts } from './normalize.js';
import { unknownOperation } from './reverse.js';
import type { Column, Schema, Table } from './schema-ir.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Options for {@link applyOperation}. */
export interface ApplyOptions {
  /** How a column rename changes expressions (a dialect's `renameInExpression`); default `renameIdentifier`. */
  readonly renameInExpression?: (sql: string, from: string, to: string) => string;
}

/**
 * The schema after one operation, computed without a database. Renderers use it to know
 * the whole table at each point (a SQLite rebuild needs it); tests use it to check that a
 * diff leads where it should. Added columns go at the end, as ALTER TABLE puts them.
 * Throws `E_UNSUPPORTED` when the operation does not fit the schema (a missing table).
 *
 * @example
 * ```ts
 * const next = applyOperation(schema, { kind: 'renameTable', from: 'users', to: 'people' });
 * ```
 */
export function applyOperation(schema: Schema, op: Operation, options: ApplyOptions = {}): Schema {
  switch (op.kind) {
    case 'createTable':
      return { ...schema, tables: insertByName(schema.tables, op.table) };
    case 'dropTable':
      return { ...schema, tables: removeByName(schema.tables, op.table.name, 'table') };
    case 'renameTable':
      return renameTable(schema, op.from, op.to);
    case 'renameColumn':
      return renameColumnEverywhere(schema, op.table, op.from, op.to, options);
    case 'createView':
      return { ...schema, views: insertByName(schema.views, op.view) };
    case 'dropView':
      return { ...schema, views: removeByName(schema.views, op.view.name, 'view') };
    case 'createEnum':
      return { ...schema, enums: insertByName(schema.enums, op.enum) };
    case 'dropEnum':
      return { ...schema, enums: removeByName(schema.enums, op.enum.name, 'enum') };
    case 'alterEnum':
      return { ...schema, enums: replaceByName(schema.enums, op.from.name, op.to, 'enum') };
    case 'createSequence':
      return { ...schema, sequences: insertByName(schema.sequences, op.sequence) };
    case 'dropSequence':
      return { ...schema, sequences: removeByName(schema.sequences, op.sequence.name, 'sequence') };
    case 'alterSequence':
      return { ...schema, sequences: replaceByName(schema.sequences, op.from.name, op.to, 'sequence') };
    case 'createTrigger':
      return { ...schema, triggers: insertByName(schema.triggers, op.trigger) };
    case 'dropTrigger':
      return { ...schema, triggers: removeByName(schema.triggers, op.trigger.name, 'trigger') };
    default:
      return { ...schema, tables: replaceByName(schema.tables, op.table, applyToTable(findTable(schema, op.table), op, options), 'table') };
  }
}

/**
 * The schema after a list of operations, in order.
 *
 * @example
 * ```ts
 * expect(applyOperations(a, diff(a, b, opts))).toEqual(b);
 * ```
 */
export function applyOperations(schema: Schema, ops: readonly Operation[], options: ApplyOptions = {}): Schema {
  let current = schema;
  for (const op of ops) current = applyOperation(current, op, options);
  return current;
}

type TableOp = Extract<Operation, { table: string }>;

function applyToTable(table: Table, op: TableOp, options: ApplyOptions): Table {
  const t: Mutable<Table> = { ...table };
  switch (op.kind) {
    case 'addColumn':
      t.columns = [...table.columns, op.column];
      break;
    case 'dropColumn':
      t.columns = removeByName(table.columns, op.column.name, `column of '${table.name}'`);
      break;
    case 'renameColumn':
      return renameColumn(table, op.from, op.to, options);
    case 'alterColumn':
      t.columns = replaceByName(table.columns, op.from.name, op.to, `column of '${table.name}'`, false);
      break;
    case 'addPrimaryKey':
      t.primaryKey = op.primaryKey;
      break;
    case 'dropPrimaryKey':
      delete t.primaryKey;
      break;
    case 'addUnique':
      t.uniques = [...table.uniques, op.unique];
      break;
    case 'dropUnique':
      t.uniques = removeEqual(table.uniques, op.unique, table.name);
      break;
    case 'addForeignKey':
      t.foreignKeys = [...table.foreignKeys, op.foreignKey];
      break;
    case 'dropForeignKey':
      t.foreignKeys = removeEqual(table.foreignKeys, op.foreignKey, table.name);
      break;
    case 'addCheck':
      t.checks = [...table.checks, op.check];
      break;
    case 'dropCheck':
      t.checks = removeEqual(table.checks, op.check, table.name);
      break;
    case 'createIndex':
      t.indexes = insertByName(table.indexes, op.index);
      break;
    case 'dropIndex':
      t.indexes = removeByName(table.indexes, op.index.name, 'index');
      break;
    case 'setTableComment':
      if (op.to === undefined) delete t.comment;
      else t.comment = op.to;
      break;
    default:
      return unknownOperation(op);
  }
  return sortTableParts(t);
}

function renameTable(schema: Schema, from: string, to: string): Schema {
  const table = findTable(schema, from);
  const renamedRefs = (t: Table): Table =>
    sortTableParts({
      ...t,
      foreignKeys: t.foreignKeys.map((fk) =>
        fk.references.table === from ? { ...fk, references: { ...fk.references, table: to } } : fk,
      ),
      ...(t.partitionOf?.table === from ? { partitionOf: { ...t.partitionOf, table: to } } : {}),
    });
  const tables = removeByName(schema.tables, from, 'table').map(renamedRefs);
  return {
    ...schema,
    tables: insertByName(tables, renamedRefs({ ...table, name: to })),
    triggers: schema.triggers.map((tr) => (tr.table === from ? { ...tr, table: to } : tr)),
  };
}

/**
 * Renames a column wherever the schema mentions it, as the databases do: its table's keys,
 * constraints, indexes and expressions, and foreign keys of other tables pointing at it.
 * (View and trigger bodies are left alone: the diff recreates the ones that change.)
 */
function renameColumnEverywhere(schema: Schema, tableName: string, from: string, to: string, options: ApplyOptions): Schema {
  const table = findTable(schema, tableName);
  if (!table.columns.some((c) => c.name === from)) throw missing(`column of '${tableName}'`, from);
  const retarget = (t: Table): Table => ({
    ...t,
    foreignKeys: t.foreignKeys.map((fk) =>
      fk.references.table === tableName
        ? { ...fk, references: { ...fk.references, columns: fk.references.columns.map((c) => (c === from ? to : c)) } }
        : fk,
    ),
  });
  const renamed = renameColumn(table, from, to, options);
  return {
    ...schema,
    tables: schema.tables.map((t) => sortTableParts(retarget(t === table ? renamed : t))),
  };
}

function renameColumn(table: Table, from: string, to: string, options: ApplyOptions): Table {
  const r = (name: string): string => (name === from ? to : name);
  const cols = (names: readonly string[]): string[] => names.map(r);
  const rename = options.renameInExpression ?? renameIdentifier;
  const expr = (sql: string): string => (mentions(sql, from) ? rename(sql, from, to) : sql);
  const columns = table.columns.map((c): Column => {
    const named = c.name === from ? { ...c, name: to } : c;
    return named.generated ? { ...named, generated: { ...named.generated, expression: expr(named.generated.expression) } } : named;
  });
  const out: Mutable<Table> = {
    ...table,
    columns,
    uniques: table.uniques.map((u) => ({ ...u, columns: cols(u.columns) })),
    foreignKeys: table.foreignKeys.map((fk) => ({ ...fk, columns: cols(fk.columns) })),
    checks: table.checks.map((c) => ({ ...c, expression: expr(c.expression) })),
    indexes: table.indexes.map((ix) => {
      const keys = ix.keys.map((k) =>
        k.column !== undefined ? { ...k, column: r(k.column) } : { ...k, expression: expr(k.expression) },
      );
      return ix.where === undefined ? { ...ix, keys } : { ...ix, keys, where: expr(ix.where) };
    }),
  };
  if (table.primaryKey) out.primaryKey = { ...table.primaryKey, columns: cols(table.primaryKey.columns) };
  return out;
}

function mentions(sql: string, name: string): boolean {
  return sql.toLowerCase().includes(name.toLowerCase());
}

function findTable(schema: Schema, name: string): Table {
  const table = schema.tables.find((t) => t.name === name);
  if (!table) throw missing('table', name);
  return table;
}

function insertByName<T extends { readonly name: string }>(items: readonly T[], item: T): T[] {
  if (items.some((i) => i.name === item.name)) {
    throw new RetortError('E_UNSUPPORTED', `Cannot create '${item.name}': it already exists; drop or rename it first.`, {
      facts: { argument: item.name },
    });
  }
  const out = [...items, item];
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function removeByName<T extends { readonly name: string }>(items: readonly T[], name: string, what: string): T[] {
  const out = items.filter((i) => i.name !== name);
  if (out.length === items.length) throw missing(what, name);
  return out;
}

function replaceByName<T extends { readonly name: string }>(
  items: readonly T[],
  name: string,
  item: T,
  what: string,
  sort = true,
): T[] {
  if (!items.some((i) => i.name === name)) throw missing(what, name);
  const out = items.map((i) => (i.name === name ? item : i));
  return sort ? out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : out;
}

function removeEqual<T>(items: readonly T[], item: T, table: string): T[] {
  const key = stableKey(item);
  const index = items.findIndex((i) => stableKey(i) === key);
  if (index < 0) throw missing(`constraint of '${table}'`, key);
  return [...items.slice(0, index), ...items.slice(index + 1)];
}

function missing(what: string, name: string): RetortError {
  return new RetortError('E_UNSUPPORTED', `No ${what} '${name}' to change; the operations do not fit this schema.`, {
    facts: { argument: name },
  });
}

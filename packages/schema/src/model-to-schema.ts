import { RetortError } from '@retort/core';
import type { ColumnBuilder, ReferenceTarget } from './dsl/column-builder.js';
import type { EnumModel, SequenceModel, TriggerModel, ViewModel } from './dsl/objects.js';
import type { ModelColumnRef } from './dsl/sql-tag.js';
import type { TableModel, TablePart } from './dsl/table.js';
import { normalizeSchema } from './normalize.js';
import type { SchemaDialect } from './schema-dialect.js';
import type { Column, EnumType, ForeignKey, Index, IndexKey, PrimaryKey, ReferentialAction, Schema, Table } from './schema-ir.js';

/** Anything `fromModels` understands; other values are ignored. */
export type Model = TableModel | EnumModel | ViewModel | SequenceModel | TriggerModel;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The schema that models describe, for a dialect, normalized exactly as that dialect's
 * introspection reports it. Takes a module's exports (an object) or a list; values that
 * are not models are skipped. Throws `E_MODEL` for a model that cannot work (a reference
 * to an unknown table or column, a duplicate name).
 *
 * @example
 * ```ts
 * import * as models from './models.js';
 * const target = fromModels(models, sqliteSchemaDialect);
 * ```
 */
export function fromModels(models: Readonly<Record<string, unknown>> | readonly unknown[], dialect: SchemaDialect): Schema {
  const all = (Array.isArray(models) ? models : Object.values(models)).filter(isModel);
  const tables = all.filter((m): m is TableModel => m.$kind === 'table');
  const byName = new Map<string, TableModel>();
  for (const t of tables) {
    if (byName.has(t.$name) && byName.get(t.$name) !== t) throw modelError(`Table '${t.$name}' is declared twice; rename one of them.`, t.$name);
    byName.set(t.$name, t);
  }
  const enums = new Map<string, EnumType>();
  for (const m of all) if (m.$kind === 'enum') enums.set(m.name, { name: m.name, values: [...m.values] });
  const schemaTables = [...byName.values()].map((t) => tableFromModel(t, byName, enums));
  // Index names share one namespace per schema in both dialects.
  const indexOwner = new Map<string, string>();
  for (const t of schemaTables) {
    for (const ix of t.indexes) {
      const owner = indexOwner.get(ix.name);
      if (owner !== undefined) throw modelError(`Index '${ix.name}' is declared on both '${owner}' and '${t.name}'; give each index its own name.`, ix.name);
      indexOwner.set(ix.name, t.name);
    }
  }
  const neutral: Schema = {
    tables: schemaTables,
    views: all
      .filter((m): m is ViewModel => m.$kind === 'view')
      .map((v) => ({ name: v.name, definition: v.definition, ...(v.materialized ? { materialized: true as const } : {}) })),
    enums: [...enums.values()],
    sequences: all.filter((m): m is SequenceModel => m.$kind === 'sequence').map((s) => s.sequence),
    triggers: all
      .filter((m): m is TriggerModel => m.$kind === 'trigger')
      .map((t) => ({ name: t.name, table: t.table, definition: t.definition })),
  };
  return normalizeSchema(dialect.fromModel(neutral), dialect);
}

function isModel(value: unknown): value is Model {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { $kind?: unknown }).$kind;
  return kind === 'table' || kind === 'enum' || kind === 'view' || kind === 'sequence' || kind === 'trigger';
}

function tableFromModel(model: TableModel, tables: ReadonlyMap<string, TableModel>, enums: Map<string, EnumType>): Table {
  const name = model.$name;
  const builders = Object.entries(model.$columns as Record<string, ColumnBuilder>);
  const columnNames = new Set(builders.map(([n]) => n));
  const own = (ref: ModelColumnRef, what: string): string => {
    if (ref.table !== name || !columnNames.has(ref.column)) {
      throw modelError(`${what} of table '${name}' names column '${ref.table}.${ref.column}', which is not in '${name}'; use a column of '${name}'.`, `${ref.table}.${ref.column}`);
    }
    return ref.column;
  };
  const table: Mutable<Table> = { name, columns: [], uniques: [], foreignKeys: [], checks: [], indexes: [] };
  const pkColumns: string[] = [];
  for (const [columnName, builder] of builders) {
    const spec = builder.spec;
    if (spec.enumName !== undefined && spec.enumValues !== undefined && !enums.has(spec.enumName)) {
      enums.set(spec.enumName, { name: spec.enumName, values: [...spec.enumValues] });
    }
    const column: Mutable<Column> = { name: columnName, type: spec.type, nullable: spec.nullable };
    if (spec.default !== undefined) column.default = spec.default;
    if (spec.identity !== undefined) column.identity = spec.identity;
    if (spec.autoincrement) column.autoincrement = true;
    if (spec.generated) column.generated = { ...spec.generated };
    if (spec.collation !== undefined) column.collation = spec.collation;
    if (spec.comment !== undefined) column.comment = spec.comment;
    table.columns = [...table.columns, column];
    if (spec.primaryKey) pkColumns.push(columnName);
    if (spec.unique) table.uniques = [...table.uniques, { ...spec.unique, columns: [columnName] }];
    for (const c of spec.checks) table.checks = [...table.checks, { ...c }];
    if (spec.references) {
      const target = resolveTarget(spec.references.target, tables, `${name}.${columnName}`);
      const { name: fkName, deferrable } = spec.references.options;
      const onDelete = referentialAction(spec.references.options.onDelete, `${name}.${columnName}`, 'onDelete');
      const onUpdate = referentialAction(spec.references.options.onUpdate, `${name}.${columnName}`, 'onUpdate');
      const fk: ForeignKey = {
        ...(fkName === undefined ? {} : { name: fkName }),
        columns: [columnName],
        references: { table: target.table, columns: [target.column] },
        onDelete,
        onUpdate,
        ...(deferrable === undefined ? {} : { deferrable }),
      };
      table.foreignKeys = [...table.foreignKeys, fk];
    }
  }
  if (pkColumns.length > 0) table.primaryKey = { columns: pkColumns };
  for (const part of model.$parts) applyPart(table, part, own, tables);
  if (model.$comment !== undefined) table.comment = model.$comment;
  return table;
}

function applyPart(
  table: Mutable<Table>,
  part: TablePart,
  own: (ref: ModelColumnRef, what: string) => string,
  tables: ReadonlyMap<string, TableModel>,
): void {
  switch (part.kind) {
    case 'index': {
      const keys = part.keys.map((k, i): IndexKey => {
        const base: IndexKey = k.kind === 'sql' ? { expression: k.text } : { column: own(k, `Index '${part.name}'`) };
        return part.descendingKeys?.[i] ? { ...base, descending: true } : base;
      });
      const index: Index = {
        name: part.name,
        keys,
        unique: part.unique,
        ...(part.predicate === undefined ? {} : { where: part.predicate }),
        ...(part.accessMethod === undefined ? {} : { method: part.accessMethod }),
      };
      table.indexes = [...table.indexes, index];
      return;
    }
    case 'unique':
      table.uniques = [...table.uniques, { ...(part.name === undefined ? {} : { name: part.name }), columns: part.columns.map((c) => own(c, 'A unique constraint')) }];
      return;
    case 'primaryKey': {
      if (table.primaryKey) throw modelError(`Table '${table.name}' declares its primary key twice; keep either .primaryKey() on columns or primaryKey(...).`, table.name);
      const columns = part.columns.map((c) => own(c, 'The primary key'));
      const pk: PrimaryKey = { ...(part.name === undefined ? {} : { name: part.name }), columns };
      table.primaryKey = pk;
      table.columns = table.columns.map((c) => (columns.includes(c.name) ? { ...c, nullable: false } : c));
      return;
    }
    case 'foreignKey': {
      const first = part.references[0];
      if (!first || part.references.length !== part.columns.length) {
        throw modelError(`A foreign key of table '${table.name}' has ${part.columns.length} columns and ${part.references.length} referenced columns; give as many of each.`, table.name);
      }
      for (const ref of part.references) resolveTarget(ref, tables, table.name);
      table.foreignKeys = [
        ...table.foreignKeys,
        {
          ...(part.name === undefined ? {} : { name: part.name }),
          columns: part.columns.map((c) => own(c, 'A foreign key')),
          references: { table: first.table, columns: part.references.map((r) => r.column) },
          onDelete: referentialAction(part.onDelete, table.name, 'onDelete'),
          onUpdate: referentialAction(part.onUpdate, table.name, 'onUpdate'),
          ...(part.deferrable === undefined ? {} : { deferrable: part.deferrable }),
        },
      ];
      return;
    }
    case 'check':
      table.checks = [...table.checks, { ...(part.name === undefined ? {} : { name: part.name }), expression: part.expression }];
      return;
  }
}

function resolveTarget(target: ReferenceTarget, tables: ReadonlyMap<string, TableModel>, from: string): { table: string; column: string } {
  const ref = typeof target === 'function' ? target() : target;
  if (typeof ref !== 'string') {
    checkTarget(ref.table, ref.column, tables, from);
    return { table: ref.table, column: ref.column };
  }
  const [tableName = '', column] = ref.split('.');
  const model = tables.get(tableName);
  if (!model) throw modelError(`Column '${from}' references table '${tableName}', which no model declares; export a table('${tableName}', ...) model.`, tableName);
  if (column !== undefined) {
    checkTarget(tableName, column, tables, from);
    return { table: tableName, column };
  }
  const pk = Object.entries(model.$columns as Record<string, ColumnBuilder>).filter(([, b]) => b.spec.primaryKey).map(([n]) => n);
  const pkPart = model.$parts.find((p) => p.kind === 'primaryKey');
  const pkColumns = pk.length > 0 ? pk : pkPart && pkPart.kind === 'primaryKey' ? pkPart.columns.map((c) => c.column) : [];
  if (pkColumns.length !== 1) {
    throw modelError(`Column '${from}' references table '${tableName}', whose primary key is not one column; name the column: '${tableName}.<column>'.`, tableName);
  }
  return { table: tableName, column: pkColumns[0] as string };
}

function checkTarget(table: string, column: string, tables: ReadonlyMap<string, TableModel>, from: string): void {
  const model = tables.get(table);
  if (!model) throw modelError(`Column '${from}' references table '${table}', which no model declares; export a table('${table}', ...) model.`, table);
  if (!Object.hasOwn(model.$columns, column)) {
    throw modelError(`Column '${from}' references '${table}.${column}', which does not exist; use a column of '${table}'.`, `${table}.${column}`);
  }
}

const ACTIONS: readonly ReferentialAction[] = ['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT'];

// Models may spell actions as SQL does in any case ('cascade', 'set null'); anything else
// would silently become a different constraint, so it is refused.
function referentialAction(value: string | undefined, where: string, option: string): ReferentialAction {
  if (value === undefined) return 'NO ACTION';
  const action = value.trim().replace(/\s+/g, ' ').toUpperCase() as ReferentialAction;
  if (ACTIONS.includes(action)) return action;
  throw modelError(`${option} '${value}' on ${where} is not a referential action; use one of ${ACTIONS.map((a) => `'${a}'`).join(', ')}.`, value);
}

function modelError(message: string, argument: string): RetortError {
  return new RetortError('E_MODEL', message, { facts: { argument } });
}

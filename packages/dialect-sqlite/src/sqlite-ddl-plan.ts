import type { Column, ForeignKey, Operation, Schema, Table } from '@retort/schema';
import { canonicalExpression, deepEqual, referencedNames, tableOfOperation } from '@retort/schema';
import { isConstantDefault } from './sqlite-ddl-table.js';

/** One table rebuild replacing a run of operations on that table. */
export interface RebuildGroup {
  readonly table: string;
  /** Index of the first and last operation it replaces; it is emitted at `last`. */
  readonly first: number;
  readonly last: number;
  /** New column name to old column name, for the columns whose data is copied. */
  readonly sources: ReadonlyMap<string, string>;
  /** What ALTER TABLE cannot do, for the hazard message (`'add a foreign key'`). */
  readonly reason: string;
}

/** Rebuilds by the index they are emitted at, and every operation index they replace. */
export interface RebuildPlan {
  readonly groups: ReadonlyMap<number, RebuildGroup>;
  readonly absorbed: ReadonlySet<number>;
}

const ABSORBABLE = new Set<Operation['kind']>([
  'addColumn', 'dropColumn', 'renameColumn', 'alterColumn', 'addPrimaryKey', 'dropPrimaryKey', 'addUnique', 'dropUnique',
  'addForeignKey', 'dropForeignKey', 'addCheck', 'dropCheck', 'createIndex', 'dropIndex', 'setTableComment',
]);

/**
 * Decides which operations SQLite's ALTER TABLE cannot do, and groups every operation on
 * such a table (between its creation, renames and drop) into one rebuild, emitted where
 * the last of them stands. `states[i]` is the schema before `ops[i]`.
 *
 * @example
 * ```ts
 * const { groups, absorbed } = planRebuilds(ops, states, versionNumber('3.35'));
 * ```
 */
export function planRebuilds(ops: readonly Operation[], states: readonly Schema[], target: number, inlined: ReadonlySet<number> = new Set()): RebuildPlan {
  const groups = new Map<number, RebuildGroup>();
  const absorbed = new Set<number>();
  ops.forEach((op, i) => {
    if (absorbed.has(i) || inlined.has(i)) return;
    const reason = rebuildReason(op, states[i] as Schema, target);
    if (reason === undefined) return;
    const table = tableOfOperation(op) as string;
    const members = windowOf(ops, i, table);
    const first = members[0] as number;
    const last = members[members.length - 1] as number;
    for (const m of members) absorbed.add(m);
    groups.set(last, { table, first, last, sources: sourcesOf(ops, members, states[first] as Schema, table), reason });
  });
  return { groups, absorbed };
}

/** Operations on `table` around index `at`, up to the nearest create, drop or rename of it. */
function windowOf(ops: readonly Operation[], at: number, table: string): number[] {
  const bounds = (op: Operation): boolean =>
    (op.kind === 'renameTable' && (op.from === table || op.to === table)) ||
    ((op.kind === 'createTable' || op.kind === 'dropTable') && op.table.name === table);
  const on = (op: Operation): boolean => ABSORBABLE.has(op.kind) && tableOfOperation(op) === table;
  let lo = at;
  while (lo > 0 && !bounds(ops[lo - 1] as Operation)) lo--;
  let hi = at;
  while (hi < ops.length - 1 && !bounds(ops[hi + 1] as Operation)) hi++;
  const members: number[] = [];
  for (let i = lo; i <= hi; i++) if (on(ops[i] as Operation)) members.push(i);
  return members;
}

function sourcesOf(ops: readonly Operation[], members: readonly number[], before: Schema, table: string): Map<string, string> {
  const t = before.tables.find((x) => x.name === table) as Table;
  const sources = new Map(t.columns.map((c) => [c.name, c.name]));
  for (const i of members) {
    const op = ops[i] as Operation;
    if (op.kind === 'renameColumn') {
      const source = sources.get(op.from);
      sources.delete(op.from);
      if (source !== undefined) sources.set(op.to, source);
    } else if (op.kind === 'addColumn' || op.kind === 'dropColumn') {
      sources.delete(op.column.name);
    }
  }
  return sources;
}

/** Foreign keys written into the column they come with, instead of a rebuild. */
export interface InlineForeignKeys {
  /** `addColumn` index to the foreign key its statement carries. */
  readonly byColumn: ReadonlyMap<number, ForeignKey>;
  /** Indexes of the `addForeignKey` operations that need no statement of their own. */
  readonly skipped: ReadonlySet<number>;
}

/**
 * Pairs each single-column `addForeignKey` with the `addColumn` of that column earlier in
 * the list: `ALTER TABLE ADD COLUMN ... REFERENCES` needs no rebuild when the column's
 * default is NULL (https://www.sqlite.org/lang_altertable.html).
 *
 * @example
 * ```ts
 * inlineForeignKeys([addUserId, addUserIdForeignKey]).skipped; // Set { 1 }
 * ```
 */
export function inlineForeignKeys(ops: readonly Operation[]): InlineForeignKeys {
  const byColumn = new Map<number, ForeignKey>();
  const skipped = new Set<number>();
  ops.forEach((op, j) => {
    if (op.kind !== 'addForeignKey' || op.foreignKey.columns.length !== 1) return;
    const i = ops.findIndex(
      (o, k) =>
        k < j &&
        !byColumn.has(k) &&
        o.kind === 'addColumn' &&
        o.table === op.table &&
        o.column.name === op.foreignKey.columns[0] &&
        (o.column.default === undefined || /^NULL$/i.test(o.column.default)) &&
        o.column.generated === undefined,
    );
    if (i < 0 || ops.slice(i + 1, j).some((o) => tableOfOperation(o) === op.table && o.kind !== 'createIndex' && o.kind !== 'addColumn')) return;
    byColumn.set(i, op.foreignKey);
    skipped.add(j);
  });
  return { byColumn, skipped };
}

/**
 * Why an operation needs a rebuild on SQLite (as words for a message), or `undefined`
 * when ALTER TABLE does it.
 */
export function rebuildReason(op: Operation, schema: Schema, target: number): string | undefined {
  switch (op.kind) {
    case 'addColumn':
      return canAddColumn(op.column) ? undefined : `add column '${op.column.name}' with this definition`;
    case 'dropColumn': {
      const table = schema.tables.find((t) => t.name === op.table) as Table;
      return canDropColumn(table, op.column.name, schema) ? undefined : `drop column '${op.column.name}' while keys, constraints or expressions use it`;
    }
    case 'alterColumn': {
      const sameButNull = deepEqual({ ...op.from, nullable: op.to.nullable }, op.to);
      if (sameButNull && (op.from.nullable === op.to.nullable || target >= 3_053_000)) return undefined;
      return `alter column '${op.to.name}'`;
    }
    case 'addCheck':
      // SQLite 3.53's ADD CONSTRAINT rejects existing rows whose CHECK is NULL (unknown),
      // which a CHECK accepts everywhere else: a rebuild validates rows the usual way.
      return 'add a CHECK constraint';
    case 'dropCheck':
      return target >= 3_053_000 && op.check.name !== undefined ? undefined : 'drop a CHECK constraint';
    case 'addPrimaryKey':
    case 'dropPrimaryKey':
      return 'change a primary key';
    case 'addUnique':
    case 'dropUnique':
      return `${op.kind === 'addUnique' ? 'add' : 'drop'} a unique constraint`;
    case 'addForeignKey':
    case 'dropForeignKey':
      return `${op.kind === 'addForeignKey' ? 'add' : 'drop'} a foreign key`;
    default:
      return undefined;
  }
}

/** What `ALTER TABLE ADD COLUMN` accepts (https://www.sqlite.org/lang_altertable.html). */
function canAddColumn(column: Column): boolean {
  if (column.autoincrement || column.generated?.stored) return false;
  if (column.default !== undefined && !isConstantDefault(column.default)) return false;
  if (!column.nullable && (column.default === undefined || /^NULL$/i.test(column.default))) return false;
  return true;
}

/** What `ALTER TABLE DROP COLUMN` accepts: a column nothing else in the schema uses. */
function canDropColumn(table: Table, column: string, schema: Schema): boolean {
  const named = (sql: string): boolean => {
    const names = referencedNames(canonicalExpression(sql));
    return names.has(column) || names.has(column.toLowerCase());
  };
  if (table.primaryKey?.columns.includes(column)) return false;
  if (table.uniques.some((u) => u.columns.includes(column))) return false;
  if (table.foreignKeys.some((fk) => fk.columns.includes(column))) return false;
  if (schema.tables.some((t) => t.foreignKeys.some((fk) => fk.references.table === table.name && fk.references.columns.includes(column)))) return false;
  if (table.checks.some((c) => named(c.expression))) return false;
  if (table.columns.some((c) => c.generated !== undefined && named(c.generated.expression))) return false;
  return !table.indexes.some(
    (ix) => ix.keys.some((k) => k.column === column || (k.expression !== undefined && named(k.expression))) || (ix.where !== undefined && named(ix.where)),
  );
}

import { RetortError } from '@retort/core';
import { deepEqual, stableKey } from './equal.js';
import type { Operation } from './operations.js';
import type { Table } from './schema-ir.js';

/**
 * Phases of a migration, in the order their operations run. Each phase undoes cleanly in
 * reverse order: what one phase creates, a later one may depend on.
 */
export const PHASE = Object.freeze({
  dropTriggers: 0,
  dropViews: 1,
  renames: 2,
  dropForeignKeys: 3,
  dropIndexes: 4,
  dropChecks: 5,
  dropUniques: 6,
  dropPrimaryKeys: 7,
  types: 8,
  createTables: 9,
  addColumns: 10,
  alterColumns: 11,
  dropColumns: 12,
  comments: 13,
  addPrimaryKeys: 14,
  addUniques: 15,
  addChecks: 16,
  createIndexes: 17,
  addForeignKeys: 18,
  dropTables: 19,
  dropTypes: 20,
  createViews: 21,
  createTriggers: 22,
});

/** Operations sorted into phases. */
export type PhasedOps = Operation[][];

/** An empty phase list. */
export function newPhases(): PhasedOps {
  return Object.keys(PHASE).map(() => []);
}

/** Adds an operation to a phase. */
export function pushOp(phases: PhasedOps, phase: number, op: Operation): void {
  (phases[phase] as Operation[]).push(op);
}

/**
 * Adds the operations turning table `from` into table `to` (same name, renames already
 * applied): columns by name, constraints by content, indexes by name.
 *
 * @example
 * ```ts
 * const phases = newPhases();
 * diffTable(before, after, phases);
 * ```
 */
export function diffTable(from: Table, to: Table, phases: PhasedOps): void {
  const table = to.name;
  if (!deepEqual(from.partitionBy, to.partitionBy) || !deepEqual(from.partitionOf, to.partitionOf)) {
    // No ALTER turns a table into a partitioned one or moves a partition: it takes a copy.
    throw new RetortError('E_UNSUPPORTED', `Table '${table}' changes its partitioning; Retort cannot migrate that in place, so write this migration by hand (create the new table, copy the rows, swap the names).`, {
      facts: { argument: table },
    });
  }
  const toCols = new Map(to.columns.map((c) => [c.name, c]));
  const fromCols = new Map(from.columns.map((c) => [c.name, c]));
  for (const column of to.columns) {
    const before = fromCols.get(column.name);
    if (!before) pushOp(phases, PHASE.addColumns, { kind: 'addColumn', table, column });
    else if (!deepEqual(before, column)) pushOp(phases, PHASE.alterColumns, { kind: 'alterColumn', table, from: before, to: column });
  }
  for (const column of from.columns) {
    if (!toCols.has(column.name)) pushOp(phases, PHASE.dropColumns, { kind: 'dropColumn', table, column });
  }
  if (from.comment !== to.comment) {
    pushOp(phases, PHASE.comments, {
      kind: 'setTableComment',
      table,
      ...(from.comment === undefined ? {} : { from: from.comment }),
      ...(to.comment === undefined ? {} : { to: to.comment }),
    });
  }
  if (!deepEqual(from.primaryKey, to.primaryKey)) {
    if (from.primaryKey) pushOp(phases, PHASE.dropPrimaryKeys, { kind: 'dropPrimaryKey', table, primaryKey: from.primaryKey });
    if (to.primaryKey) pushOp(phases, PHASE.addPrimaryKeys, { kind: 'addPrimaryKey', table, primaryKey: to.primaryKey });
  }
  const [droppedU, addedU] = setDiff(from.uniques, to.uniques);
  for (const unique of droppedU) pushOp(phases, PHASE.dropUniques, { kind: 'dropUnique', table, unique });
  for (const unique of addedU) pushOp(phases, PHASE.addUniques, { kind: 'addUnique', table, unique });
  const [droppedF, addedF] = setDiff(from.foreignKeys, to.foreignKeys);
  for (const foreignKey of droppedF) pushOp(phases, PHASE.dropForeignKeys, { kind: 'dropForeignKey', table, foreignKey });
  for (const foreignKey of addedF) pushOp(phases, PHASE.addForeignKeys, { kind: 'addForeignKey', table, foreignKey });
  const [droppedC, addedC] = setDiff(from.checks, to.checks);
  for (const check of droppedC) pushOp(phases, PHASE.dropChecks, { kind: 'dropCheck', table, check });
  for (const check of addedC) pushOp(phases, PHASE.addChecks, { kind: 'addCheck', table, check });
  const [droppedI, addedI] = setDiff(from.indexes, to.indexes);
  for (const index of droppedI) pushOp(phases, PHASE.dropIndexes, { kind: 'dropIndex', table, index });
  for (const index of addedI) pushOp(phases, PHASE.createIndexes, { kind: 'createIndex', table, index });
}

/** Items only in `a` and items only in `b`, compared by content (as multisets). */
function setDiff<T>(a: readonly T[], b: readonly T[]): [T[], T[]] {
  const counts = new Map<string, number>();
  for (const item of b) {
    const k = stableKey(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const onlyA: T[] = [];
  for (const item of a) {
    const k = stableKey(item);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else onlyA.push(item);
  }
  const remaining = new Map<string, number>();
  for (const item of a) {
    const k = stableKey(item);
    remaining.set(k, (remaining.get(k) ?? 0) + 1);
  }
  const onlyB: T[] = [];
  for (const item of b) {
    const k = stableKey(item);
    const n = remaining.get(k) ?? 0;
    if (n > 0) remaining.set(k, n - 1);
    else onlyB.push(item);
  }
  return [onlyA, onlyB];
}

/**
 * True when a table is changed in a way that may break views and triggers naming it: a
 * column dropped, renamed, or altered in more than its comment.
 */
export function touchesColumns(op: Operation): boolean {
  if (op.kind === 'alterColumn') return !deepEqual({ ...op.from, comment: op.to.comment }, op.to);
  return op.kind === 'dropColumn' || op.kind === 'renameColumn';
}

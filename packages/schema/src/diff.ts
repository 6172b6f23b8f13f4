import { referencedNames } from './canonical-expression.js';
import { diffTable, newPhases, PHASE, pushOp, touchesColumns, type PhasedOps } from './diff-table.js';
import { resolveRenames } from './diff-renames.js';
import { deepEqual } from './equal.js';
import type { Operation } from './operations.js';
import { orderTablesForCreate, orderViews } from './order-tables.js';
import type { RenameResolver } from './rename-resolver.js';
import type { SchemaCapabilities } from './schema-dialect.js';
import type { ColumnRef, Schema, Table } from './schema-ir.js';

/** Options for {@link diff}. */
export interface DiffOptions {
  /**
   * Decides whether a dropped table or column with compatible added ones was renamed.
   * Without it such a case throws `E_RENAME_REQUIRED`.
   */
  readonly resolveRename?: RenameResolver;
  /** The target dialect's capabilities; only `forwardForeignKeys` is read (default false). */
  readonly capabilities?: Pick<SchemaCapabilities, 'forwardForeignKeys'>;
  /** The target dialect's `renameInExpression`, for expressions naming a renamed column. */
  readonly renameInExpression?: (sql: string, from: string, to: string) => string;
}

/**
 * The operations turning schema `from` into schema `to` (both normalized for the same
 * dialect), in an order that runs: renames first, then drops of what depends on changed
 * things, new types and tables (foreign-key targets first, cycles broken with
 * `addForeignKey`), columns, constraints and indexes, drops of tables and types, and views
 * and triggers last. `reverseAll(diff(a, b))` is the way back. Column order is ignored.
 *
 * @example
 * ```ts
 * const up = diff(current, models, { resolveRename: renameResolverFromHints(hints) });
 * const down = reverseAll(up);
 * ```
 */
export function diff(from: Schema, to: Schema, options: DiffOptions = {}): Operation[] {
  // The no-op case (`retort check` in CI, watch with nothing saved): two native stringify
  // calls instead of walking hundreds of tables. Equal text means equal schemas; unequal
  // text may still be equal (key order), which the walk below decides.
  if (JSON.stringify(from) === JSON.stringify(to)) return [];
  const phases = newPhases();
  const { tableRenames, columnRenames, renamed } = resolveRenames(from, to, options.resolveRename, options.renameInExpression);
  for (const op of [...tableRenames, ...columnRenames]) pushOp(phases, PHASE.renames, op);
  diffTypes(renamed, to, phases);
  const changed = diffTables(renamed, to, phases, options.capabilities?.forwardForeignKeys ?? false);
  for (const op of tableRenames) changed.add(op.from).add(op.to);
  for (const op of columnRenames) changed.add(op.table);
  diffViews(from, to, changed, phases);
  diffTriggers(from, to, changed, phases);
  return phases.flat();
}

/** Adds table operations; returns the tables (by target name) whose columns changed or that went away. */
function diffTables(from: Schema, to: Schema, phases: PhasedOps, forward: boolean): Set<string> {
  const fromTables = new Map(from.tables.map((t) => [t.name, t]));
  const toTables = new Map(to.tables.map((t) => [t.name, t]));
  const changed = new Set<string>();
  const created = to.tables.filter((t) => !fromTables.has(t.name));
  const dropped = from.tables.filter((t) => !toTables.has(t.name));
  const createOrder = orderTablesForCreate(created, forward);
  for (const table of createOrder.tables) pushOp(phases, PHASE.createTables, { kind: 'createTable', table });
  for (const { table, foreignKey } of createOrder.deferred) {
    pushOp(phases, PHASE.addForeignKeys, { kind: 'addForeignKey', table, foreignKey });
  }
  for (const table of to.tables) {
    const before = fromTables.get(table.name);
    if (!before || deepEqual(before, table)) continue;
    const tablePhases = newPhases();
    diffTable(before, table, tablePhases);
    if (tablePhases.some((ops) => ops.some(touchesColumns))) changed.add(table.name);
    tablePhases.forEach((ops, phase) => ops.forEach((op) => pushOp(phases, phase, op)));
  }
  // Dropping is creating in reverse: the same cycle-breaking, undone in reverse order.
  const dropOrder = orderTablesForCreate(dropped, forward);
  for (const { table, foreignKey } of dropOrder.deferred) {
    pushOp(phases, PHASE.dropForeignKeys, { kind: 'dropForeignKey', table, foreignKey });
  }
  for (const table of [...dropOrder.tables].reverse()) {
    changed.add(table.name);
    pushOp(phases, PHASE.dropTables, { kind: 'dropTable', table });
  }
  return changed;
}

function diffTypes(from: Schema, to: Schema, phases: PhasedOps): void {
  const fromEnums = new Map(from.enums.map((e) => [e.name, e]));
  const toEnums = new Set(to.enums.map((e) => e.name));
  for (const e of to.enums) {
    const before = fromEnums.get(e.name);
    if (!before) pushOp(phases, PHASE.types, { kind: 'createEnum', enum: e });
    else if (!deepEqual(before, e)) {
      pushOp(phases, PHASE.types, { kind: 'alterEnum', from: before, to: e, usages: usagesOf(from.tables, e.name) });
    }
  }
  for (const e of from.enums) if (!toEnums.has(e.name)) pushOp(phases, PHASE.dropTypes, { kind: 'dropEnum', enum: e });
  const fromSeqs = new Map(from.sequences.map((s) => [s.name, s]));
  const toSeqs = new Set(to.sequences.map((s) => s.name));
  for (const s of to.sequences) {
    const before = fromSeqs.get(s.name);
    if (!before) pushOp(phases, PHASE.types, { kind: 'createSequence', sequence: s });
    else if (!deepEqual(before, s)) pushOp(phases, PHASE.types, { kind: 'alterSequence', from: before, to: s });
  }
  for (const s of from.sequences) {
    if (!toSeqs.has(s.name)) pushOp(phases, PHASE.dropTypes, { kind: 'dropSequence', sequence: s });
  }
}

function usagesOf(tables: readonly Table[], type: string): ColumnRef[] {
  return tables.flatMap((t) => t.columns.filter((c) => c.type === type).map((c) => ({ table: t.name, column: c.name })));
}

/** Views are compared on the original names: a view naming a changed table is recreated. */
function diffViews(from: Schema, to: Schema, changed: ReadonlySet<string>, phases: PhasedOps): void {
  const toViews = new Map(to.views.map((v) => [v.name, v]));
  const fromViews = new Map(from.views.map((v) => [v.name, v]));
  const stale = new Set<string>(changed);
  // A view is stale when it changed or mentions a stale table or view; repeat until stable.
  for (let grew = true; grew; ) {
    grew = false;
    for (const view of from.views) {
      if (stale.has(view.name)) continue;
      const target = toViews.get(view.name);
      if (!target || !deepEqual(view, target) || mentionsAny(view.definition, stale)) {
        stale.add(view.name);
        grew = true;
      }
    }
  }
  const dropped = orderViews(from.views.filter((v) => stale.has(v.name))).reverse();
  for (const view of dropped) pushOp(phases, PHASE.dropViews, { kind: 'dropView', view });
  const created = orderViews(to.views.filter((v) => !fromViews.has(v.name) || stale.has(v.name)));
  for (const view of created) pushOp(phases, PHASE.createViews, { kind: 'createView', view });
}

function diffTriggers(from: Schema, to: Schema, changed: ReadonlySet<string>, phases: PhasedOps): void {
  const toTriggers = new Map(to.triggers.map((t) => [t.name, t]));
  const fromTriggers = new Map(from.triggers.map((t) => [t.name, t]));
  const stale = (name: string): boolean => {
    const before = fromTriggers.get(name);
    const after = toTriggers.get(name);
    if (!before || !after) return true;
    return !deepEqual(before, after) || changed.has(before.table) || mentionsAny(before.definition, changed);
  };
  for (const trigger of from.triggers) {
    if (stale(trigger.name)) pushOp(phases, PHASE.dropTriggers, { kind: 'dropTrigger', trigger });
  }
  for (const trigger of to.triggers) {
    if (stale(trigger.name)) pushOp(phases, PHASE.createTriggers, { kind: 'createTrigger', trigger });
  }
}

function mentionsAny(sql: string, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  const mentioned = referencedNames(sql);
  for (const name of names) if (mentioned.has(name) || mentioned.has(name.toLowerCase())) return true;
  return false;
}

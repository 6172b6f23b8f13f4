import { applyOperations } from './apply-operations.js';
import type { RenameColumnOp, RenameTableOp } from './operations.js';
import { renameRequired, type RenameQuestion, type RenameResolver } from './rename-resolver.js';
import type { Column, Schema, Table } from './schema-ir.js';

/** Renames the diff settled on, and the `from` schema with them applied. */
export interface ResolvedRenames {
  readonly tableRenames: readonly RenameTableOp[];
  readonly columnRenames: readonly RenameColumnOp[];
  /** `from` after the renames: its names now line up with `to`. */
  readonly renamed: Schema;
}

/**
 * Asks the resolver about every dropped table or column that has compatible added ones
 * (tables first, then columns of tables present on both sides), and applies the renames it
 * confirms. Without a resolver, a question throws `E_RENAME_REQUIRED`: data is never
 * dropped silently.
 *
 * @example
 * ```ts
 * const { renamed, tableRenames } = resolveRenames(before, after, (q) => q.candidates[0] ?? null);
 * ```
 */
export function resolveRenames(
  from: Schema,
  to: Schema,
  resolve: RenameResolver | undefined,
  renameInExpression?: (sql: string, from: string, to: string) => string,
): ResolvedRenames {
  const ask = (q: RenameQuestion): string | null => {
    if (!resolve) throw renameRequired(q);
    const answer = resolve(q);
    return answer !== null && q.candidates.includes(answer) ? answer : null;
  };
  const tableRenames = renameTables(from, to, ask);
  const afterTables = applyOperations(from, tableRenames);
  const columnRenames: RenameColumnOp[] = [];
  const toTables = new Map(to.tables.map((t) => [t.name, t]));
  for (const table of afterTables.tables) {
    const target = toTables.get(table.name);
    if (!target) continue;
    const fromTable = tableRenames.find((r) => r.to === table.name)?.from;
    columnRenames.push(...renameColumns(table, target, fromTable, ask));
  }
  const options = renameInExpression === undefined ? {} : { renameInExpression };
  return { tableRenames, columnRenames, renamed: applyOperations(afterTables, columnRenames, options) };
}

function renameTables(from: Schema, to: Schema, ask: (q: RenameQuestion) => string | null): RenameTableOp[] {
  const fromNames = new Set(from.tables.map((t) => t.name));
  const toNames = new Set(to.tables.map((t) => t.name));
  const added = to.tables.filter((t) => !fromNames.has(t.name));
  const taken = new Set<string>();
  const ops: RenameTableOp[] = [];
  for (const dropped of from.tables) {
    if (toNames.has(dropped.name)) continue;
    const candidates = added
      .filter((a) => !taken.has(a.name))
      .map((a) => ({ name: a.name, score: tableSimilarity(dropped, a) }))
      // Any shared non-key column makes it a question: asking costs a prompt, guessing wrong costs a table.
      .filter((c) => c.score > 0)
      .sort((x, y) => y.score - x.score || (x.name < y.name ? -1 : 1))
      .map((c) => c.name);
    if (candidates.length === 0) continue;
    const answer = ask({ kind: 'table', from: dropped.name, candidates });
    if (answer === null) continue;
    taken.add(answer);
    ops.push({ kind: 'renameTable', from: dropped.name, to: answer });
  }
  return ops;
}

/**
 * Share of columns (same name and type) two tables have in common, 0..1; 0 when they share
 * only key columns (every table has an `id`).
 */
function tableSimilarity(a: Table, b: Table): number {
  const bCols = new Map(b.columns.map((c) => [c.name, c.type]));
  const same = a.columns.filter((c) => bCols.get(c.name) === c.type);
  if (same.every((c) => a.primaryKey?.columns.includes(c.name))) return 0;
  return same.length / Math.max(a.columns.length, b.columns.length, 1);
}

function renameColumns(
  from: Table,
  to: Table,
  fromTable: string | undefined,
  ask: (q: RenameQuestion) => string | null,
): RenameColumnOp[] {
  const fromNames = new Set(from.columns.map((c) => c.name));
  const toNames = new Set(to.columns.map((c) => c.name));
  const added = to.columns.filter((c) => !fromNames.has(c.name));
  const taken = new Set<string>();
  const ops: RenameColumnOp[] = [];
  for (const dropped of from.columns) {
    if (toNames.has(dropped.name)) continue;
    const candidates = added
      .filter((a) => !taken.has(a.name) && a.type === dropped.type)
      .sort((x, y) => columnCloseness(dropped, y) - columnCloseness(dropped, x))
      .map((a) => a.name);
    if (candidates.length === 0) continue;
    const answer = ask({
      kind: 'column',
      table: to.name,
      ...(fromTable === undefined ? {} : { fromTable }),
      from: dropped.name,
      candidates,
    });
    if (answer === null) continue;
    taken.add(answer);
    ops.push({ kind: 'renameColumn', table: to.name, from: dropped.name, to: answer });
  }
  return ops;
}

/** Ranks candidates: same nullability and default first. */
function columnCloseness(a: Column, b: Column): number {
  return (a.nullable === b.nullable ? 2 : 0) + (a.default === b.default ? 1 : 0);
}

/**
 * Version-row maintenance: what one migration or stamp step does to the version table,
 * decided exactly as Alembic's `HeadMaintainer.update_to_step` with `RevisionStep` /
 * `StampStep` (delete a branch, create one, merge, unmerge, or move a row). Where Alembic
 * picks rows from an unordered set, Retort picks in parent order; the resulting rows are
 * the same.
 */
import type { GraphCore } from './graph-core.js';
import { unknownRevision, versionRowMismatch } from './graph-errors.js';
import { related } from './traversal.js';
import type { AppliedStep, Step, StampStep, VersionChange, VersionOp } from './types.js';

/**
 * Applies one step to the version rows.
 *
 * @example
 * ```ts
 * applyStep(core, ['d1', 'd2'], { revision: 'e', direction: 'up' });
 * // { heads: ['e'], change: { kind: 'merge', ops: [{ op: 'delete', revision: 'd1' },
 * //   { op: 'update', from: 'd2', to: 'e' }] } }
 * ```
 */
export function applyStep(core: GraphCore, currentHeads: readonly string[], step: Step | StampStep): AppliedStep {
  const kind = 'revision' in step ? revisionChange(core, currentHeads, step) : stampChange(currentHeads, step);
  const rows = [...currentHeads];
  for (const op of kind.ops) applyOp(rows, op);
  return { heads: rows, change: kind };
}

function applyOp(rows: string[], op: VersionOp): void {
  if (op.op === 'insert') {
    if (rows.includes(op.revision)) throw versionRowMismatch(`row '${op.revision}' to insert is already present`);
    rows.push(op.revision);
    return;
  }
  const from = op.op === 'delete' ? op.revision : op.from;
  const at = rows.indexOf(from);
  if (at < 0) throw versionRowMismatch(`no row '${from}' to ${op.op}`);
  if (op.op === 'delete') {
    rows.splice(at, 1);
    return;
  }
  if (rows.includes(op.to)) throw versionRowMismatch(`row '${op.to}' to update to is already present`);
  rows[at] = op.to;
}

function revisionChange(core: GraphCore, heads: readonly string[], step: Step): VersionChange {
  const r = core.keys.get(step.revision);
  if (r === undefined || core.ids[r] !== step.revision) throw unknownRevision(step.revision);
  const id = step.revision;
  const down = core.down[r]!.map((d) => core.ids[d]!);
  const present = new Set(heads);
  const downPresent = down.filter((d) => present.has(d));
  if (step.direction === 'down') {
    if (present.has(id)) {
      const to = down.length === 0 ? [] : unmergeTargets(core, heads, r);
      if (to.length === 0) return { kind: 'delete', ops: [{ op: 'delete', revision: id }] };
      if (down.length > 1) {
        const inserts = to.slice(0, -1).map((revision): VersionOp => ({ op: 'insert', revision }));
        return { kind: 'unmerge', ops: [...inserts, { op: 'update', from: id, to: to[to.length - 1]! }] };
      }
    }
    return { kind: 'update', ops: [{ op: 'update', from: id, to: updateOther(down, downPresent, id) }] };
  }
  if (down.length === 0 || downPresent.length === 0) return { kind: 'insert', ops: [{ op: 'insert', revision: id }] };
  if (down.length > 1 && downPresent.length > 1) {
    const others = heads.filter((h) => !down.includes(h));
    const covered = others.length > 0 ? ancestorsOf(core, others) : null;
    const from = covered ? down.filter((d) => !covered[core.keys.get(d)!]) : down;
    if (from.length === 0) throw versionRowMismatch(`nothing to merge into '${id}'`);
    const deletes = from.slice(0, -1).map((revision): VersionOp => ({ op: 'delete', revision }));
    return { kind: 'merge', ops: [...deletes, { op: 'update', from: from[from.length - 1]!, to: id }] };
  }
  return { kind: 'update', ops: [{ op: 'update', from: updateOther(down, downPresent, id), to: id }] };
}

/** The single parent row an update moves from or to. */
function updateOther(down: readonly string[], downPresent: readonly string[], id: string): string {
  if (down.length === 1) return down[0]!;
  if (downPresent.length !== 1) throw versionRowMismatch(`can't move '${id}' because its parent row is ambiguous`);
  return downPresent[0]!;
}

/** Parents of `r` that no other current row already implies (`_unmerge_to_revisions`). */
function unmergeTargets(core: GraphCore, heads: readonly string[], r: number): string[] {
  const id = core.ids[r]!;
  const down = core.down[r]!;
  const others = heads.filter((h) => h !== id);
  // A lone parent is never its own ancestor: skip the walk, which made stepping down a
  // long linear history quadratic.
  if (others.length === 0 && down.length === 1) return [core.ids[down[0]!]!];
  let covered: Uint8Array;
  if (others.length > 0) covered = ancestorsOf(core, others);
  else {
    covered = new Uint8Array(core.ids.length);
    for (const d of down) {
      const below = related(core, [d], 'down');
      below[d] = 0;
      for (let i = 0; i < below.length; i++) if (below[i]) covered[i] = 1;
    }
  }
  return down.filter((d) => !covered[d]).map((d) => core.ids[d]!);
}

function ancestorsOf(core: GraphCore, rows: readonly string[]): Uint8Array {
  const revisions = rows.map((row) => {
    const r = core.keys.get(row);
    if (r === undefined) throw unknownRevision(row);
    return r;
  });
  return related(core, revisions, 'down');
}

function stampChange(heads: readonly string[], step: StampStep): VersionChange {
  const present = new Set(heads);
  const { from, to } = step;
  if (step.direction === 'down' && step.branchMove) return { kind: 'delete', ops: [{ op: 'delete', revision: single(from) }] };
  const newRow = to.some((t) => !present.has(t));
  if (step.direction === 'up' && (step.branchMove || from.some((f) => !present.has(f))) && newRow) {
    return { kind: 'insert', ops: [{ op: 'insert', revision: single(to) }] };
  }
  if (from.length > 1) {
    const deletes = from.slice(0, -1).map((revision): VersionOp => ({ op: 'delete', revision }));
    return { kind: 'merge', ops: [...deletes, { op: 'update', from: from[from.length - 1]!, to: to[0]! }] };
  }
  if (to.length > 1) {
    const inserts = to.slice(0, -1).map((revision): VersionOp => ({ op: 'insert', revision }));
    return { kind: 'unmerge', ops: [...inserts, { op: 'update', from: from[0]!, to: to[to.length - 1]! }] };
  }
  return { kind: 'update', ops: [{ op: 'update', from: single(from), to: single(to) }] };
}

function single(revisions: readonly string[]): string {
  if (revisions.length !== 1) throw versionRowMismatch(`expected one revision, got ${revisions.length}`);
  return revisions[0]!;
}

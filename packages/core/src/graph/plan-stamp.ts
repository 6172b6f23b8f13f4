/**
 * `retort stamp`: version-row moves without running SQL, as Alembic's
 * `ScriptDirectory._stamp_revs` decides them, then applied through the head maintainer.
 */
import type { GraphCore } from './graph-core.js';
import { applyStep } from './head-maintainer.js';
import { filterForLineage, getRevisions } from './resolve-target.js';
import { numbersOf, toIdents } from './relative-target.js';
import { related } from './traversal.js';
import type { StampOptions, StampPlan, StampStep, Target, VersionChange } from './types.js';

/**
 * The stamp steps that move `currentHeads` to `target` (one or several revisions).
 *
 * @example
 * ```ts
 * stampSteps(core, 'b', ['d1', 'c2']); // [{ from: ['d1', 'c2'], to: ['b'], direction: 'down', branchMove: false }]
 * ```
 */
export function stampSteps(core: GraphCore, target: Target, currentHeads: readonly string[]): StampStep[] {
  const heads = numbersOf(getRevisions(core, [...currentHeads]));
  const destination: Target = target === null || (Array.isArray(target) && target.length === 0) ? 'base' : target;
  const filtered: number[] = [];
  for (const t of toIdents(destination)) {
    if (t === '') continue;
    for (const h of filterForLineage(core, heads, String(t), true)) if (!filtered.includes(h)) filtered.push(h);
  }
  const filteredIds = filtered.map((h) => core.ids[h]!);
  const destinations = getRevisions(core, destination);
  const steps: StampStep[] = [];
  for (const dest of destinations.length > 0 ? destinations : [null]) {
    if (typeof dest !== 'number') {
      for (const id of filteredIds) steps.push({ from: [id], to: [], direction: 'down', branchMove: true });
      continue;
    }
    if (filtered.includes(dest)) continue;
    const to = [core.ids[dest]!];
    const above = related(core, [dest], 'allChildren');
    const below = related(core, [dest], 'down');
    if (filtered.some((h) => above[h])) steps.push({ from: filteredIds, to, direction: 'down', branchMove: false });
    else if (filtered.some((h) => below[h])) steps.push({ from: filteredIds, to, direction: 'up', branchMove: false });
    else steps.push({ from: [], to, direction: 'up', branchMove: true });
  }
  return steps;
}

/**
 * The full stamp: steps, the version-table changes in order (purge deletes first), and the
 * rows afterwards.
 *
 * @example
 * ```ts
 * planStamp(core, 'heads', [], {}).heads; // every head
 * ```
 */
export function planStamp(core: GraphCore, target: Target, currentHeads: readonly string[], options: StampOptions = {}): StampPlan {
  const start = options.purge ? [] : [...currentHeads];
  const changes: VersionChange[] = [];
  if (options.purge && currentHeads.length > 0) {
    changes.push({ kind: 'delete', ops: currentHeads.map((revision) => ({ op: 'delete' as const, revision })) });
  }
  const steps = stampSteps(core, target, start);
  let rows: readonly string[] = start;
  for (const step of steps) {
    const applied = applyStep(core, rows, step);
    changes.push(applied.change);
    rows = applied.heads;
  }
  return { steps, changes, heads: rows };
}

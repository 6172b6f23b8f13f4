/**
 * Upgrade and downgrade plans: exactly the revisions `alembic upgrade/downgrade <target>`
 * runs from the given version rows, in its order (`ScriptDirectory._upgrade_revs` /
 * `_downgrade_revs`).
 */
import { RangeNotAncestor } from './collect-revisions.js';
import type { GraphCore } from './graph-core.js';
import { invalidDestination } from './graph-errors.js';
import { iterateRevisions } from './iterate-revisions.js';
import type { Step, Target } from './types.js';

/**
 * The steps that bring `currentHeads` up to `target`: every needed ancestor (following
 * dependencies across roots), parents before children.
 *
 * @example
 * ```ts
 * planUpgrade(core, 'head', ['b']); // [{ revision: 'c', direction: 'up' }]
 * ```
 */
export function planUpgrade(core: GraphCore, target: Target, currentHeads: readonly string[]): Step[] {
  const order = asDestinationErrors('upgrade', target, currentHeads, () =>
    iterateRevisions(core, target, [...currentHeads], { implicitBase: true }),
  );
  return order.reverse().map((r) => ({ revision: core.ids[r]!, direction: 'up' }));
}

/**
 * The steps that bring `currentHeads` down to `target`: the applied descendants of the
 * target and everything depending on them, children before parents.
 *
 * @example
 * ```ts
 * planDowngrade(core, 'base', ['b']); // [{ revision: 'b', ... }, { revision: 'a', ... }]
 * ```
 */
export function planDowngrade(core: GraphCore, target: Target, currentHeads: readonly string[]): Step[] {
  const order = asDestinationErrors('downgrade', target, currentHeads, () =>
    iterateRevisions(core, [...currentHeads], target, { selectForDowngrade: true }),
  );
  return order.map((r) => ({ revision: core.ids[r]!, direction: 'down' }));
}

function asDestinationErrors<T>(direction: 'upgrade' | 'downgrade', target: Target, heads: readonly string[], run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeNotAncestor) throw invalidDestination(direction, target, heads);
    throw error;
  }
}

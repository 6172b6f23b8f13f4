/**
 * Alembic's `RevisionMap.iterate_revisions`: the revisions between `upper` and `lower`,
 * newest first.
 */
import { RangeNotAncestor, collectDowngrade, collectUpgrade } from './collect-revisions.js';
import type { GraphCore } from './graph-core.js';
import { topologicalSort } from './topological-sort.js';
import type { IterateOptions, Target } from './types.js';

/**
 * Revision numbers from `upper` down to `lower`, children before parents.
 *
 * @example
 * ```ts
 * iterateRevisions(core, 'heads', 'base', { inclusive: true }); // the whole graph, newest first
 * ```
 */
export function iterateRevisions(core: GraphCore, upper: Target, lower: Target, options: IterateOptions = {}): number[] {
  const { todo, heads } = options.selectForDowngrade
    ? collectDowngrade(core, upper, lower, options)
    : collectUpgrade(core, upper, lower, options);
  const order = topologicalSort(core, todo, heads);
  // Alembic asserts here: some selected revision is not below any starting point, e.g. a
  // lower end that the upper end only depends on instead of descending from.
  if (order.length < todo.reduce((sum, flag) => sum + flag, 0)) throw new RangeNotAncestor(lower, upper);
  return order;
}

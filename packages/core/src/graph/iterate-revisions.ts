/**
 * Alembic's `RevisionMap.iterate_revisions`: the revisions between `upper` and `lower`,
 * newest first.
 */
import { collectDowngrade, collectUpgrade } from './collect-revisions.js';
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
  return topologicalSort(core, todo, heads);
}

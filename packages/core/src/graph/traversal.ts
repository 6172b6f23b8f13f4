/**
 * Ancestor and descendant walks (Alembic's `_iterate_related_revisions`), including the
 * `check` mode that refuses targets where one lies on another's walk.
 */
import type { GraphCore } from './graph-core.js';
import { overlappingTargets } from './graph-errors.js';

/**
 * Which edges a walk follows.
 *
 * @example
 * ```ts
 * related(core, [r], 'down' satisfies Edges);
 * ```
 */
export type Edges = 'parents' | 'down' | 'children' | 'allChildren';

/**
 * Options of {@link related}.
 *
 * @example
 * ```ts
 * related(core, [3], 'down', { check: true });
 * ```
 */
export interface RelatedOptions {
  /** Throw when a target's walk reaches another target (Alembic's overlap check). */
  readonly check?: boolean;
}

/**
 * The targets and everything reachable from them over `edges`, as a membership array.
 * `down` is parents plus normalized dependencies (ancestors "including dependencies");
 * `allChildren` is children plus dependents.
 *
 * @example
 * ```ts
 * const anc = related(core, [core.keys.get('c')!], 'parents');
 * anc[core.keys.get('a')!]; // 1
 * ```
 */
export function related(core: GraphCore, targets: readonly number[], edges: Edges, options: RelatedOptions = {}): Uint8Array {
  const next = core[edges];
  const seen = new Uint8Array(core.ids.length);
  const isTarget = options.check ? new Set(targets) : null;
  for (const target of targets) {
    const touched = isTarget ? new Set<number>() : null;
    const stack = [target];
    while (stack.length > 0) {
      const v = stack.pop()!;
      touched?.add(v);
      if (seen[v]) continue;
      seen[v] = 1;
      for (const w of next[v]!) stack.push(w);
    }
    if (isTarget && touched) {
      const overlaps = [...touched].filter((v) => v !== target && isTarget.has(v)).sort((a, b) => a - b);
      if (overlaps.length > 0) throw overlappingTargets(core.ids[target]!, overlaps.map((v) => core.ids[v]!));
    }
  }
  return seen;
}

/**
 * The members of a membership array, in load order.
 *
 * @example
 * ```ts
 * members(related(core, [2], 'parents')); // [0, 1, 2]
 * ```
 */
export function members(mask: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(i);
  return out;
}

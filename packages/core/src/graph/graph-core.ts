/**
 * The internal, index-based form of a revision graph. Revisions are numbered in load
 * order; every relation is an array of those numbers, so walks cost no string hashing.
 * Only the graph modules use it; the public face is {@link RevisionGraph}.
 */
import type { RevisionNode } from './types.js';

/**
 * Everything the graph algorithms need, computed once by `buildGraphCore`.
 *
 * @example
 * ```ts
 * const core = buildGraphCore([{ id: 'a', parents: [], dependsOn: [], branchLabels: [] }]);
 * core.ids[core.heads[0]!]; // 'a'
 * ```
 */
export interface GraphCore {
  readonly nodes: readonly RevisionNode[];
  /** Revision ids in load order; the position is the revision's number. */
  readonly ids: readonly string[];
  /** Revision id or declared branch label -> revision number (Alembic's map keys). */
  readonly keys: ReadonlyMap<string, number>;
  /** The keys in Alembic's map order (ids in load order, then labels); prefix search scans it. */
  readonly keyOrder: readonly string[];
  /** Versioned parents (`down_revision`). */
  readonly parents: readonly (readonly number[])[];
  /** `dependsOn` resolved to revision numbers (declared order). */
  readonly deps: readonly (readonly number[])[];
  /** `parents` + `deps`, deduplicated (`_all_down_revisions`). */
  readonly allDown: readonly (readonly number[])[];
  /** `parents` + normalized deps, deduplicated (`_normalized_down_revisions`). */
  readonly down: readonly (readonly number[])[];
  /** Deps not implied by an ancestor's deps (`_normalized_resolved_dependencies`). */
  readonly normalizedDeps: readonly (readonly number[])[];
  /** Versioned children (`nextrev`), load order. */
  readonly children: readonly (readonly number[])[];
  /** Children plus dependents (`_all_nextrev`), load order. */
  readonly allChildren: readonly (readonly number[])[];
  /** Declared plus propagated branch labels. */
  readonly labels: readonly ReadonlySet<string>[];
  /** Revisions without children (Alembic's `heads`, including effective heads), load order. */
  readonly heads: readonly number[];
  /** Revisions without children or dependents (`_real_heads`). */
  readonly realHeads: readonly number[];
  /** Revisions without parents (`bases`). */
  readonly bases: readonly number[];
  /** Revisions without parents or dependencies (`_real_bases`). */
  readonly realBases: readonly number[];
  /** Every revision, parents and dependencies before dependents. */
  readonly order: Int32Array;
}

/**
 * `'base'` as a walk result (Alembic's string sentinel), distinct from `null` (walked off).
 *
 * @example
 * ```ts
 * walkSteps(core, rootNumber, -1, null, true); // 'base'
 * ```
 */
export const BASE_REF = 'base';

/**
 * A resolved reference: a revision number, the base sentinel, or nothing.
 *
 * @example
 * ```ts
 * const refs: Ref[] = [3, 'base', null];
 * ```
 */
export type Ref = number | typeof BASE_REF | null;

/**
 * The ids of revision numbers, in the given order.
 *
 * @example
 * ```ts
 * idsOf(core, [0, 2]); // ['a', 'c']
 * ```
 */
export function idsOf(core: GraphCore, revisions: Iterable<number>): string[] {
  const out: string[] = [];
  for (const r of revisions) out.push(core.ids[r]!);
  return out;
}

/**
 * Revision numbers sorted by load order, duplicates removed.
 *
 * @example
 * ```ts
 * inLoadOrder(new Set([3, 1, 3])); // [1, 3]
 * ```
 */
export function inLoadOrder(revisions: Iterable<number>): number[] {
  return [...new Set(revisions)].sort((a, b) => a - b);
}

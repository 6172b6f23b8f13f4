/**
 * The shapes the revision graph works with. The graph is pure: it is built from nodes the
 * store has already loaded and never touches files or databases.
 */

/**
 * One revision as the graph sees it.
 *
 * @example
 * ```ts
 * const node: RevisionNode = { id: 'b', parents: ['a'], dependsOn: [], branchLabels: [] };
 * ```
 */
export interface RevisionNode {
  readonly id: string;
  /** `[]` = a root; two or more = a merge point (Alembic's `down_revision`). */
  readonly parents: readonly string[];
  /** Revision ids or branch labels this revision depends on (Alembic's `depends_on`). */
  readonly dependsOn: readonly string[];
  /** Labels declared on this revision itself (Alembic's `branch_labels`). */
  readonly branchLabels: readonly string[];
}

/**
 * Direction of one migration step.
 *
 * @example
 * ```ts
 * const direction: Direction = 'down';
 * ```
 */
export type Direction = 'up' | 'down';

/**
 * One revision to run, in plan order.
 *
 * @example
 * ```ts
 * const step: Step = { revision: 'b', direction: 'up' };
 * ```
 */
export interface Step {
  readonly revision: string;
  readonly direction: Direction;
}

/**
 * A primitive change to the version table (one row per current head).
 *
 * @example
 * ```ts
 * const op: VersionOp = { op: 'update', from: 'a', to: 'b' };
 * ```
 */
export type VersionOp =
  | { readonly op: 'insert'; readonly revision: string }
  | { readonly op: 'delete'; readonly revision: string }
  | { readonly op: 'update'; readonly from: string; readonly to: string };

/**
 * What one step does to the version table, as Alembic's head maintainer decides it:
 * create or delete a branch row, update a row, merge rows (delete + update) or unmerge them
 * (insert + update). `ops` run in order.
 *
 * @example
 * ```ts
 * const change: VersionChange = { kind: 'merge', ops: [{ op: 'delete', revision: 'd1' }, { op: 'update', from: 'd2', to: 'e' }] };
 * ```
 */
export interface VersionChange {
  readonly kind: 'insert' | 'delete' | 'update' | 'merge' | 'unmerge';
  readonly ops: readonly VersionOp[];
}

/**
 * Result of applying one step to a set of version rows.
 *
 * @example
 * ```ts
 * graph.applyStep(['d1', 'd2'], { revision: 'e', direction: 'up' }).heads; // ['e']
 * ```
 */
export interface AppliedStep {
  /** Version rows after the step, in row order. */
  readonly heads: readonly string[];
  readonly change: VersionChange;
}

/**
 * A stamp step: moves version rows without running any SQL (Alembic's `StampStep`).
 * `from` are the rows it replaces, `to` the rows it writes; `branchMove` is true when the
 * step creates a new branch row (up) or deletes one (down).
 *
 * @example
 * ```ts
 * const step: StampStep = { from: ['c2'], to: ['d2'], direction: 'up', branchMove: false };
 * ```
 */
export interface StampStep {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly direction: Direction;
  readonly branchMove: boolean;
}

/**
 * A revision plus the facts the graph computed about it.
 *
 * @example
 * ```ts
 * const info = graph.get('b');
 * info?.children;       // ['c1', 'c2']
 * info?.isBranchPoint;  // true
 * ```
 */
export interface RevisionInfo extends RevisionNode {
  /** Revisions naming this one in `parents` (Alembic's `nextrev`), in load order. */
  readonly children: readonly string[];
  /** Revisions naming this one in `parents` or `dependsOn` (Alembic's `_all_nextrev`). */
  readonly dependents: readonly string[];
  /** `dependsOn` resolved to revision ids (labels replaced by the revision declaring them). */
  readonly resolvedDependsOn: readonly string[];
  /** Resolved dependencies not already implied by an ancestor's dependencies. */
  readonly normalizedDependsOn: readonly string[];
  /** Declared labels plus the labels propagated to it (Alembic's `_add_branches`), sorted. */
  readonly labels: readonly string[];
  /** More than one child (Alembic's `is_branch_point`). */
  readonly isBranchPoint: boolean;
  /** More than one parent (Alembic's `is_merge_point`). */
  readonly isMergePoint: boolean;
  /** No child (Alembic's `is_head`; includes revisions only depended on). */
  readonly isHead: boolean;
  /** No parent (Alembic's `is_base`; may still have dependencies). */
  readonly isBase: boolean;
}

/**
 * Options of {@link RevisionGraph.iterate}, mirroring Alembic's `iterate_revisions`.
 *
 * @example
 * ```ts
 * graph.iterate('heads', 'base', { inclusive: true });
 * ```
 */
export interface IterateOptions {
  /** Include the lower revision(s) themselves. Default false. */
  readonly inclusive?: boolean;
  /** Also walk branches not below `lower` down to base (upgrade) or wind them back (downgrade). */
  readonly implicitBase?: boolean;
  /** Select what a downgrade from `upper` (current heads) to `lower` removes. */
  readonly selectForDowngrade?: boolean;
  /** Fail when a relative step walks past the end of the graph. Default true. */
  readonly assertRelativeLength?: boolean;
}

/**
 * A revision target: an expression such as `'head'`, `'ae10+2'`, a list of them, or `null` (base).
 *
 * @example
 * ```ts
 * const targets: Target[] = ['head', ['c1', 'c2'], null];
 * ```
 */
export type Target = string | readonly string[] | null;

/**
 * Options of {@link RevisionGraph.planStamp}.
 *
 * @example
 * ```ts
 * graph.planStamp('head', ['x'], { purge: true });
 * ```
 */
export interface StampOptions {
  /** Delete every version row first (Alembic's `--purge`), then stamp as from an empty table. */
  readonly purge?: boolean;
}

/**
 * What `retort stamp` does to the version table.
 *
 * @example
 * ```ts
 * const plan: StampPlan = graph.planStamp('b', ['d1', 'c2']);
 * plan.heads; // ['b']
 * ```
 */
export interface StampPlan {
  readonly steps: readonly StampStep[];
  /** Version-table changes in execution order (a purge first, when asked for). */
  readonly changes: readonly VersionChange[];
  /** Version rows afterwards, in row order. */
  readonly heads: readonly string[];
}

/**
 * Options of {@link RevisionGraph.planNewRevision}, as given to `retort revision`.
 *
 * @example
 * ```ts
 * graph.planNewRevision({ head: 'b', splice: true, branchLabels: ['feature'] });
 * ```
 */
export interface NewRevisionOptions {
  /** Id the new revision will get; checked for collisions when given. */
  readonly id?: string;
  /** `--head`: the revision(s) to build on. Default `'head'`. */
  readonly head?: Target;
  /** `--splice`: allow building on a revision that is not a head. */
  readonly splice?: boolean;
  /** `--depends-on`: revision ids, prefixes or branch labels. */
  readonly dependsOn?: readonly string[];
  /** `--branch-label`: labels the new revision declares. */
  readonly branchLabels?: readonly string[];
}

/**
 * Parents and dependencies for a new revision, as `retort revision` writes them to meta.json.
 *
 * @example
 * ```ts
 * const plan: NewRevisionPlan = { parents: ['b'], dependsOn: ['lib'], branchLabels: [] };
 * ```
 */
export interface NewRevisionPlan {
  readonly parents: readonly string[];
  /** Resolved: prefixes become full ids, branch labels stay labels. */
  readonly dependsOn: readonly string[];
  readonly branchLabels: readonly string[];
}

/**
 * A `history -r base:head` range. `current` in either end is replaced by `currentHeads`.
 *
 * @example
 * ```ts
 * graph.walk({ range: 'ae10:head' });
 * graph.walk({ range: 'current:', currentHeads: ['ae10'] });
 * ```
 */
export interface WalkOptions {
  readonly range?: string;
  readonly currentHeads?: readonly string[];
}

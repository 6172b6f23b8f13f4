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

/** Direction of one migration step. */
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

/** A primitive change to the version table (one row per current head). */
export type VersionOp =
  | { readonly op: 'insert'; readonly revision: string }
  | { readonly op: 'delete'; readonly revision: string }
  | { readonly op: 'update'; readonly from: string; readonly to: string };

/**
 * What one step does to the version table, as Alembic's head maintainer decides it:
 * create or delete a branch row, update a row, merge rows (delete + update) or unmerge them
 * (insert + update). `ops` run in order.
 */
export interface VersionChange {
  readonly kind: 'insert' | 'delete' | 'update' | 'merge' | 'unmerge';
  readonly ops: readonly VersionOp[];
}

/** Result of applying one step to a set of version rows. */
export interface AppliedStep {
  /** Version rows after the step, in row order. */
  readonly heads: readonly string[];
  readonly change: VersionChange;
}

import type { RevisionNode } from '../graph/types.js';

/**
 * A revision folder as the store loaded it: the graph node plus what meta.json says and
 * where the folder is.
 *
 * @example
 * ```ts
 * const [first] = loadRevisions('migrations');
 * console.log(first.id, first.path); // 'a1b2c3d4e5f6', 'migrations/a1b2c3d4e5f6_init'
 * ```
 */
export interface StoredRevision extends RevisionNode {
  readonly message: string;
  readonly createdAt: string | undefined;
  readonly transactional: boolean;
  /** Folder name inside the migrations directory. */
  readonly folder: string;
  /** Folder path: the migrations directory as given, joined with `folder`. */
  readonly path: string;
}

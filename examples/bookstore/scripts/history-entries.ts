import { current } from '@retort/core';
import type { Bookstore } from './bookstore-project.js';

/** One revision as `migrate history` shows it. */
export interface HistoryEntry {
  readonly id: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly createdAt: string | undefined;
  readonly path: string;
  readonly head: boolean;
  /** The database's version row names it. */
  readonly current: boolean;
  /** It is at or below a version row (its SQL has run). */
  readonly applied: boolean;
}

/**
 * Every revision, newest first, with where the database is.
 *
 * @example
 * ```ts
 * (await historyOf(bookstore))[0]; // { id: '0006', head: true, current: true, applied: true, ... }
 * ```
 */
export async function historyOf(bookstore: Bookstore): Promise<HistoryEntry[]> {
  const { project } = bookstore;
  const heads = await current(bookstore.database);
  const applied = new Set(project.graph.planDowngrade('base', heads).map((step) => step.revision));
  return project.graph.topologicalOrder().map((id) => {
    const revision = project.byId.get(id)!;
    return {
      id,
      parents: revision.parents,
      message: revision.message,
      createdAt: revision.createdAt,
      path: revision.path,
      head: project.graph.heads.includes(id),
      current: heads.includes(id),
      applied: applied.has(id),
    };
  });
}

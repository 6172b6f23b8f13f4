import { findRevisionFile, status } from '@retort/core';
import type { Bookstore } from './bookstore-project.js';

/** What `migrate validate` found. */
export interface ValidateResult {
  readonly ok: boolean;
  readonly revisions: number;
  readonly problems: readonly string[];
}

/**
 * Checks what the team relies on (the folder itself loaded in openBookstore): one head, ids run 0001, 0002, ...
 * each on top of the previous one, every revision can be downgraded on this database's
 * dialect, and no applied revision's SQL changed since it ran.
 *
 * @example
 * ```ts
 * const { ok, problems } = await validateHistory(bookstore);
 * ```
 */
export async function validateHistory(bookstore: Bookstore): Promise<ValidateResult> {
  const { project, settings } = bookstore;
  const problems: string[] = [];
  const heads = project.graph.heads;
  if (heads.length !== 1) problems.push(`${heads.length} heads (${heads.join(', ')}); merge them into one with \`retort merge\`.`);

  const oldestFirst = [...project.graph.topologicalOrder()].reverse();
  oldestFirst.forEach((id, index) => {
    const expected = String(index + 1).padStart(4, '0');
    const parent = index === 0 ? [] : [oldestFirst[index - 1]];
    const revision = project.byId.get(id)!;
    if (id !== expected) problems.push(`Revision '${id}' is out of sequence; expected '${expected}' (ids run 0001, 0002, ...).`);
    else if (JSON.stringify(revision.parents) !== JSON.stringify(parent)) {
      problems.push(`Revision '${id}' has parents ${JSON.stringify(revision.parents)}; expected ${JSON.stringify(parent)} in a straight history.`);
    }
    if (findRevisionFile(revision, 'down', settings.dialect) === undefined) {
      problems.push(`Revision '${id}' has no down.sql, so it cannot be downgraded; write ${revision.path}/down.sql.`);
    }
  });

  const { differences } = await status({ project, database: bookstore.database });
  for (const difference of differences) if (difference.kind !== 'pending') problems.push(difference.message);
  return { ok: problems.length === 0, revisions: oldestFirst.length, problems };
}

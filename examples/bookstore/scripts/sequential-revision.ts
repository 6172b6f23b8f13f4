import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RetortError, type Project, type RevisionMetaInput } from '@retort/core';

/** A revision folder written by {@link createSequentialRevision}. */
export interface CreatedRevision {
  readonly id: string;
  readonly parents: readonly string[];
  readonly path: string;
}

/**
 * The next id of a sequentially numbered history: one more than the highest all-digit id,
 * zero-padded to four digits (or as wide as the ids already are).
 *
 * @example
 * ```ts
 * nextSequentialId(['0001', '0002']); // '0003'
 * nextSequentialId([]);               // '0001'
 * ```
 */
export function nextSequentialId(ids: readonly string[]): string {
  const numbered = ids.filter((id) => /^\d+$/.test(id));
  const width = Math.max(4, ...numbered.map((id) => id.length));
  const next = numbered.reduce((max, id) => Math.max(max, Number(id)), 0) + 1;
  return String(next).padStart(width, '0');
}

/**
 * A folder name from a message: lower case, words joined by `_`, cut at a word boundary so
 * it stays under 40 characters.
 *
 * @example
 * ```ts
 * slugOf('Add ISBN-13 check'); // 'add_isbn_13_check'
 * ```
 */
export function slugOf(message: string): string {
  const words = message.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const word of words) {
    const longer = slug ? `${slug}_${word}` : word;
    if (longer.length > 40) break;
    slug = longer;
  }
  return slug || 'revision';
}

/**
 * Writes a new revision on top of the single head, numbered after the highest id
 * (`0007_add_isbn_check/` with meta.json, up.sql and down.sql to fill in).
 *
 * @example
 * ```ts
 * const { id, path } = createSequentialRevision(project, 'add isbn check', new Date());
 * ```
 */
export function createSequentialRevision(project: Project, message: string, now: Date): CreatedRevision {
  if (message.trim() === '') throw new RetortError('E_USAGE', 'create needs a message; pass it as in `migrate create "add isbn check"`.');
  const id = nextSequentialId(project.revisions.map((r) => r.id));
  const { parents } = project.graph.planNewRevision({ id });
  const path = join(project.dir, `${id}_${slugOf(message)}`);
  const meta: RevisionMetaInput = {
    version: 1,
    id,
    parents: [...parents],
    message,
    createdAt: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    branchLabels: [],
    dependsOn: [],
    transactional: true,
  };
  const header = `-- Revision: ${id}   Parents: ${parents.length ? parents.join(', ') : '<base>'}`;
  mkdirSync(path);
  writeFileSync(join(path, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  writeFileSync(join(path, 'up.sql'), `-- ${message}\n${header}\n\n-- Write the upgrade SQL here.\n`);
  writeFileSync(join(path, 'down.sql'), `-- Undo: ${message}\n-- Revision: ${id}\n\n-- Write the downgrade SQL here (the exact reverse of up.sql).\n`);
  return { id, parents, path };
}

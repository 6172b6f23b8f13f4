import { randomBytes } from 'node:crypto';

/**
 * A new revision id: 12 random hex characters, as DESIGN §3 specifies.
 *
 * @example
 * ```ts
 * newRevisionId(); // '3f2a9c1b7e4d'
 * ```
 */
export function newRevisionId(): string {
  return randomBytes(6).toString('hex');
}

/**
 * A folder-name slug of a message: lower case, words joined by `_`, at most 40 characters
 * (cut at a word boundary).
 *
 * @example
 * ```ts
 * slugify('Add user profile fields!'); // 'add_user_profile_fields'
 * ```
 */
export function slugify(message: string): string {
  const slug = message
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug.length <= 40) return slug || 'revision';
  // Cut at a word boundary so folder names do not end mid-word.
  const cut = slug.slice(0, 41);
  const boundary = cut.lastIndexOf('_');
  return (boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, 40)).replace(/_+$/, '') || 'revision';
}

/**
 * The folder name of a revision from a template with `{{id}}`, `{{slug}}` and `{{date}}`
 * (YYYYMMDD) placeholders; default template `{{id}}_{{slug}}`.
 *
 * @example
 * ```ts
 * folderName('{{id}}_{{slug}}', { id: 'a1', message: 'Init', createdAt: '2026-11-21T12:00:00Z' }); // 'a1_init'
 * ```
 */
export function folderName(template: string, revision: { id: string; message: string; createdAt: string }): string {
  return template
    .replace(/\{\{\s*id\s*\}\}/g, revision.id)
    .replace(/\{\{\s*slug\s*\}\}/g, slugify(revision.message))
    .replace(/\{\{\s*date\s*\}\}/g, revision.createdAt.slice(0, 10).replace(/-/g, ''));
}

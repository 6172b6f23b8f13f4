import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RetortError } from '@retort/core';
import { folderName } from './revision-id.js';
import { renderTemplate } from './templates.js';

/** Everything a new revision folder holds. */
export interface NewRevision {
  readonly id: string;
  readonly parents: readonly string[];
  readonly message: string;
  /** ISO 8601; default now. */
  readonly createdAt?: string;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  /** false writes `-- retort:no-transaction` and `"transactional": false`. */
  readonly transactional?: boolean;
  /** Upgrade SQL (autogenerate passes its hazard comments in it); empty writes a placeholder comment. */
  readonly up?: string;
  /** Downgrade SQL; `null` writes no down.sql (an irreversible revision). */
  readonly down?: string | null;
}

/** Options for {@link writeRevision}. */
export interface WriteRevisionOptions {
  /** The migrations directory. */
  readonly dir: string;
  /** Folder name template; default `{{id}}_{{slug}}`. */
  readonly folderTemplate?: string;
  /** Project templates folder (overrides the shipped templates). */
  readonly templatesDir?: string | undefined;
  /** Replace an existing folder of the same name (watch mode's draft). */
  readonly replace?: boolean;
  /** Folder name to use instead of the template (watch mode's `_draft`). */
  readonly folder?: string;
  /** More files written in the same atomic step (watch mode's `draft.json`). */
  readonly extraFiles?: Readonly<Record<string, string>>;
}

/** Where a revision was written. */
export interface WrittenRevision {
  readonly folder: string;
  readonly path: string;
  readonly files: readonly string[];
}

/** A revision rendered to files, not written yet. */
export interface RenderedRevision {
  readonly folder: string;
  /** File name → text, in write order. */
  readonly files: readonly (readonly [string, string])[];
}

/**
 * Renders a revision's files through the templates (project templates win).
 *
 * @example
 * ```ts
 * const rendered = await renderRevision({ id: 'a1', parents: [], message: 'init' }, { dir: 'migrations' });
 * rendered.files.map(([name]) => name); // ['meta.json', 'up.sql', 'down.sql']
 * ```
 */
export async function renderRevision(revision: NewRevision, options: WriteRevisionOptions): Promise<RenderedRevision> {
  const createdAt = revision.createdAt ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const folder = options.folder ?? folderName(options.folderTemplate ?? '{{id}}_{{slug}}', { ...revision, createdAt });
  const transactional = revision.transactional ?? true;
  const context = {
    id: revision.id,
    parents: revision.parents,
    message: revision.message,
    title: revision.message.replace(/\s+/g, ' ').trim() || 'revision',
    createdAt,
    branchLabels: revision.branchLabels ?? [],
    dependsOn: revision.dependsOn ?? [],
    transactional,
    noTransaction: !transactional,
    up: revision.up?.trim() ?? '',
    down: revision.down?.trim() ?? '',
  };
  const files: [string, string][] = [
    ['meta.json', await renderTemplate('meta.json', context, options.templatesDir)],
    ['up.sql', await renderTemplate('up.sql', context, options.templatesDir)],
  ];
  if (revision.down !== null) files.push(['down.sql', await renderTemplate('down.sql', context, options.templatesDir)]);
  for (const [name, text] of Object.entries(options.extraFiles ?? {})) files.push([name, text]);
  return { folder, files: files.map(([name, text]) => [name, text.endsWith('\n') ? text : `${text}\n`] as const) };
}

/**
 * Writes rendered files as a folder atomically: into a hidden temporary folder first, then
 * renamed into place (replacing an existing folder only with `replace`), so readers never
 * see a half-written revision.
 *
 * @example
 * ```ts
 * await writeRevisionFolder(await renderRevision(revision, options), options);
 * ```
 */
export function writeRevisionFolder(rendered: RenderedRevision, options: Pick<WriteRevisionOptions, 'dir' | 'replace'>): WrittenRevision {
  const path = join(options.dir, rendered.folder);
  if (existsSync(path) && !options.replace) {
    throw new RetortError('E_USAGE', `Revision folder '${path}' already exists; choose another --rev-id or message.`, {
      facts: { file: path },
    });
  }
  mkdirSync(options.dir, { recursive: true });
  const temp = join(options.dir, `.tmp-${rendered.folder}-${randomBytes(4).toString('hex')}`);
  mkdirSync(temp);
  try {
    for (const [name, text] of rendered.files) writeFileSync(join(temp, name), text);
    if (existsSync(path)) {
      const old = join(options.dir, `.old-${rendered.folder}-${randomBytes(4).toString('hex')}`);
      renameSync(path, old);
      renameSync(temp, path);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, path);
    }
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return { folder: rendered.folder, path, files: rendered.files.map(([name]) => name) };
}

/**
 * Renders and writes a revision folder atomically (see {@link renderRevision} and
 * {@link writeRevisionFolder}).
 *
 * @example
 * ```ts
 * await writeRevision({ id: 'a1b2c3d4e5f6', parents: [], message: 'create users', up: 'CREATE TABLE users (id int);', down: 'DROP TABLE users;' }, { dir: 'migrations' });
 * ```
 */
export async function writeRevision(revision: NewRevision, options: WriteRevisionOptions): Promise<WrittenRevision> {
  const rendered = await renderRevision(revision, options);
  if (existsSync(join(options.dir, rendered.folder)) && !options.replace) {
    throw new RetortError('E_USAGE', `Revision folder '${join(options.dir, rendered.folder)}' already exists; choose another --rev-id or message.`, {
      facts: { file: join(options.dir, rendered.folder) },
    });
  }
  return writeRevisionFolder(rendered, options);
}

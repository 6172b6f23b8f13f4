import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { RetortError } from '../errors.js';
import { MetaCache } from './meta-cache.js';
import { parseMeta } from './read-meta.js';
import type { StoredRevision } from './stored-revision.js';

/**
 * Loads every revision folder of a migrations directory, in load order (folder names
 * sorted by code point; the graph breaks ties by this order as Alembic does). Folders whose
 * name starts with `.` or `_` (such as watch mode's `_draft`) and plain files are skipped.
 * Reads only meta.json: SQL files are read when a revision runs. With `cacheFile`, parsed
 * files are reused while their size, mtime and ctime are unchanged (see {@link MetaCache}).
 *
 * @example
 * ```ts
 * const revisions = loadRevisions('migrations');
 * const graph = RevisionGraph.from(revisions);
 * ```
 */
export function loadRevisions(dir: string, options: { cacheFile?: string | undefined } = {}): StoredRevision[] {
  const cache = options.cacheFile === undefined ? undefined : MetaCache.open(options.cacheFile, dir);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new RetortError(
        'E_USAGE',
        `Migrations folder '${dir}' does not exist; run \`retort init\` or pass --dir <folder>.`,
        { facts: { file: dir }, cause: error },
      );
    }
    throw error;
  }
  const folders = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort(compareCodePoints);

  const revisions: StoredRevision[] = [];
  const seen = new Map<string, string>();
  // join() normalizes on every call; normalize the folder once and concatenate (folder names
  // from readdir contain no separators).
  const base = join(dir);
  const prefix = base === sep ? base : `${base}${sep}`;
  for (const folder of folders) {
    const path = `${prefix}${folder}`;
    const metaFile = `${path}${sep}meta.json`;
    const stats = cache ? statSync(metaFile, { throwIfNoEntry: false }) : undefined;
    const cached = stats ? cache?.revision(folder, stats, path) : undefined;
    if (cached) {
      const earlier = seen.get(cached.id);
      if (earlier !== undefined) throw duplicateId(cached.id, earlier, metaFile);
      seen.set(cached.id, path);
      revisions.push(cached);
      continue;
    }
    let text: string;
    try {
      text = readSmallFile(metaFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new RetortError(
        'E_INVALID_META',
        `${path} has no meta.json; add one (see @retort/core/meta.schema.json) or rename the folder to start with '_' to ignore it.`,
        { facts: { file: metaFile }, cause: error },
      );
    }
    const meta = parseMeta(text, metaFile);
    if (stats) cache?.set(folder, stats, meta);
    const earlier = seen.get(meta.id);
    if (earlier !== undefined) throw duplicateId(meta.id, earlier, metaFile);
    seen.set(meta.id, path);
    revisions.push({
      id: meta.id,
      parents: meta.parents,
      dependsOn: meta.dependsOn,
      branchLabels: meta.branchLabels,
      message: meta.message,
      createdAt: meta.createdAt,
      transactional: meta.transactional,
      folder,
      path,
    });
  }
  cache?.save(new Set(folders));
  return revisions;
}

function duplicateId(id: string, earlier: string, metaFile: string): RetortError {
  return new RetortError(
    'E_DUPLICATE_ID',
    `Revision id '${id}' is declared by both ${join(earlier, 'meta.json')} and ${metaFile}; give one of them a new id.`,
    { facts: { file: metaFile, revision: id, argument: id } },
  );
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Thousands of tiny meta.json files: open/read/close into one reused buffer costs about half
// of readFileSync (which stats and allocates per file).
let buffer = Buffer.allocUnsafe(64 * 1024);

function readSmallFile(path: string): string {
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

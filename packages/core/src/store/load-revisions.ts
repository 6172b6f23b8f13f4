import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join, sep } from 'node:path';
import { RetortError } from '../errors.js';
import { parseMeta } from './read-meta.js';
import type { StoredRevision } from './stored-revision.js';

/**
 * Loads every revision folder of a migrations directory, in load order (folder names
 * sorted by code point; the graph breaks ties by this order as Alembic does). Folders whose
 * name starts with `.` or `_` (such as watch mode's `_draft`) and plain files are skipped.
 * Reads only meta.json: SQL files are read when a revision runs. `openProject` adds a
 * snapshot cache on top of this (see {@link RevisionSnapshot}).
 *
 * @example
 * ```ts
 * const revisions = loadRevisions('migrations');
 * const graph = RevisionGraph.from(revisions);
 * ```
 */
export function loadRevisions(dir: string): StoredRevision[] {
  const folders = listRevisionFolders(dir);
  const prefix = folderPrefix(dir);
  const revisions = folders.map((folder) => readRevision(prefix, folder));
  checkUniqueIds(revisions);
  return revisions;
}

/**
 * The revision folders of a migrations directory in load order (see {@link loadRevisions});
 * a missing directory is `E_USAGE` saying to run `retort init`.
 *
 * @example
 * ```ts
 * listRevisionFolders('migrations'); // ['a1b2c3d4e5f6_init', 'b2c3d4e5f6a1_users']
 * ```
 */
export function listRevisionFolders(dir: string): string[] {
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
  const folders: string[] = [];
  for (const entry of entries) {
    const first = entry.name.charCodeAt(0);
    // 46 '.', 95 '_'
    if (first !== 46 && first !== 95 && entry.isDirectory()) folders.push(entry.name);
  }
  return folders.sort(compareCodePoints);
}

/**
 * The migrations folder with a trailing separator: revision paths are this plus the folder
 * name (join() normalizes on every call; folder names from readdir contain no separators).
 */
export function folderPrefix(dir: string): string {
  const base = join(dir);
  return base === sep ? base : `${base}${sep}`;
}

/**
 * Reads and validates one revision folder's meta.json.
 *
 * @example
 * ```ts
 * readRevision(folderPrefix('migrations'), 'a1b2c3d4e5f6_init').id; // 'a1b2c3d4e5f6'
 * ```
 */
export function readRevision(prefix: string, folder: string): StoredRevision {
  const path = `${prefix}${folder}`;
  const metaFile = `${path}${sep}meta.json`;
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
  return {
    id: meta.id,
    parents: meta.parents,
    dependsOn: meta.dependsOn,
    branchLabels: meta.branchLabels,
    message: meta.message,
    createdAt: meta.createdAt,
    transactional: meta.transactional,
    folder,
    path,
  };
}

/** Two folders declaring one id is `E_DUPLICATE_ID` naming both meta.json files. */
export function checkUniqueIds(revisions: readonly StoredRevision[]): void {
  const seen = new Map<string, string>();
  for (const revision of revisions) {
    const earlier = seen.get(revision.id);
    if (earlier !== undefined) throw duplicateId(revision.id, earlier, join(revision.path, 'meta.json'));
    seen.set(revision.id, revision.path);
  }
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

import { mkdirSync, readFileSync, renameSync, writeFileSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RevisionMeta } from './meta-schema.js';
import type { StoredRevision } from './stored-revision.js';

const FORMAT = 2;

// One row per folder, as an array: half the size of objects and a third of the parse time
// (10,000 revisions: 15 ms instead of 50).
type Entry = [
  folder: string,
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  id: string,
  parents: string[],
  dependsOn: string[],
  branchLabels: string[],
  message: string,
  createdAt: string | null,
  transactional: boolean,
];

/**
 * Parsed meta.json files keyed by folder and validated by the file's size, mtime and ctime:
 * with 10,000 revisions a stat costs a third of reading and validating the file. Any
 * change to a file (an edit, a git checkout) changes its ctime, so a stale entry is never
 * used.
 *
 * @example
 * ```ts
 * const cache = MetaCache.open('node_modules/.cache/retort/meta.json', 'migrations');
 * ```
 */
export class MetaCache {
  readonly #file: string;
  readonly #dir: string;
  readonly #entries: Map<string, Entry>;
  #dirty = false;

  private constructor(file: string, dir: string, entries: Map<string, Entry>) {
    this.#file = file;
    this.#dir = dir;
    this.#entries = entries;
  }

  /** Opens the cache file (an unreadable or foreign one counts as empty). */
  static open(file: string, dir: string): MetaCache {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: number; dir?: string; entries?: Entry[] };
      if (data.format === FORMAT && data.dir === dir && Array.isArray(data.entries)) {
        return new MetaCache(file, dir, new Map(data.entries.map((entry) => [entry[0], entry])));
      }
    } catch {
      // no cache yet
    }
    return new MetaCache(file, dir, new Map());
  }

  /** The cached revision in `folder` if its meta.json still has these stats. */
  revision(folder: string, stats: Stats, path: string): StoredRevision | undefined {
    const entry = this.#entries.get(folder);
    if (!entry || entry[1] !== stats.size || entry[2] !== stats.mtimeMs || entry[3] !== stats.ctimeMs) return undefined;
    return {
      id: entry[4],
      parents: entry[5],
      dependsOn: entry[6],
      branchLabels: entry[7],
      message: entry[8],
      createdAt: entry[9] ?? undefined,
      transactional: entry[10],
      folder,
      path,
    };
  }

  set(folder: string, stats: Stats, meta: RevisionMeta): void {
    this.#entries.set(folder, [
      folder,
      stats.size,
      stats.mtimeMs,
      stats.ctimeMs,
      meta.id,
      meta.parents,
      meta.dependsOn,
      meta.branchLabels,
      meta.message,
      meta.createdAt ?? null,
      meta.transactional,
    ]);
    this.#dirty = true;
  }

  /** Forgets folders that no longer exist, then writes the file if anything changed. */
  save(folders: ReadonlySet<string>): void {
    for (const folder of this.#entries.keys()) {
      if (!folders.has(folder)) {
        this.#entries.delete(folder);
        this.#dirty = true;
      }
    }
    if (!this.#dirty) return;
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      const temp = `${this.#file}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(temp, JSON.stringify({ format: FORMAT, dir: this.#dir, entries: [...this.#entries.values()] }));
      renameSync(temp, this.#file);
      this.#dirty = false;
    } catch {
      // A read-only checkout still works, only slower.
    }
  }
}

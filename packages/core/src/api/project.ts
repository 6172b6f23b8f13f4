import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { isRetortError, RetortError } from '../errors.js';
import { RevisionGraph, type RevisionBrief, type RevisionSummary } from '../graph/revision-graph.js';
import { checkUniqueIds, folderPrefix, listRevisionFolders, loadRevisions, readRevision } from '../store/load-revisions.js';
import { RevisionSnapshot, type FileStats, type SnapshotOverview } from '../store/revision-snapshot.js';
import type { StoredRevision } from '../store/stored-revision.js';

/**
 * What read-only views of the graph need: heads, the history order and each revision's
 * summary. Served from the revision snapshot when it is fresh, so `retort heads` and
 * `retort history` never build the graph; otherwise from the graph.
 *
 * @example
 * ```ts
 * project.overview.heads;                // ['c3d4e5f6a7b8']
 * project.overview.history()[0];         // a head
 * project.overview.summary('c3d4e5f6a7b8')?.isHead; // true
 * ```
 */
export interface GraphOverview {
  readonly heads: readonly string[];
  /** Every revision, newest first (`graph.topologicalOrder()`). */
  history(): readonly string[];
  summary(id: string): RevisionSummary | undefined;
  /** The summary with parents and message, for one-line listings (one lookup, one object). */
  brief(id: string): RevisionBrief | undefined;
  /**
   * Every revision newest first with its brief, as `history()` then `brief()` would give
   * them, without indexing the ids (what `retort history` prints).
   */
  eachInHistory(visit: (id: string, brief: RevisionBrief) => void): void;
}

/**
 * A migrations folder loaded and its graph built: what every command starts from.
 *
 * @example
 * ```ts
 * const project = openProject('migrations');
 * project.graph.heads; // ['c3d4e5f6a7b8']
 * ```
 */
export interface Project {
  /** The migrations folder as given. */
  readonly dir: string;
  /** Revisions in load order. */
  readonly revisions: readonly StoredRevision[];
  readonly byId: ReadonlyMap<string, StoredRevision>;
  readonly graph: RevisionGraph;
  readonly overview: GraphOverview;
  /** One revision by id (from a fresh snapshot without materializing the others). */
  revision(id: string): StoredRevision | undefined;
}

/**
 * Loads a migrations folder and builds its revision graph. Graph errors (missing parent,
 * cycle, reused label) gain the meta.json path of the revision at fault.
 *
 * With `cacheFile`, the loaded revisions and the graph's overview are kept in a
 * {@link RevisionSnapshot}: when every meta.json still has the size, mtime and ctime it had
 * (one stat each), nothing is read or parsed and the graph is built only if a caller asks
 * for it, which cannot fail since it was valid when the snapshot was written. Changed
 * folders are re-read, the graph rebuilt and the snapshot rewritten.
 *
 * @example
 * ```ts
 * const { graph, byId } = openProject('migrations');
 * ```
 */
export function openProject(dir: string, options: { cacheFile?: string | undefined } = {}): Project {
  if (options.cacheFile === undefined) {
    const revisions = loadRevisions(dir);
    const byId = indexById(revisions);
    return new LoadedProject(dir, { revisions, byId, graph: buildGraph(revisions, byId) });
  }
  return openWithSnapshot(dir, options.cacheFile);
}

// Hoisted out of the loop that stats 10,000 meta.json files.
const META_JSON = `${sep}meta.json`;
const MAY_BE_MISSING = { throwIfNoEntry: false } as const;

function openWithSnapshot(dir: string, cacheFile: string): Project {
  const prefix = folderPrefix(dir);
  const snapshot = RevisionSnapshot.read(cacheFile, dir);
  // Stat the folder before listing it: a change after this shows as a later mtime next time.
  const dirStats = statSync(dir, { throwIfNoEntry: false });
  const listingFresh = snapshot !== undefined && dirStats !== undefined && snapshot.isListingFresh(dirStats);
  const folders = listingFresh ? splitList(snapshot.folderList) : listRevisionFolders(dir);
  const sameFolders = listingFresh || (snapshot !== undefined && snapshot.folderList === folders.join('\n'));
  // Stats as numbers (size, mtime, ctime; NaN when meta.json is missing): keeping 10,000
  // Stats objects alive costs more in garbage collection than the stat calls themselves.
  const stats = new Float64Array(folders.length * 3);
  let fresh = sameFolders ? snapshot : undefined;
  for (let i = 0; i < folders.length; i += 1) {
    const found = statSync(prefix + folders[i]! + META_JSON, MAY_BE_MISSING);
    if (found === undefined) {
      stats.fill(Number.NaN, i * 3, i * 3 + 3);
      fresh = undefined;
      continue;
    }
    stats[i * 3] = found.size;
    stats[i * 3 + 1] = found.mtimeMs;
    stats[i * 3 + 2] = found.ctimeMs;
    if (fresh && !fresh.isFresh(i, found)) fresh = undefined;
  }
  if (fresh?.hasOverview) return new LoadedProject(dir, new SnapshotSource(fresh, folders, prefix));

  // Something changed: reuse the entries that did not, read the others, rebuild the graph.
  const previous = new Map<string, number>();
  if (snapshot && !sameFolders) splitList(snapshot.folderList).forEach((folder, i) => previous.set(folder, i));
  const statsAt = (i: number): FileStats => ({ size: stats[i * 3]!, mtimeMs: stats[i * 3 + 1]!, ctimeMs: stats[i * 3 + 2]! });
  const revisions = folders.map((folder, i) => {
    const index = sameFolders ? i : previous.get(folder);
    if (snapshot && index !== undefined && snapshot.isFresh(index, statsAt(i))) return snapshot.revision(index, folder, prefix);
    return readRevision(prefix, folder);
  });
  checkUniqueIds(revisions);
  const byId = indexById(revisions);
  let graph: RevisionGraph | undefined;
  try {
    graph = buildGraph(revisions, byId);
  } finally {
    // Written even when the graph is invalid (without an overview), so fixing one file
    // does not mean re-reading all of them.
    if (dirStats) RevisionSnapshot.write({ file: cacheFile, dir, dirStats, revisions, stats, overview: graph && overviewOf(graph, revisions) });
  }
  return new LoadedProject(dir, { revisions, byId, graph });
}

function splitList(list: string): string[] {
  return list === '' ? [] : list.split('\n');
}

/** A fresh snapshot: revisions materialized from it on demand, the overview as stored. */
class SnapshotSource {
  readonly overview: GraphOverview;
  readonly #snapshot: RevisionSnapshot;
  readonly #folders: readonly string[];
  readonly #prefix: string;
  readonly #positions = new Map<string, number>();
  #indexed = false;

  constructor(snapshot: RevisionSnapshot, folders: readonly string[], prefix: string) {
    this.#snapshot = snapshot;
    this.#folders = folders;
    this.#prefix = prefix;
    // `heads` looks up only the heads: seed those instead of indexing 10,000 ids.
    const heads = Array.from(snapshot.heads(), (i) => {
      const id = snapshot.idAt(i);
      this.#positions.set(id, i);
      return id;
    });
    this.overview = {
      heads,
      history: () => {
        // History looks every revision up next: index them on the way.
        const ids = snapshot.ids();
        const order = Array.from(snapshot.order(), (i) => {
          this.#positions.set(ids[i]!, i);
          return ids[i]!;
        });
        this.#indexed = order.length === snapshot.count;
        return order;
      },
      summary: (id) => {
        const i = this.#position(id);
        return i === undefined ? undefined : snapshot.summary(i);
      },
      brief: (id) => {
        const i = this.#position(id);
        return i === undefined ? undefined : snapshot.brief(i);
      },
      eachInHistory: (visit) => {
        const order = snapshot.order();
        for (let k = 0; k < order.length; k += 1) visit(snapshot.idAt(order[k]!), snapshot.brief(order[k]!));
      },
    };
  }

  revisions(): StoredRevision[] {
    return this.#folders.map((folder, i) => this.#snapshot.revision(i, folder, this.#prefix));
  }

  revision(id: string): StoredRevision | undefined {
    const i = this.#position(id);
    return i === undefined ? undefined : this.#snapshot.revision(i, this.#folders[i]!, this.#prefix);
  }

  #position(id: string): number | undefined {
    const known = this.#positions.get(id);
    if (known !== undefined || this.#indexed) return known;
    this.#snapshot.ids().forEach((each, i) => this.#positions.set(each, i));
    this.#indexed = true;
    return this.#positions.get(id);
  }
}

/** What a project was opened from: revisions already read (and maybe their graph), or a fresh snapshot. */
type Loaded = { readonly revisions: readonly StoredRevision[]; readonly byId: ReadonlyMap<string, StoredRevision>; readonly graph: RevisionGraph | undefined };

/** A project whose revisions and graph are materialized on first use. */
class LoadedProject implements Project {
  readonly dir: string;
  readonly #snapshot: SnapshotSource | undefined;
  #revisions: readonly StoredRevision[] | undefined;
  #byId: ReadonlyMap<string, StoredRevision> | undefined;
  #graph: RevisionGraph | undefined;
  #overview: GraphOverview | undefined;

  constructor(dir: string, from: Loaded | SnapshotSource) {
    this.dir = dir;
    if (from instanceof SnapshotSource) {
      this.#snapshot = from;
      this.#overview = from.overview;
    } else {
      this.#revisions = from.revisions;
      this.#byId = from.byId;
      this.#graph = from.graph;
    }
  }

  get revisions(): readonly StoredRevision[] {
    this.#revisions ??= this.#snapshot!.revisions();
    return this.#revisions;
  }

  get byId(): ReadonlyMap<string, StoredRevision> {
    this.#byId ??= indexById(this.revisions);
    return this.#byId;
  }

  revision(id: string): StoredRevision | undefined {
    return this.#byId ? this.#byId.get(id) : this.#snapshot!.revision(id);
  }

  get graph(): RevisionGraph {
    this.#graph ??= buildGraph(this.revisions, this.byId);
    return this.#graph;
  }

  get overview(): GraphOverview {
    if (!this.#overview) {
      const graph = this.graph;
      const byId = this.byId;
      const brief = (id: string): RevisionBrief | undefined => {
        const summary = graph.summary(id);
        const revision = byId.get(id);
        if (!summary || !revision) return undefined;
        return { isHead: summary.isHead, isBranchPoint: summary.isBranchPoint, isMergePoint: summary.isMergePoint, labels: summary.labels, parents: revision.parents, message: revision.message };
      };
      this.#overview = {
        heads: graph.heads,
        history: () => graph.topologicalOrder(),
        summary: (id) => graph.summary(id),
        brief,
        eachInHistory: (visit) => {
          for (const id of graph.topologicalOrder()) visit(id, brief(id)!);
        },
      };
    }
    return this.#overview;
  }
}

function indexById(revisions: readonly StoredRevision[]): Map<string, StoredRevision> {
  return new Map(revisions.map((revision) => [revision.id, revision]));
}

function buildGraph(revisions: readonly StoredRevision[], byId: ReadonlyMap<string, StoredRevision>): RevisionGraph {
  try {
    return RevisionGraph.from(revisions);
  } catch (error) {
    throw withFile(error, byId);
  }
}

function overviewOf(graph: RevisionGraph, revisions: readonly StoredRevision[]): SnapshotOverview {
  const index = new Map(revisions.map((revision, i) => [revision.id, i]));
  const labelSets: (readonly string[])[] = [];
  const setIndex = new Map<readonly string[], number>();
  const flags: number[] = [];
  const labelOf: number[] = [];
  for (const revision of revisions) {
    const summary = graph.summary(revision.id)!;
    flags.push((summary.isHead ? 1 : 0) | (summary.isBranchPoint ? 2 : 0) | (summary.isMergePoint ? 4 : 0));
    if (summary.labels.length === 0) {
      labelOf.push(-1);
      continue;
    }
    // summary() shares one frozen array among revisions with the same labels.
    let at = setIndex.get(summary.labels);
    if (at === undefined) {
      at = labelSets.push(summary.labels) - 1;
      setIndex.set(summary.labels, at);
    }
    labelOf.push(at);
  }
  return { heads: graph.heads.map((id) => index.get(id)!), order: graph.topologicalOrder().map((id) => index.get(id)!), flags, labelSets, labelOf };
}

function withFile(error: unknown, byId: ReadonlyMap<string, StoredRevision>): unknown {
  if (!isRetortError(error) || error.facts.file !== undefined) return error;
  const revision = typeof error.facts['revision'] === 'string' ? byId.get(error.facts['revision']) : undefined;
  if (!revision) return error;
  const file = join(revision.path, 'meta.json');
  return new RetortError(error.code, `${file}: ${error.message}`, { facts: { ...error.facts, file }, cause: error.cause });
}

import { join } from 'node:path';
import { isRetortError, RetortError } from '../errors.js';
import { RevisionGraph } from '../graph/revision-graph.js';
import { loadRevisions } from '../store/load-revisions.js';
import type { StoredRevision } from '../store/stored-revision.js';

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
}

/**
 * Loads a migrations folder and builds its revision graph. Graph errors (missing parent,
 * cycle, reused label) gain the meta.json path of the revision at fault. `cacheFile` keeps
 * parsed meta.json files between runs (see `loadRevisions`).
 *
 * @example
 * ```ts
 * const { graph, byId } = openProject('migrations');
 * ```
 */
export function openProject(dir: string, options: { cacheFile?: string | undefined } = {}): Project {
  const revisions = loadRevisions(dir, options);
  const byId = new Map(revisions.map((revision) => [revision.id, revision]));
  let graph: RevisionGraph;
  try {
    graph = RevisionGraph.from(revisions);
  } catch (error) {
    throw withFile(error, byId);
  }
  return { dir, revisions, byId, graph };
}

function withFile(error: unknown, byId: ReadonlyMap<string, StoredRevision>): unknown {
  if (!isRetortError(error) || error.facts.file !== undefined) return error;
  const revision = typeof error.facts['revision'] === 'string' ? byId.get(error.facts['revision']) : undefined;
  if (!revision) return error;
  const file = join(revision.path, 'meta.json');
  return new RetortError(error.code, `${file}: ${error.message}`, { facts: { ...error.facts, file }, cause: error.cause });
}

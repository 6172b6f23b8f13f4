/** Compact in-memory revisions for the graph's unit tests. */
import type { RevisionNode } from '../types.js';

/** `n('c', ['b'], { labels: ['x'], deps: ['a'] })` */
export function n(id: string, parents: string[] = [], options: { labels?: string[]; deps?: string[] } = {}): RevisionNode {
  return { id, parents, dependsOn: options.deps ?? [], branchLabels: options.labels ?? [] };
}

/** a -> b -> c1 (c1branch) -> d1 and b -> c2 (c2branch) -> d2: Alembic's BranchedPathTest. */
export const BRANCHED: RevisionNode[] = [
  n('a'), n('b', ['a']), n('c1', ['b'], { labels: ['c1branch'] }), n('d1', ['c1']),
  n('c2', ['b'], { labels: ['c2branch'] }), n('d2', ['c2']),
];

/** The branched graph merged again: e merges d1 and d2, f above it (Alembic's MergedPathTest). */
export const MERGED: RevisionNode[] = [
  n('a'), n('b', ['a']), n('c1', ['b']), n('d1', ['c1']), n('c2', ['b'], { labels: ['c2branch'] }),
  n('d2', ['c2']), n('e', ['d1', 'd2']), n('f', ['e']),
];

/** Two roots, the second depending on the first's middle (cross-root dependency). */
export const CROSS: RevisionNode[] = [
  n('a1'), n('a2', ['a1']), n('a3', ['a2']), n('b1'), n('b2', ['b1'], { deps: ['a2'] }), n('b3', ['b2']),
];

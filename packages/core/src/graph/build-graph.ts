/**
 * Builds the index-based {@link GraphCore} from revisions in load order, validating as
 * Alembic's `RevisionMap._revision_map` does (and refusing what Alembic only warns about).
 */
import { mapBranchLabels, propagateBranchLabels } from './branch-labels.js';
import type { GraphCore } from './graph-core.js';
import { checkNodes, cycleError, detectCycles, duplicateId, missingReference } from './graph-validation.js';
import { normalizeDependencies } from './normalize-dependencies.js';
import type { RevisionNode } from './types.js';

/**
 * Validates `nodes` and computes every relation the graph algorithms use.
 *
 * @example
 * ```ts
 * const core = buildGraphCore([
 *   { id: 'a', parents: [], dependsOn: [], branchLabels: [] },
 *   { id: 'b', parents: ['a'], dependsOn: [], branchLabels: [] },
 * ]);
 * core.heads; // [1]
 * ```
 */
export function buildGraphCore(nodes: readonly RevisionNode[]): GraphCore {
  checkNodes(nodes);
  const n = nodes.length;
  const ids = nodes.map((node) => node.id);
  const keys = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (keys.has(ids[i]!)) throw duplicateId(ids[i]!);
    keys.set(ids[i]!, i);
  }
  const keyOrder = [...ids];
  mapBranchLabels(nodes, keys, keyOrder);

  const deps = nodes.map((node) =>
    node.dependsOn.length === 0 ? NONE : node.dependsOn.map((dep) => {
      const target = keys.get(dep);
      if (target === undefined) throw missingReference(node.id, dep, 'dependency');
      return target;
    }),
  );
  const parents = nodes.map((node) =>
    node.parents.length === 0 ? NONE : node.parents.map((parent) => {
      const target = keys.get(parent);
      if (target === undefined || ids[target] !== parent) throw missingReference(node.id, parent, 'parent');
      return target;
    }),
  );
  const allDown = parents.map((ps, i) => (deps[i]!.length === 0 && ps.length <= 1 ? ps : dedupe([...ps, ...deps[i]!])));
  const children: (readonly number[])[] = new Array<number[]>(n);
  const allChildren: (readonly number[])[] = new Array<number[]>(n);
  for (let v = 0; v < n; v++) {
    const ps = parents[v]!;
    for (const p of allDown[v]!) {
      ((allChildren[p] ??= []) as number[]).push(v);
      if (ps.length === 1 ? ps[0] === p : ps.includes(p)) ((children[p] ??= []) as number[]).push(v);
    }
  }
  for (let v = 0; v < n; v++) {
    children[v] ??= NONE;
    allChildren[v] ??= NONE;
  }
  const heads: number[] = [];
  const realHeads: number[] = [];
  const bases: number[] = [];
  const realBases: number[] = [];
  for (let v = 0; v < n; v++) {
    if (children[v]!.length === 0) heads.push(v);
    if (allChildren[v]!.length === 0) realHeads.push(v);
    if (parents[v]!.length === 0) {
      bases.push(v);
      if (nodes[v]!.dependsOn.length === 0) realBases.push(v);
    }
  }
  const order = parentsFirstOrder(allDown, allChildren);
  if (order === null) {
    // Only a cyclic graph gets here; report it with Alembic's wording and lists.
    detectCycles({ ids, parents, children, allDown, allChildren, heads, bases, realHeads, realBases });
    throw cycleError('Cycle', stuckIds(ids, allDown, allChildren), 'fix their parents and dependsOn so that no revision descends from itself');
  }
  const normalizedDeps = normalizeDependencies(parents, deps, order);
  const down = parents.map((ps, v) => (normalizedDeps[v]!.length === 0 && ps.length <= 1 ? ps : dedupe([...ps, ...normalizedDeps[v]!])));
  let labels: readonly ReadonlySet<string>[] | undefined;
  return {
    nodes, ids, keys, keyOrder, parents, deps, allDown, down, normalizedDeps, children, allChildren,
    heads, realHeads, bases, realBases, order,
    // Propagated labels are only read by label-relative targets and `get()`; build them on demand.
    get labels() {
      labels ??= propagateBranchLabels({ nodes, parents, children, allChildren, order });
      return labels;
    },
  };
}

function dedupe(values: readonly number[]): number[] {
  return [...new Set(values)];
}

const NONE: readonly number[] = Object.freeze([]);

/** Kahn's algorithm over parents and dependencies; `null` when a cycle leaves revisions unordered. */
function parentsFirstOrder(allDown: readonly (readonly number[])[], allChildren: readonly (readonly number[])[]): Int32Array | null {
  const n = allDown.length;
  const pending = new Int32Array(n);
  const order = new Int32Array(n);
  let filled = 0;
  for (let v = 0; v < n; v++) {
    pending[v] = allDown[v]!.length;
    if (pending[v] === 0) order[filled++] = v;
  }
  for (let at = 0; at < filled; at++) {
    for (const c of allChildren[order[at]!]!) {
      pending[c] = pending[c]! - 1;
      if (pending[c] === 0) order[filled++] = c;
    }
  }
  return filled === n ? order : null;
}

/** Revisions Kahn's algorithm could not order (on or above a cycle), sorted. */
function stuckIds(ids: readonly string[], allDown: readonly (readonly number[])[], allChildren: readonly (readonly number[])[]): string[] {
  const pending = allDown.map((ds) => ds.length);
  const queue = ids.map((_, v) => v).filter((v) => pending[v] === 0);
  for (let at = 0; at < queue.length; at++) {
    for (const c of allChildren[queue[at]!]!) if (--pending[c]! === 0) queue.push(c);
  }
  return ids.filter((_, v) => pending[v]! > 0).sort();
}

/**
 * Builds the index-based {@link GraphCore} from revisions in load order, validating as
 * Alembic's `RevisionMap._revision_map` does (and refusing what Alembic only warns about).
 */
import { mapBranchLabels, propagateBranchLabels } from './branch-labels.js';
import type { GraphCore } from './graph-core.js';
import { checkNodes, cycleError, detectCycles, missingReference } from './graph-validation.js';
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
  const keys = new Map<string, number>(ids.map((id, i) => [id, i]));
  const keyOrder = [...ids];
  mapBranchLabels(nodes, keys, keyOrder);

  const deps = nodes.map((node) =>
    node.dependsOn.map((dep) => {
      const target = keys.get(dep);
      if (target === undefined) throw missingReference(node.id, dep, 'dependency');
      return target;
    }),
  );
  const parents = nodes.map((node) =>
    node.parents.map((parent) => {
      const target = keys.get(parent);
      if (target === undefined || ids[target] !== parent) throw missingReference(node.id, parent, 'parent');
      return target;
    }),
  );
  const allDown = parents.map((ps, i) => dedupe([...ps, ...deps[i]!]));
  const children: number[][] = ids.map(() => []);
  const allChildren: number[][] = ids.map(() => []);
  for (let v = 0; v < n; v++) {
    for (const p of allDown[v]!) {
      allChildren[p]!.push(v);
      if (parents[v]!.includes(p)) children[p]!.push(v);
    }
  }
  const range = [...ids.keys()];
  const heads = range.filter((v) => children[v]!.length === 0);
  const realHeads = range.filter((v) => allChildren[v]!.length === 0);
  const bases = range.filter((v) => parents[v]!.length === 0);
  const realBases = range.filter((v) => parents[v]!.length === 0 && nodes[v]!.dependsOn.length === 0);
  detectCycles({ ids, parents, children, allDown, allChildren, heads, bases, realHeads, realBases });
  const order = parentsFirstOrder(ids, allDown, allChildren);

  const normalizedDeps = deps.map((ds, v) => normalizeDeps(v, ds, parents, deps));
  const down = parents.map((ps, v) => dedupe([...ps, ...normalizedDeps[v]!]));
  const labels = propagateBranchLabels({ nodes, parents, children, allChildren });
  return {
    nodes, ids, keys, keyOrder, parents, deps, allDown, down, normalizedDeps, children, allChildren, labels,
    heads, realHeads, bases, realBases, order,
  };
}

function dedupe(values: readonly number[]): number[] {
  return [...new Set(values)];
}

/** Kahn's algorithm; anything left over sits on a cycle Alembic's check did not see. */
function parentsFirstOrder(
  ids: readonly string[],
  allDown: readonly (readonly number[])[],
  allChildren: readonly (readonly number[])[],
): Int32Array {
  const n = ids.length;
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
  if (filled < n) {
    const stuck = ids.filter((_, v) => pending[v]! > 0).sort();
    throw cycleError('Cycle', stuck, 'fix their parents and dependsOn so that no revision descends from itself');
  }
  return order;
}

/** Drops dependencies that a versioned ancestor already depends on (Alembic's `_normalize_depends_on`). */
function normalizeDeps(
  revision: number,
  ownDeps: readonly number[],
  parents: readonly (readonly number[])[],
  deps: readonly (readonly number[])[],
): number[] {
  if (ownDeps.length === 0) return [];
  const remaining = new Set(ownDeps);
  const seen = new Set<number>([revision]);
  const stack = [...parents[revision]!];
  while (stack.length > 0 && remaining.size > 0) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    for (const d of deps[v]!) remaining.delete(d);
    stack.push(...parents[v]!);
  }
  return dedupe(ownDeps).filter((d) => remaining.has(d));
}

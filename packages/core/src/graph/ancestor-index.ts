/**
 * Constant-time "is X an ancestor of Y" over the graph (parents plus normalized
 * dependencies), built once per graph on first use. Revisions with exactly one child sit
 * on a chain that ends at a "chain top" (a revision with zero or several children); X is
 * an ancestor of Y exactly when Y lies on X's way up its chain, or X's chain top is an
 * ancestor of Y. So only chain tops need ancestor bitsets, and the chain part is an
 * interval test on the forest the single-child links form.
 */
import type { GraphCore } from './graph-core.js';

/**
 * The precomputed reachability index.
 *
 * @example
 * ```ts
 * const index = ancestorIndex(core);
 * isAncestor(index, a, d); // true when a is below d
 * ```
 */
export interface AncestorIndex {
  /** How many revisions have each revision as parent or normalized dependency. */
  readonly childCount: Int32Array;
  readonly topSlot: Int32Array;
  readonly enter: Int32Array;
  readonly leave: Int32Array;
  readonly words: number;
  /** Start of each revision's row in `bits` (rows are shared along single-parent chains). */
  readonly row: Int32Array;
  readonly bits: Uint32Array;
}

const cache = new WeakMap<GraphCore, AncestorIndex>();

/**
 * The index for a graph, built on first call.
 *
 * @example
 * ```ts
 * ancestorIndex(core).words; // 32-bit words per revision
 * ```
 */
export function ancestorIndex(core: GraphCore): AncestorIndex {
  let index = cache.get(core);
  if (!index) {
    index = buildIndex(core);
    cache.set(core, index);
  }
  return index;
}

/**
 * Whether `ancestor` is `of` or one of its ancestors (following parents and normalized
 * dependencies, as Alembic's `_get_ancestor_nodes`).
 *
 * @example
 * ```ts
 * isAncestor(index, core.keys.get('a')!, core.keys.get('c')!); // true for a -> b -> c
 * ```
 */
export function isAncestor(index: AncestorIndex, ancestor: number, of: number): boolean {
  if (index.enter[of]! <= index.enter[ancestor]! && index.leave[ancestor]! <= index.leave[of]!) return true;
  const s = index.topSlot[ancestor]!;
  return (index.bits[index.row[of]! + (s >>> 5)]! & (1 << (s & 31))) !== 0;
}

function buildIndex(core: GraphCore): AncestorIndex {
  const n = core.ids.length;
  const childCount = new Int32Array(n);
  const onlyChild = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    for (const p of core.down[r]!) {
      childCount[p] = childCount[p]! + 1;
      onlyChild[p] = r;
    }
  }
  const slot = new Int32Array(n).fill(-1);
  let tops = 0;
  for (let v = 0; v < n; v++) if (childCount[v] !== 1) slot[v] = tops++;
  const topSlot = new Int32Array(n);
  const order = core.order;
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i]!;
    topSlot[v] = childCount[v] === 1 ? topSlot[onlyChild[v]!]! : slot[v]!;
  }
  const { enter, leave } = chainIntervals(n, childCount, onlyChild);
  const words = Math.max(1, Math.ceil(tops / 32));
  // A revision that is not a chain top and has a single parent has exactly its parent's
  // chain tops below it, so it shares the parent's row; row 0 stays empty for plain roots.
  const row = new Int32Array(n);
  let rows = 1;
  for (let v = 0; v < n; v++) if (slot[v]! >= 0 || core.down[v]!.length > 1) rows++;
  const bits = new Uint32Array(rows * words);
  let free = words;
  for (const r of order) {
    const down = core.down[r]!;
    if (slot[r]! < 0 && down.length <= 1) {
      row[r] = down.length === 0 ? 0 : row[down[0]!]!;
      continue;
    }
    const base = free;
    free += words;
    row[r] = base;
    for (const p of down) {
      const from = row[p]!;
      for (let w = 0; w < words; w++) bits[base + w]! |= bits[from + w]!;
    }
    const s = slot[r]!;
    if (s >= 0) bits[base + (s >>> 5)]! |= 1 << (s & 31);
  }
  return { childCount, topSlot, enter, leave, words, row, bits };
}

/** Entry/exit times of a DFS over the forest whose edges lead from a revision to its only child. */
function chainIntervals(n: number, childCount: Int32Array, onlyChild: Int32Array): { enter: Int32Array; leave: Int32Array } {
  // Children lists of the forest in compressed form: first[u]..first[u + 1] in `kids`.
  const first = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) if (childCount[v] === 1) first[onlyChild[v]! + 1]!++;
  for (let u = 0; u < n; u++) first[u + 1]! += first[u]!;
  const fill = first.slice(0, n);
  const kids = new Int32Array(first[n]!);
  for (let v = 0; v < n; v++) if (childCount[v] === 1) kids[fill[onlyChild[v]!]!++] = v;
  const enter = new Int32Array(n);
  const leave = new Int32Array(n);
  const stack = new Int32Array(n);
  const cursor = new Int32Array(n);
  let clock = 0;
  for (let root = 0; root < n; root++) {
    if (childCount[root] === 1) continue;
    let depth = 0;
    stack[0] = root;
    cursor[0] = first[root]!;
    enter[root] = clock++;
    while (depth >= 0) {
      const v = stack[depth]!;
      const i = cursor[depth]!;
      if (i < first[v + 1]!) {
        cursor[depth] = i + 1;
        const k = kids[i]!;
        enter[k] = clock++;
        depth++;
        stack[depth] = k;
        cursor[depth] = first[k]!;
      } else {
        leave[v] = clock++;
        depth--;
      }
    }
  }
  return { enter, leave };
}

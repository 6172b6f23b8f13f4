/**
 * Alembic's `_topological_sort`, newest first: walk down from the tips in load order,
 * depth-first along a branch, but never emit a revision while another pending tip still
 * descends from it (then switch to that tip). The ancestor sets Alembic recomputes per tip
 * are precomputed here as bitsets restricted to the revisions being sorted, so the walk
 * stays near-linear on large graphs.
 */
import type { GraphCore } from './graph-core.js';

/**
 * Orders the revisions marked in `todo`, children before parents, starting from `heads`.
 *
 * @example
 * ```ts
 * topologicalSort(core, todo, core.heads); // e.g. [5, 4, 2, 3, 1, 0]
 * ```
 */
export function topologicalSort(core: GraphCore, todo: Uint8Array, heads: readonly number[]): number[] {
  const pending = Uint8Array.from(todo);
  const ancestors = ancestorBits(core, pending);
  const slot = ancestors.slot;
  const has = (bits: Uint32Array | null, revision: number): boolean => {
    const s = slot[revision]!;
    return bits !== null && s >= 0 && (bits[s >>> 5]! & (1 << (s & 31))) !== 0;
  };
  const tips = [...new Set(heads)].filter((h) => pending[h]).sort((a, b) => a - b);
  const onTips = new Uint8Array(core.ids.length);
  for (const t of tips) onTips[t] = 1;
  const tipBits = tips.map((t) => ancestors.bits[t] ?? null);
  const output: number[] = [];
  let at = 0;
  while (tips.length > 0) {
    const candidate = tips[at]!;
    const blocker = tipBits.findIndex((bits, i) => i !== at && has(bits, candidate));
    if (blocker >= 0) {
      at = blocker;
      continue;
    }
    if (pending[candidate]) {
      output.push(candidate);
      pending[candidate] = 0;
    }
    const next = core.down[candidate]!.filter((r) => pending[r] && !onTips[r]);
    onTips[candidate] = 0;
    if (next.length === 0) {
      tips.splice(at, 1);
      tipBits.splice(at, 1);
      at = Math.max(at - 1, 0);
      continue;
    }
    tips[at] = next[0]!;
    tipBits[at] = ancestors.bits[next[0]!] ?? null;
    onTips[next[0]!] = 1;
    const simple = core.normalizedDeps[candidate]!.length === 0 && core.parents[candidate]!.length === 1;
    if (!simple) {
      for (const r of next.slice(1)) {
        tips.push(r);
        tipBits.push(ancestors.bits[r] ?? null);
        onTips[r] = 1;
      }
    }
  }
  return output;
}

/**
 * For every revision, the set of `todo` revisions among its ancestors (itself included),
 * as a bitset over `todo` slots; `null` when it has none.
 */
function ancestorBits(core: GraphCore, todo: Uint8Array): { bits: (Uint32Array | null)[]; slot: Int32Array } {
  const n = core.ids.length;
  const slot = new Int32Array(n).fill(-1);
  let count = 0;
  for (let r = 0; r < n; r++) if (todo[r]) slot[r] = count++;
  const words = Math.max(1, Math.ceil(count / 32));
  const bits: (Uint32Array | null)[] = new Array<Uint32Array | null>(n).fill(null);
  let needed = 0;
  const needs = new Uint8Array(n);
  for (const r of core.order) {
    if (todo[r] || core.down[r]!.some((p) => needs[p])) {
      needs[r] = 1;
      needed++;
    }
  }
  const pool = new Uint32Array(needed * words);
  let used = 0;
  for (const r of core.order) {
    if (!needs[r]) continue;
    const own = pool.subarray(used * words, (used + 1) * words);
    used++;
    for (const p of core.down[r]!) {
      const parentBits = bits[p];
      if (parentBits) for (let w = 0; w < words; w++) own[w]! |= parentBits[w]!;
    }
    const s = slot[r]!;
    if (s >= 0) own[s >>> 5]! |= 1 << (s & 31);
    bits[r] = own;
  }
  return { bits, slot };
}

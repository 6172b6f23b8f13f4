/**
 * Alembic's `_topological_sort`, newest first: walk down from the tips in load order,
 * depth-first along a branch, but never emit a revision while another pending tip still
 * descends from it (then switch to that tip). Alembic recomputes ancestor sets per tip;
 * here every "is it below that tip" question is answered by the graph's ancestor index.
 */
import { ancestorIndex, isAncestor } from './ancestor-index.js';
import type { GraphCore } from './graph-core.js';

/**
 * Orders the revisions marked in `todo`, children before parents, starting from `heads`.
 * Revisions no tip leads to are left out (the caller checks).
 *
 * @example
 * ```ts
 * topologicalSort(core, todo, core.heads); // e.g. [5, 4, 2, 3, 1, 0]
 * ```
 */
export function topologicalSort(core: GraphCore, todo: Uint8Array, heads: readonly number[]): number[] {
  const index = ancestorIndex(core);
  const pending = Uint8Array.from(todo);
  const tips = [...new Set(heads)].filter((h) => pending[h]).sort((a, b) => a - b);
  const onTips = new Uint8Array(core.ids.length);
  for (const t of tips) onTips[t] = 1;
  const output: number[] = [];
  let at = 0;
  // True right after the tip at `at` moved from a revision to its only parent: if that
  // parent has no other child, no other tip can descend from it (they were all checked
  // against the child and have not changed), so the scan can be skipped.
  let stepped = false;
  while (tips.length > 0) {
    const candidate = tips[at]!;
    if (!(stepped && index.childCount[candidate] === 1)) {
      let blocker = -1;
      for (let j = 0; j < tips.length; j++) {
        if (j !== at && isAncestor(index, candidate, tips[j]!)) {
          blocker = j;
          break;
        }
      }
      if (blocker >= 0) {
        at = blocker;
        stepped = false;
        continue;
      }
    }
    if (pending[candidate]) {
      output.push(candidate);
      pending[candidate] = 0;
    }
    onTips[candidate] = 0;
    const down = core.down[candidate]!;
    const simple = core.normalizedDeps[candidate]!.length === 0 && core.parents[candidate]!.length === 1;
    const next = simple ? (pending[down[0]!] && !onTips[down[0]!] ? down : NONE) : down.filter((r) => pending[r] && !onTips[r]);
    if (next.length === 0) {
      tips.splice(at, 1);
      at = Math.max(at - 1, 0);
      stepped = false;
      continue;
    }
    tips[at] = next[0]!;
    onTips[next[0]!] = 1;
    stepped = simple;
    for (let i = 1; i < next.length; i++) {
      tips.push(next[i]!);
      onTips[next[i]!] = 1;
    }
  }
  return output;
}

const NONE: readonly number[] = [];

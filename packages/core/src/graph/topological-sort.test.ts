import { ancestorIndex, isAncestor } from './ancestor-index.js';
import { randomNodes } from './__fixtures__/random-graph.js';
import { buildGraphCore } from './build-graph.js';
import type { GraphCore } from './graph-core.js';
import { topologicalSort } from './topological-sort.js';
import { related } from './traversal.js';

/** Alembic's `_topological_sort` written literally, with explicit ancestor sets (slow, obviously right). */
function referenceSort(core: GraphCore, todoMask: Uint8Array, heads: readonly number[]): number[] {
  const ancestors = (r: number): Set<number> => {
    const mask = related(core, [r], 'down');
    return new Set([...mask].flatMap((on, i) => (on ? [i] : [])));
  };
  const todo = new Set<number>([...todoMask].flatMap((on, i) => (on ? [i] : [])));
  const current = [...new Set(heads)].filter((h) => todo.has(h)).sort((a, b) => a - b);
  const sets = current.map(ancestors);
  const out: number[] = [];
  let idx = 0;
  while (current.length > 0) {
    const candidate = current[idx]!;
    const blocker = sets.findIndex((set, j) => j !== idx && set.has(candidate));
    if (blocker >= 0) {
      idx = blocker;
      continue;
    }
    if (todo.delete(candidate)) out.push(candidate);
    const add = core.down[candidate]!.filter((r) => todo.has(r) && !current.includes(r));
    if (add.length === 0) {
      current.splice(idx, 1);
      sets.splice(idx, 1);
      idx = Math.max(idx - 1, 0);
    } else if (core.normalizedDeps[candidate]!.length === 0 && core.parents[candidate]!.length === 1) {
      current[idx] = add[0]!;
      sets[idx]!.delete(candidate);
    } else {
      current[idx] = add[0]!;
      sets[idx] = ancestors(add[0]!);
      for (const r of add.slice(1)) {
        current.push(r);
        sets.push(ancestors(r));
      }
    }
  }
  return out;
}

describe('ancestor index', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('agrees with a plain walk on every pair (seed %i)', (seed) => {
    const core = buildGraphCore(randomNodes(seed, 40));
    const index = ancestorIndex(core);
    for (let of = 0; of < core.ids.length; of++) {
      const truth = related(core, [of], 'down');
      for (let a = 0; a < core.ids.length; a++) expect([a, of, isAncestor(index, a, of)]).toEqual([a, of, truth[a] === 1]);
    }
  });
});

describe('topologicalSort', () => {
  test.each([11, 12, 13, 14, 15, 16, 17, 18, 19, 20])('matches the literal algorithm on full and partial walks (seed %i)', (seed) => {
    const core = buildGraphCore(randomNodes(seed, 60));
    const all = new Uint8Array(core.ids.length).fill(1);
    expect(topologicalSort(core, all, core.heads)).toEqual(referenceSort(core, all, core.heads));
    const someHeads = core.heads.filter((_, i) => i % 2 === 0);
    const partial = related(core, someHeads, 'down');
    expect(topologicalSort(core, partial, someHeads)).toEqual(referenceSort(core, partial, someHeads));
  });

  test('children come before parents and dependencies', () => {
    const core = buildGraphCore(randomNodes(99, 300));
    const order = topologicalSort(core, new Uint8Array(core.ids.length).fill(1), core.heads);
    const position = new Map(order.map((r, i) => [r, i]));
    expect(order.length).toBe(300);
    for (const r of order) for (const p of core.allDown[r]!) expect(position.get(p)! > position.get(r)!).toBe(true);
  });
});

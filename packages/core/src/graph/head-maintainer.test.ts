import { BRANCHED, MERGED, n } from './__fixtures__/graph-nodes.js';
import { RevisionGraph } from './revision-graph.js';

describe('applyStep: revision steps', () => {
  const merged = RevisionGraph.from(MERGED);

  test('a root upgrade inserts a row; moving along a chain updates it', () => {
    expect(merged.applyStep([], { revision: 'a', direction: 'up' })).toEqual({
      heads: ['a'], change: { kind: 'insert', ops: [{ op: 'insert', revision: 'a' }] },
    });
    expect(merged.applyStep(['a'], { revision: 'b', direction: 'up' })).toEqual({
      heads: ['b'], change: { kind: 'update', ops: [{ op: 'update', from: 'a', to: 'b' }] },
    });
  });

  test('a sibling upgrade creates a branch row', () => {
    expect(merged.applyStep(['d1'], { revision: 'c2', direction: 'up' })).toEqual({
      heads: ['d1', 'c2'], change: { kind: 'insert', ops: [{ op: 'insert', revision: 'c2' }] },
    });
  });

  test('a merge deletes all but one parent row and updates the last', () => {
    expect(merged.applyStep(['d1', 'd2'], { revision: 'e', direction: 'up' })).toEqual({
      heads: ['e'], change: { kind: 'merge', ops: [{ op: 'delete', revision: 'd1' }, { op: 'update', from: 'd2', to: 'e' }] },
    });
  });

  test('downgrading a merge point unmerges: insert one parent, update the other', () => {
    expect(merged.applyStep(['e'], { revision: 'e', direction: 'down' })).toEqual({
      heads: ['d2', 'd1'], change: { kind: 'unmerge', ops: [{ op: 'insert', revision: 'd1' }, { op: 'update', from: 'e', to: 'd2' }] },
    });
  });

  test('downgrading a root, or a revision another row implies, deletes its row', () => {
    expect(merged.applyStep(['a'], { revision: 'a', direction: 'down' }).change).toEqual({ kind: 'delete', ops: [{ op: 'delete', revision: 'a' }] });
    const branched = RevisionGraph.from(BRANCHED);
    expect(branched.applyStep(['c2', 'd1'], { revision: 'c2', direction: 'down' })).toEqual({
      heads: ['d1'], change: { kind: 'delete', ops: [{ op: 'delete', revision: 'c2' }] },
    });
  });

  test('a dependency implied by another row is not re-inserted (Alembic #377, #843)', () => {
    const graph = RevisionGraph.from([n('a1'), n('b1', [], { deps: ['a1'] }), n('bmerge', ['a1', 'b1'])]);
    expect(graph.applyStep(['bmerge'], { revision: 'bmerge', direction: 'down' }).heads).toEqual(['b1']);
  });

  test('rows the graph cannot follow are reported, not silently fixed', () => {
    expect(() => merged.applyStep(['x'], { revision: 'b', direction: 'down' })).toThrow(
      "The version table does not match the revision graph (no row 'b' to update); run `retort current` and repair it with `retort stamp <revision> --purge`.",
    );
    expect(() => merged.applyStep([], { revision: 'nope', direction: 'up' })).toThrow(expect.objectContaining({ code: 'E_UNKNOWN_REVISION' }));
  });

  test('stepping down a long linear history moves the row one parent at a time, in linear time', () => {
    const size = 20_000;
    const id = (i: number): string => `r${i}`;
    const chain = RevisionGraph.from(Array.from({ length: size }, (_, i) => n(id(i), i === 0 ? [] : [id(i - 1)])));
    const started = performance.now();
    let rows: readonly string[] = [id(size - 1)];
    const kinds = new Set<string>();
    for (const step of chain.planDowngrade('base', rows)) {
      const applied = chain.applyStep(rows, step);
      kinds.add(applied.change.kind);
      rows = applied.heads;
      if (step.revision === id(1)) expect(applied.change.ops).toEqual([{ op: 'update', from: id(1), to: id(0) }]);
    }
    expect(rows).toEqual([]);
    expect([...kinds]).toEqual(['update', 'delete']);
    // A walk over the ancestors per step (quadratic) took tens of seconds here.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('applyStep: stamp steps', () => {
  const graph = RevisionGraph.from(BRANCHED);

  test('branch moves insert and delete; other moves merge, unmerge or update', () => {
    expect(graph.applyStep([], { from: [], to: ['b'], direction: 'up', branchMove: true }).heads).toEqual(['b']);
    expect(graph.applyStep(['d1'], { from: ['d1'], to: [], direction: 'down', branchMove: true }).heads).toEqual([]);
    expect(graph.applyStep(['d1', 'c2'], { from: ['d1', 'c2'], to: ['b'], direction: 'down', branchMove: false })).toEqual({
      heads: ['b'], change: { kind: 'merge', ops: [{ op: 'delete', revision: 'd1' }, { op: 'update', from: 'c2', to: 'b' }] },
    });
    expect(graph.applyStep(['e'], { from: ['e'], to: ['d1', 'd2'], direction: 'down', branchMove: false })).toEqual({
      heads: ['d2', 'd1'], change: { kind: 'unmerge', ops: [{ op: 'insert', revision: 'd1' }, { op: 'update', from: 'e', to: 'd2' }] },
    });
    expect(graph.applyStep(['c2'], { from: ['c2'], to: ['d2'], direction: 'up', branchMove: false }).change).toEqual({
      kind: 'update', ops: [{ op: 'update', from: 'c2', to: 'd2' }],
    });
  });
});

describe('Alembic TwinMergeTest, step by step', () => {
  test('two merge points over the same three branches', () => {
    const graph = RevisionGraph.from([
      n('a'), n('b1', ['a']), n('b2', ['a']), n('b3', ['a']), n('c1', ['b1', 'b2', 'b3']), n('c2', ['b1', 'b2', 'b3']), n('d1', ['c1']), n('d2', ['c2']),
    ]);
    let rows: readonly string[] = ['a'];
    const seen: string[][] = [];
    for (const revision of ['b3', 'b1', 'b2', 'c2', 'd2', 'c1', 'd1']) {
      rows = graph.applyStep(rows, { revision, direction: 'up' }).heads;
      seen.push([...rows].sort());
    }
    expect(seen).toEqual([['b3'], ['b1', 'b3'], ['b1', 'b2', 'b3'], ['c2'], ['d2'], ['c1', 'd2'], ['d1', 'd2']]);
  });
});

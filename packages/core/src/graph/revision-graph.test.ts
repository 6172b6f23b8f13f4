import { BRANCHED, CROSS, MERGED, n } from './__fixtures__/graph-nodes.js';
import { BASE, HEAD, HEADS, RevisionGraph } from './revision-graph.js';

describe('RevisionGraph facts', () => {
  test('heads include revisions that are only depended on; realHeads do not', () => {
    const graph = RevisionGraph.from([n('y1', [], { labels: ['y'] }), n('x1', [], { labels: ['x'] }), n('y2', ['y1'], { deps: ['x1'] })]);
    expect(graph.heads).toEqual(['x1', 'y2']);
    expect(graph.realHeads).toEqual(['y2']);
    expect(graph.bases).toEqual(['y1', 'x1']);
    expect(graph.realBases).toEqual(['y1', 'x1']);
    expect(graph.size).toBe(3);
  });

  test('a revision with dependencies but no parents is a base but not a real base', () => {
    const graph = RevisionGraph.from(CROSS.concat([n('c1', [], { deps: ['a1'] })]));
    expect(graph.bases).toEqual(['a1', 'b1', 'c1']);
    expect(graph.realBases).toEqual(['a1', 'b1']);
  });

  test('get() reports children, dependents, dependencies and kinds', () => {
    const graph = RevisionGraph.from(CROSS);
    expect(graph.get('a2')).toEqual({
      id: 'a2', parents: ['a1'], dependsOn: [], branchLabels: [],
      children: ['a3'], dependents: ['a3', 'b2'], resolvedDependsOn: [], normalizedDependsOn: [], labels: [],
      isBranchPoint: false, isMergePoint: false, isHead: false, isBase: false,
    });
    expect(graph.get('b2')?.resolvedDependsOn).toEqual(['a2']);
    expect(graph.get('ae10')).toBeUndefined();
    expect(graph.has('b2')).toBe(true);
    expect(graph.has('b')).toBe(false);
  });

  test('labels propagate to descendants and down a plain chain to the branch point (Alembic _add_branches)', () => {
    const graph = RevisionGraph.from(BRANCHED);
    expect(['a', 'b', 'c1', 'd1', 'c2', 'd2'].map((id) => graph.get(id)?.labels)).toEqual([
      [], [], ['c1branch'], ['c1branch'], ['c2branch'], ['c2branch'],
    ]);
    const chain = RevisionGraph.from([n('a'), n('b', ['a']), n('c', ['b'], { labels: ['lib'] }), n('d', ['c'])]);
    expect(['a', 'b', 'c', 'd'].map((id) => chain.get(id)?.labels)).toEqual([['lib'], ['lib'], ['lib'], ['lib']]);
  });

  test('labels do not propagate below a labelled revision whose descendants branch', () => {
    const graph = RevisionGraph.from([n('a'), n('b', ['a'], { labels: ['lib'] }), n('c1', ['b']), n('c2', ['b'])]);
    expect(graph.get('a')?.labels).toEqual([]);
    expect(graph.get('c2')?.labels).toEqual(['lib']);
  });

  test('branch points and merge points', () => {
    const graph = RevisionGraph.from(MERGED);
    expect(graph.branchPoints().map((info) => [info.id, info.children])).toEqual([['b', ['c1', 'c2']]]);
    expect(graph.get('e')?.isMergePoint).toBe(true);
    expect(graph.get('f')?.isHead).toBe(true);
  });

  test('dependencies already implied by an ancestor are normalized away', () => {
    const graph = RevisionGraph.from([
      n('a1'), n('a2', ['a1']), n('a3', ['a2']), n('b1'), n('b2', ['b1'], { deps: ['a3'] }), n('b3', ['b2']), n('b4', ['b3'], { deps: ['a3'] }),
    ]);
    expect(graph.get('b4')?.resolvedDependsOn).toEqual(['a3']);
    expect(graph.get('b4')?.normalizedDependsOn).toEqual([]);
    expect(graph.get('b2')?.normalizedDependsOn).toEqual(['a3']);
  });

  test('sentinels are the literal target words', () => {
    expect([HEAD, HEADS, BASE]).toEqual(['head', 'heads', 'base']);
  });
});

describe('RevisionGraph.walk and topologicalOrder', () => {
  test('newest first with branches ended at their branch point (Alembic order)', () => {
    const graph = RevisionGraph.from(BRANCHED);
    expect(graph.walk()).toEqual(['d1', 'c1', 'd2', 'c2', 'b', 'a']);
    expect(graph.topologicalOrder()).toBe(graph.topologicalOrder());
  });

  test('ranges, open ends and current', () => {
    const graph = RevisionGraph.from(BRANCHED);
    expect(graph.walk({ range: 'b:d2' })).toEqual(['d2', 'c2', 'b']);
    expect(graph.walk({ range: ':c1' })).toEqual(['c1', 'b', 'a']);
    expect(graph.walk({ range: 'c2:' })).toEqual(['d2', 'c2']);
    expect(graph.walk({ range: 'current:', currentHeads: ['c1'] })).toEqual(['d1', 'c1']);
    expect(graph.walk({ range: ':current', currentHeads: ['d1', 'c2'] })).toEqual(['d1', 'c1', 'c2', 'b', 'a']);
  });

  test('a range across branches or without a colon is refused', () => {
    const graph = RevisionGraph.from(BRANCHED);
    expect(() => graph.walk({ range: 'c1:d2' })).toThrow(
      'Requested range c1:d2 does not refer to ancestor/descendant revisions along the same branch; swap the ends or pick revisions on one branch.',
    );
    expect(() => graph.walk({ range: 'c1' })).toThrow(
      "History range 'c1' requires [start]:[end], [start]:, or :[end]; for example `retort history -r ae10:head`.",
    );
  });
});

describe('RevisionGraph.resolve', () => {
  const graph = RevisionGraph.from(BRANCHED);

  test('symbols, labels and lists', () => {
    expect(graph.resolve('heads')).toEqual(['d1', 'd2']);
    expect(graph.resolve('base')).toEqual([]);
    expect(graph.resolve(null)).toEqual([]);
    expect(graph.resolve('c2branch')).toEqual(['c2']);
    expect(graph.resolve('c2branch@head')).toEqual(['d2']);
    expect(graph.resolve(['c1', 'c2branch@head'])).toEqual(['c1', 'd2']);
    expect(graph.resolve('-1')).toEqual(['c1', 'c2']);
    expect(graph.resolve('c1branch@-1')).toEqual(['c1']);
  });

  test('resolveOne returns null for base and refuses several heads', () => {
    expect(graph.resolveOne('base')).toBeNull();
    expect(graph.resolveOne('c1branch@head')).toBe('d1');
    expect(() => graph.resolveOne('head')).toThrow(
      "Multiple heads are present for 'head': 'd1', 'd2'; name one of them, use 'heads', or run `retort merge heads`.",
    );
    expect(() => graph.resolveOne('heads')).toThrow(expect.objectContaining({ code: 'E_MULTIPLE_HEADS', facts: { argument: 'heads', heads: ['d1', 'd2'] } }));
  });

  test('relative targets against version rows, as upgrade or downgrade reads them', () => {
    expect(() => graph.resolve('+1', { currentHeads: ['b'] })).toThrow(expect.objectContaining({ code: 'E_AMBIGUOUS_WALK' }));
    expect(graph.resolve('c2branch@+1', { currentHeads: ['b'] })).toEqual(['c2']);
    expect(graph.resolve('-1', { currentHeads: ['d2'], direction: 'down' })).toEqual(['c2']);
    expect(() => graph.resolve('b+1', { currentHeads: [], direction: 'up' })).toThrow(
      "Ambiguous walk from 'b': it leads to 'c1', 'c2'; name a branch ('label@+1') or an absolute revision.",
    );
    expect(graph.resolve('a+1', { currentHeads: [] })).toEqual(['b']);
  });

  test('relative targets anchored on a revision need no version rows', () => {
    expect(graph.resolve('d2-2')).toEqual(['b']);
    expect(graph.resolve('base+2')).toEqual(['b']);
    expect(graph.resolve('c1branch@head-1')).toEqual(['c1']);
    expect(() => graph.resolve('d1+1')).toThrow(
      "Relative revision d1+1 didn't produce 1 migrations; use a smaller step or an absolute revision (run `retort history` to list revisions).",
    );
    expect(() => graph.resolve('-9')).toThrow("Relative revision -9 didn't produce 9 migrations");
  });
});

describe('RevisionGraph plans', () => {
  test('upgrade follows dependencies across roots, parents first', () => {
    const graph = RevisionGraph.from(CROSS);
    expect(graph.planUpgrade('b3', [])).toEqual([
      { revision: 'a1', direction: 'up' }, { revision: 'a2', direction: 'up' }, { revision: 'b1', direction: 'up' },
      { revision: 'b2', direction: 'up' }, { revision: 'b3', direction: 'up' },
    ]);
  });

  test('downgrade takes dependents of removed revisions along, children first', () => {
    const graph = RevisionGraph.from(CROSS);
    expect(graph.planDowngrade('a1', ['a3', 'b3']).map((s) => s.revision)).toEqual(['a3', 'b3', 'b2', 'a2']);
  });

  test('an upgrade to a sibling adds a branch row', () => {
    const graph = RevisionGraph.from(BRANCHED);
    const steps = graph.planUpgrade('d2', ['d1']);
    expect(steps.map((s) => s.revision)).toEqual(['c2', 'd2']);
    const rows = steps.reduce<readonly string[]>((heads, step) => graph.applyStep(heads, step).heads, ['d1']);
    expect(rows).toEqual(['d1', 'd2']);
  });

  test('a destination off the current lineage is refused with the fix', () => {
    const graph = RevisionGraph.from(BRANCHED);
    expect(() => graph.planDowngrade('c2', ['d1'])).toThrow(
      'Destination c2 is not a valid downgrade target from current head(s); run `retort current` and name an ancestor of the current revisions.',
    );
    expect(() => graph.planUpgrade('head', [])).toThrow(expect.objectContaining({ code: 'E_MULTIPLE_HEADS' }));
  });
});

describe('RevisionGraph.summary', () => {
  test('agrees with get() on every revision, and knows no labels or unknown ids', () => {
    const graph = RevisionGraph.from([
      n('a'),
      n('b', ['a'], { labels: ['feature'] }),
      n('c', ['a']),
      n('m', ['b', 'c']),
    ]);
    for (const id of ['a', 'b', 'c', 'm']) {
      const info = graph.get(id)!;
      expect(graph.summary(id)).toEqual({ isHead: info.isHead, isBranchPoint: info.isBranchPoint, isMergePoint: info.isMergePoint, labels: info.labels });
    }
    expect(graph.summary('m')).toEqual({ isHead: true, isBranchPoint: false, isMergePoint: true, labels: ['feature'] });
    expect(graph.summary('feature')).toBeUndefined();
    expect(graph.summary('zz')).toBeUndefined();
  });
});

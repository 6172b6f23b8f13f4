import { BRANCHED, MERGED, n } from './__fixtures__/graph-nodes.js';
import { RevisionGraph } from './revision-graph.js';

describe('planStamp', () => {
  test('down across branches to the branch point is one merge step', () => {
    const plan = RevisionGraph.from(BRANCHED).planStamp('b', ['d1', 'c2']);
    expect(plan).toEqual({
      steps: [{ from: ['d1', 'c2'], to: ['b'], direction: 'down', branchMove: false }],
      changes: [{ kind: 'merge', ops: [{ op: 'delete', revision: 'd1' }, { op: 'update', from: 'c2', to: 'b' }] }],
      heads: ['b'],
    });
  });

  test('a labelled head moves only its own branch', () => {
    expect(RevisionGraph.from(BRANCHED).planStamp('c2branch@head', ['d1', 'c2']).heads).toEqual(['d1', 'd2']);
    expect(RevisionGraph.from(MERGED).planStamp('c2branch@head', ['d1', 'c2']).heads).toEqual(['f']);
  });

  test('base deletes the rows of the lineage; heads inserts every head', () => {
    expect(RevisionGraph.from(BRANCHED).planStamp('c1branch@base', ['d1', 'c2']).heads).toEqual(['c2']);
    const forest = RevisionGraph.from([n('a1'), n('b1', ['a1']), n('a2'), n('b2', ['a2'])]);
    expect(forest.planStamp('heads', []).steps).toEqual([
      { from: [], to: ['b1'], direction: 'up', branchMove: true },
      { from: [], to: ['b2'], direction: 'up', branchMove: true },
    ]);
    expect(forest.planStamp('heads', ['b1', 'b2']).steps).toEqual([]);
  });

  test('purge deletes every row first, even unknown ones', () => {
    expect(RevisionGraph.from(BRANCHED).planStamp('d2', ['zz'], { purge: true })).toEqual({
      steps: [{ from: [], to: ['d2'], direction: 'up', branchMove: true }],
      changes: [
        { kind: 'delete', ops: [{ op: 'delete', revision: 'zz' }] },
        { kind: 'insert', ops: [{ op: 'insert', revision: 'd2' }] },
      ],
      heads: ['d2'],
    });
    expect(() => RevisionGraph.from(BRANCHED).planStamp('d2', ['zz'])).toThrow(expect.objectContaining({ code: 'E_UNKNOWN_REVISION' }));
  });
});

import { BRANCHED, n } from './__fixtures__/graph-nodes.js';
import { RevisionGraph } from './revision-graph.js';

describe('planNewRevision', () => {
  const graph = RevisionGraph.from(BRANCHED);

  test('builds on the single head, or the heads named', () => {
    expect(RevisionGraph.from([n('a'), n('b', ['a'])]).planNewRevision()).toEqual({ parents: ['b'], dependsOn: [], branchLabels: [] });
    expect(graph.planNewRevision({ head: 'c2branch@head' }).parents).toEqual(['d2']);
    expect(graph.planNewRevision({ head: 'heads' }).parents).toEqual(['d1', 'd2']);
    expect(graph.planNewRevision({ head: 'base' }).parents).toEqual([]);
  });

  test('several heads without --head, and a non-head without --splice, are refused', () => {
    expect(() => graph.planNewRevision()).toThrow(
      "Multiple heads are present: 'd1', 'd2'; pass --head with the revision to build on, or run `retort merge heads` first.",
    );
    expect(() => graph.planNewRevision({ head: 'b' })).toThrow("Revision 'b' is not a head; pass --splice to branch from it.");
    expect(graph.planNewRevision({ head: 'b', splice: true }).parents).toEqual(['b']);
  });

  test('dependencies resolve prefixes to ids and keep labels', () => {
    const long = RevisionGraph.from([n('ae10f3b2c1d4', [], { labels: ['lib'] }), n('b', [])]);
    expect(long.planNewRevision({ head: 'b', dependsOn: ['ae10', 'lib'] }).dependsOn).toEqual(['ae10f3b2c1d4', 'lib']);
  });

  test('labels and ids already in use are refused', () => {
    expect(() => graph.planNewRevision({ id: 'x1', head: 'd1', branchLabels: ['c1branch'] })).toThrow(
      "Branch name 'c1branch' in revision x1 already used by revision c1; choose another --branch-label.",
    );
    expect(() => graph.planNewRevision({ id: 'd2', head: 'd1' })).toThrow(expect.objectContaining({ code: 'E_DUPLICATE_ID' }));
    expect(() => graph.planNewRevision({ id: 'no-dashes', head: 'd1' })).toThrow(expect.objectContaining({ code: 'E_INVALID_META' }));
  });
});

import { RevisionGraph } from './revision-graph.js';
import type { RevisionNode } from './types.js';

/**
 * 10,000 revisions: a trunk where every 10th revision opens two short branches that merge
 * back (one depending on an older trunk revision), a side head every 97 revisions and a
 * label every 1,000; loaded in an order unrelated to the history, as folder names are.
 */
function largeHistory(size: number): RevisionNode[] {
  const nodes: RevisionNode[] = [];
  let trunk: string | null = null;
  let next = 0;
  const id = (): string => (next++).toString(16).padStart(12, '0');
  while (nodes.length < size) {
    const t = id();
    nodes.push({ id: t, parents: trunk ? [trunk] : [], dependsOn: [], branchLabels: nodes.length % 1000 === 0 ? [`l${nodes.length}`] : [] });
    trunk = t;
    if (nodes.length % 10 === 0) {
      const [b1, b2, c1, m] = [id(), id(), id(), id()];
      const older = nodes.length > 50 ? [nodes[nodes.length - 40]!.id] : [];
      nodes.push({ id: b1, parents: [trunk], dependsOn: [], branchLabels: [] });
      nodes.push({ id: b2, parents: [trunk], dependsOn: older, branchLabels: [] });
      nodes.push({ id: c1, parents: [b1], dependsOn: [], branchLabels: [] });
      nodes.push({ id: m, parents: [c1, b2], dependsOn: [], branchLabels: [] });
      trunk = m;
    }
    if (nodes.length % 97 === 0) nodes.push({ id: id(), parents: [trunk], dependsOn: [], branchLabels: [] });
  }
  const reversed = (s: string): string => [...s].reverse().join('');
  return nodes.slice(0, size).sort((a, b) => (reversed(a.id) < reversed(b.id) ? -1 : 1));
}

describe('a 10,000-revision graph', () => {
  const nodes = largeHistory(10_000);
  const graph = RevisionGraph.from(nodes);
  const withChildren = new Set(nodes.flatMap((node) => node.parents));

  test('heads are exactly the revisions nobody builds on', () => {
    const expected = nodes.filter((node) => !withChildren.has(node.id)).map((node) => node.id);
    expect(graph.heads).toEqual(expected);
    expect(graph.heads.length).toBe(63);
  });

  test('the newest-first walk lists every revision once, after all its children and dependents', () => {
    const order = graph.walk();
    expect(order.length).toBe(10_000);
    const position = new Map(order.map((id, i) => [id, i]));
    expect(position.size).toBe(10_000);
    for (const node of nodes) {
      for (const below of [...node.parents, ...node.dependsOn]) expect(position.get(below)! > position.get(node.id)!).toBe(true);
    }
  });

  test('upgrading everything and downgrading it again are exact mirrors of valid orders', () => {
    const up = graph.planUpgrade('heads', []).map((s) => s.revision);
    expect(new Set(up).size).toBe(10_000);
    const down = graph.planDowngrade('base', graph.realHeads).map((s) => s.revision);
    expect(down).toEqual(graph.walk());
    const rows = graph.planUpgrade('heads', []).reduce<readonly string[]>((heads, step) => graph.applyStep(heads, step).heads, []);
    expect([...rows].sort()).toEqual([...graph.realHeads].sort());
  });
});

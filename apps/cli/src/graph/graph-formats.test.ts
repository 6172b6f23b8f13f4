import { renderGraph, type GraphNode } from './graph-formats.js';

const node = (id: string, parents: string[], extra: Partial<GraphNode> = {}): GraphNode => ({
  id,
  parents,
  dependsOn: [],
  message: `rev ${id}`,
  labels: [],
  head: false,
  current: false,
  ...extra,
});
const nodes = [
  node('m', ['a', 'b'], { head: true, current: true }),
  node('b', ['r'], { labels: ['side'] }),
  node('a', ['r'], { dependsOn: ['x'] }),
  node('x', []),
  node('r', []),
];

describe('renderGraph', () => {
  test('mermaid', () => {
    expect(renderGraph(nodes, 'mermaid')).toBe(
      [
        'flowchart BT',
        '  m["m · rev m (head, current)"]',
        '  b["b · rev b (side)"]',
        '  a["a · rev a"]',
        '  x["x · rev x"]',
        '  r["r · rev r"]',
        '  a --> m',
        '  b --> m',
        '  r --> b',
        '  r --> a',
        '  x -.-> a',
        '  classDef current stroke-width:3px',
        '  class m current',
        '',
      ].join('\n'),
    );
  });

  test('dot', () => {
    const text = renderGraph(nodes, 'dot');
    expect(text).toContain('digraph retort {\n  rankdir=BT;');
    expect(text).toContain('  "m" [label="m · rev m (head, current)", penwidth=3];');
    expect(text).toContain('  "x" -> "a" [style=dashed];');
  });

  test('ascii and html', () => {
    expect(renderGraph(nodes, 'ascii').split('\n')[0]).toBe('* m · rev m (head, current)');
    const page = renderGraph(nodes, 'html');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page.match(/<circle /g)).toHaveLength(5);
    expect(page).toContain('stroke-dasharray="4 3"');
  });
});

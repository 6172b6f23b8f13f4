import { renderAsciiGraph } from './ascii-graph.js';

/** A revision as the graph renderers see it. */
export interface GraphNode {
  readonly id: string;
  readonly parents: readonly string[];
  readonly dependsOn: readonly string[];
  readonly message: string;
  readonly labels: readonly string[];
  readonly head: boolean;
  readonly current: boolean;
}

/** The formats `retort graph` writes. */
export const GRAPH_FORMATS = ['ascii', 'mermaid', 'dot', 'html'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/**
 * Renders the revision graph (nodes newest first) as text: ASCII lanes, a Mermaid
 * flowchart, a Graphviz digraph, or a self-contained HTML page with an SVG drawing.
 * Parent edges are solid; depends_on edges dashed.
 *
 * @example
 * ```ts
 * renderGraph(nodes, 'mermaid'); // 'flowchart BT\n  a1["a1 · create users"]\n  ...'
 * ```
 */
export function renderGraph(nodes: readonly GraphNode[], format: GraphFormat): string {
  switch (format) {
    case 'ascii':
      return ascii(nodes);
    case 'mermaid':
      return mermaid(nodes);
    case 'dot':
      return dot(nodes);
    case 'html':
      return html(nodes);
    default: {
      const never: never = format;
      throw new Error(`unknown graph format ${String(never)}`);
    }
  }
}

function title(node: GraphNode): string {
  const tags = [node.head ? 'head' : '', node.current ? 'current' : '', ...node.labels].filter(Boolean);
  return `${node.id}${node.message ? ` · ${node.message}` : ''}${tags.length ? ` (${tags.join(', ')})` : ''}`;
}

function ascii(nodes: readonly GraphNode[]): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const rows = renderAsciiGraph(nodes.map((n) => n.id), (id) => byId.get(id)?.parents ?? []);
  return rows.flatMap((row, index) => [...row.before, `${row.node} ${title(nodes[index]!)}`]).join('\n') + (nodes.length ? '\n' : '');
}

function mermaid(nodes: readonly GraphNode[]): string {
  const lines = ['flowchart BT'];
  const quote = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;
  for (const node of nodes) lines.push(`  ${node.id}[${quote(title(node))}]`);
  for (const node of nodes) {
    for (const parent of node.parents) lines.push(`  ${parent} --> ${node.id}`);
    for (const dependency of node.dependsOn) lines.push(`  ${dependency} -.-> ${node.id}`);
  }
  const marked = nodes.filter((n) => n.current).map((n) => n.id);
  if (marked.length) lines.push('  classDef current stroke-width:3px', `  class ${marked.join(',')} current`);
  return `${lines.join('\n')}\n`;
}

function dot(nodes: readonly GraphNode[]): string {
  const esc = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = ['digraph retort {', '  rankdir=BT;', '  node [shape=box, fontname="monospace"];'];
  for (const node of nodes) lines.push(`  ${esc(node.id)} [label=${esc(title(node))}${node.current ? ', penwidth=3' : ''}];`);
  for (const node of nodes) {
    for (const parent of node.parents) lines.push(`  ${esc(parent)} -> ${esc(node.id)};`);
    for (const dependency of node.dependsOn) lines.push(`  ${esc(dependency)} -> ${esc(node.id)} [style=dashed];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

// Lane columns from the ASCII layout give each node its x; rows give its y.
function html(nodes: readonly GraphNode[]): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const rows = renderAsciiGraph(nodes.map((n) => n.id), (id) => byId.get(id)?.parents ?? []);
  const position = new Map<string, { x: number; y: number }>();
  nodes.forEach((node, index) => {
    const column = (rows[index]?.node.indexOf('*') ?? 0) / 2;
    position.set(node.id, { x: 24 + column * 28, y: 24 + index * 32 });
  });
  const width = Math.max(...[...position.values()].map((p) => p.x), 24) + 40;
  const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const edges: string[] = [];
  for (const node of nodes) {
    const to = position.get(node.id)!;
    for (const [list, dash] of [[node.parents, ''], [node.dependsOn, ' stroke-dasharray="4 3"']] as const) {
      for (const parent of list) {
        const from = position.get(parent);
        if (!from) continue;
        const mid = (from.y + to.y) / 2;
        edges.push(`<path d="M${from.x},${from.y} C${from.x},${mid} ${to.x},${mid} ${to.x},${to.y}" fill="none" stroke="#888"${dash}/>`);
      }
    }
  }
  const circles = nodes.map((node) => {
    const { x, y } = position.get(node.id)!;
    const fill = node.current ? '#2a7' : node.head ? '#37c' : '#fff';
    return `<circle cx="${x}" cy="${y}" r="7" fill="${fill}" stroke="#333"><title>${esc(title(node))}</title></circle><text x="${width}" y="${y + 4}">${esc(title(node))}</text>`;
  });
  const height = 24 + nodes.length * 32;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Retort revision graph</title>
<style>body{font:13px ui-monospace,monospace;margin:16px}text{font:13px ui-monospace,monospace}</style></head>
<body><h1>Revision graph</h1><p>Newest first. Blue: head; green: current; dashed: depends on.</p>
<svg xmlns="http://www.w3.org/2000/svg" width="${width + 900}" height="${height}">
${edges.join('\n')}
${circles.join('\n')}
</svg></body></html>
`;
}

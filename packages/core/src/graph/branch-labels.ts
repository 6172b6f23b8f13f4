/**
 * Branch labels: registering declared labels as lookup keys (Alembic's
 * `_map_branch_labels`) and propagating them along the branch (`_add_branches`).
 */
import { RetortError } from '../errors.js';
import type { RevisionNode } from './types.js';

/**
 * Adds every declared label to `keys` (which already holds the revision ids), refusing a
 * label that is already a key: another revision's label or any revision's id.
 *
 * @example
 * ```ts
 * const keys = new Map([['a', 0]]);
 * mapBranchLabels(nodes, keys, keyOrder); // keys.get('abranch') === 0
 * ```
 */
export function mapBranchLabels(nodes: readonly RevisionNode[], keys: Map<string, number>, keyOrder: string[]): void {
  nodes.forEach((node, index) => {
    for (const label of node.branchLabels) {
      const owner = keys.get(label);
      if (owner !== undefined) {
        const usedBy = nodes[owner]!.id;
        throw new RetortError(
          'E_LABEL_REUSED',
          `Branch name '${label}' in revision ${node.id} already used by revision ${usedBy}; rename the label in ${node.id}'s meta.json.`,
          { facts: { label, revision: node.id, usedBy } },
        );
      }
      keys.set(label, index);
      keyOrder.push(label);
    }
  });
}

const NO_LABELS: ReadonlySet<string> = new Set<string>();

/**
 * The relations label propagation walks.
 *
 * @example
 * ```ts
 * propagateBranchLabels({ nodes, parents, children, allChildren });
 * ```
 */
export interface LabelInput {
  readonly nodes: readonly RevisionNode[];
  readonly parents: readonly (readonly number[])[];
  readonly children: readonly (readonly number[])[];
  readonly allChildren: readonly (readonly number[])[];
}

/**
 * Each revision's labels: its own, those of every revision it descends from (through
 * parents), and, when the labelled revision starts a plain chain up to its head, those of
 * the revisions below it down to the nearest branch point, merge point or base.
 *
 * @example
 * ```ts
 * propagateBranchLabels(input)[3]; // Set { 'abranch' }
 * ```
 */
export function propagateBranchLabels(g: LabelInput): ReadonlySet<string>[] {
  const labels: ReadonlySet<string>[] = new Array<ReadonlySet<string>>(g.nodes.length).fill(NO_LABELS);
  const add = (revision: number, added: readonly string[]): void => {
    const own = labels[revision] === NO_LABELS ? new Set<string>() : (labels[revision] as Set<string>);
    for (const label of added) own.add(label);
    labels[revision] = own;
  };
  g.nodes.forEach((node, revision) => {
    if (node.branchLabels.length === 0) return;
    const { members, top } = versionedDescendants(g, revision);
    for (const m of members) add(m, node.branchLabels);
    // Alembic walks down from the last descendant its DFS produced; that walk only leaves
    // the descendants when they form a plain chain, whose last node is its top.
    if (top === null) return;
    let at: number | undefined = top;
    while (at !== undefined && g.allChildren[at]!.length <= 1 && g.parents[at]!.length <= 1) {
      add(at, node.branchLabels);
      at = g.parents[at]![0];
    }
  });
  return labels;
}

/** The revision and its versioned descendants; `top` is the chain's tip when they form a chain. */
function versionedDescendants(g: LabelInput, from: number): { members: number[]; top: number | null } {
  const members: number[] = [];
  const seen = new Uint8Array(g.nodes.length);
  const stack = [from];
  let chain = true;
  let top = from;
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (seen[v]) continue;
    seen[v] = 1;
    members.push(v);
    const kids = g.children[v]!;
    if (kids.length > 1) chain = false;
    if (kids.length === 0) top = v;
    for (const k of kids) stack.push(k);
  }
  return { members, top: chain ? top : null };
}

/**
 * Structural checks on loaded revisions, in Alembic's order: per-revision self-loops and id
 * syntax (Alembic's `Revision.__init__`), duplicate ids, missing parents/dependencies, and
 * cycles (`RevisionMap._detect_cycles`). Alembic only warns on duplicates and missing
 * parents; Retort refuses them. Facts carry ids so the store can add file paths.
 */
import { RetortError } from '../errors.js';
import type { RevisionNode } from './types.js';

const ILLEGAL_CHARACTERS = ['@', '-', '+', ':'];
const RESERVED_IDS = new Set(['head', 'heads', 'base', 'current']);

/**
 * Rejects self-loops and malformed ids (duplicates are found while indexing).
 *
 * @example
 * ```ts
 * checkNodes([{ id: 'a', parents: ['a'], dependsOn: [], branchLabels: [] }]); // throws E_CYCLE
 * ```
 */
export function checkNodes(nodes: readonly RevisionNode[]): void {
  for (const node of nodes) {
    if (node.parents.includes(node.id)) throw cycleError('Self-loop', [node.id], `remove '${node.id}' from its own parents`);
    if (node.dependsOn.includes(node.id)) {
      throw cycleError('Dependency self-loop', [node.id], `remove '${node.id}' from its own dependsOn`);
    }
    checkId(node.id);
  }
}

/**
 * The error for a revision id loaded twice (Alembic warns "Revision x is present more than once").
 *
 * @example
 * ```ts
 * throw duplicateId('ae10');
 * ```
 */
export function duplicateId(id: string): RetortError {
  return new RetortError('E_DUPLICATE_ID', `Revision ${id} is present more than once; give each revision a unique id in its meta.json.`, {
    facts: { revision: id },
  });
}

/**
 * Throws E_INVALID_META for an id Retort's target syntax could not address.
 *
 * @example
 * ```ts
 * checkId('a-b'); // throws: Character(s) '-' not allowed in revision identifier 'a-b'; ...
 * ```
 */
export function checkId(id: string): void {
  if (/^[^@+:-]+$/.test(id) && !RESERVED_IDS.has(id)) return;
  const illegal = ILLEGAL_CHARACTERS.filter((c) => id.includes(c)).sort();
  if (illegal.length > 0) {
    throw new RetortError(
      'E_INVALID_META',
      `Character(s) '${illegal.join(', ')}' not allowed in revision identifier '${id}'; use only letters, digits and '_'.`,
      { facts: { revision: id } },
    );
  }
  if (id === '' || RESERVED_IDS.has(id)) {
    throw new RetortError('E_INVALID_META', `Revision identifier '${id}' is reserved or empty; choose another id.`, {
      facts: { revision: id },
    });
  }
}

/**
 * The error for a reference to a revision or label that is not loaded.
 *
 * @example
 * ```ts
 * throw missingReference('b', 'a', 'parent');
 * ```
 */
export function missingReference(revision: string, missing: string, kind: 'parent' | 'dependency'): RetortError {
  const field = kind === 'parent' ? 'parents' : 'dependsOn';
  return new RetortError(
    'E_MISSING_PARENT',
    `Revision '${missing}' referenced from '${revision}' is not present; restore it or fix the ${field} of '${revision}'.`,
    { facts: { revision, [kind]: missing, missing } },
  );
}

/**
 * An E_CYCLE error with Alembic's wording ("Cycle is detected in revisions (a, b)").
 *
 * @example
 * ```ts
 * throw cycleError('Cycle', ['a', 'b'], 'fix their parents');
 * ```
 */
export function cycleError(kind: string, revisions: readonly string[], fix: string): RetortError {
  return new RetortError('E_CYCLE', `${kind} is detected in revisions (${revisions.join(', ')}); ${fix} in meta.json.`, {
    facts: { revisions: [...revisions] },
  });
}

/**
 * The relations cycle detection needs (a subset of the graph core).
 *
 * @example
 * ```ts
 * detectCycles({ ids, parents, children, allDown, allChildren, heads, bases, realHeads, realBases });
 * ```
 */
export interface CycleInput {
  readonly ids: readonly string[];
  readonly parents: readonly (readonly number[])[];
  readonly children: readonly (readonly number[])[];
  readonly allDown: readonly (readonly number[])[];
  readonly allChildren: readonly (readonly number[])[];
  readonly heads: readonly number[];
  readonly bases: readonly number[];
  readonly realHeads: readonly number[];
  readonly realBases: readonly number[];
}

/**
 * Alembic's cycle detection: every revision must be reachable both down from a head and
 * up from a base, first over parents only, then over parents and dependencies.
 *
 * @example
 * ```ts
 * detectCycles(input); // throws E_CYCLE "Cycle is detected in revisions (a, b, c); ..."
 * ```
 */
export function detectCycles(g: CycleInput): void {
  const n = g.ids.length;
  if (n === 0) return;
  const fix = 'fix their parents and dependsOn so that no revision descends from itself';
  if (g.heads.length === 0 || g.bases.length === 0) throw cycleError('Cycle', g.ids, fix);
  const lost = unreachable(n, reach(n, g.heads, g.parents), reach(n, g.bases, g.children));
  if (lost.length > 0) throw cycleError('Cycle', lost.map((i) => g.ids[i]!).sort(), fix);
  if (g.realHeads.length === 0 || g.realBases.length === 0) throw cycleError('Dependency cycle', g.ids, fix);
  const lostDeps = unreachable(n, reach(n, g.realHeads, g.allDown), reach(n, g.realBases, g.allChildren));
  if (lostDeps.length > 0) throw cycleError('Dependency cycle', lostDeps.map((i) => g.ids[i]!).sort(), fix);
}

function reach(n: number, from: readonly number[], edges: readonly (readonly number[])[]): Uint8Array {
  const seen = new Uint8Array(n);
  const stack = [...from];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (seen[v]) continue;
    seen[v] = 1;
    for (const w of edges[v]!) if (!seen[w]) stack.push(w);
  }
  return seen;
}

function unreachable(n: number, a: Uint8Array, b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!(a[i] && b[i])) out.push(i);
  return out;
}

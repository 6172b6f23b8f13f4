/**
 * Absolute target resolution, as Alembic's `RevisionMap.get_revisions` / `get_revision`:
 * `head`, `heads`, `base`, full ids, prefixes of at least four characters, branch labels,
 * `label@head|heads|base|<rev>`, lists, and `-N` / `label@-N` walked down from the heads.
 */
import { BASE_REF, type GraphCore, type Ref } from './graph-core.js';
import {
  ambiguousPrefix, invalidTarget, multipleHeads, notMemberOfBranch, unknownBranch, unknownRevision,
} from './graph-errors.js';
import { walkSteps } from './relative-target.js';
import { related } from './traversal.js';
import type { Target } from './types.js';

/**
 * An identifier still to look up (string) or an already resolved revision (number).
 *
 * @example
 * ```ts
 * const idents: Ident[] = ['ae10', 3];
 * ```
 */
export type Ident = string | number;

/**
 * Splits `label@rest` and expands `head`, `heads` and `base` (`_resolve_revision_number`).
 *
 * @example
 * ```ts
 * resolveNumber(core, 'abranch@head'); // { idents: [3], branch: 'abranch' }
 * ```
 */
export function resolveNumber(core: GraphCore, target: string | null): { idents: Ident[]; branch: string | null } {
  let branch: string | null = null;
  let rest = target;
  if (target !== null && target.includes('@')) {
    const at = target.indexOf('@');
    branch = target.slice(0, at);
    rest = target.slice(at + 1);
  }
  if (rest === 'heads') {
    return { idents: branch ? filterForLineage(core, core.heads, branch) : [...core.realHeads], branch };
  }
  if (rest === 'head') {
    const head = currentHead(core, branch);
    return { idents: head === null ? [] : [head], branch };
  }
  if (rest === 'base' || rest === null) return { idents: [], branch };
  return { idents: [rest], branch };
}

/**
 * The single head, optionally within a branch's lineage (`get_current_head`).
 *
 * @example
 * ```ts
 * currentHead(core, null); // throws E_MULTIPLE_HEADS when the graph has two heads
 * ```
 */
export function currentHead(core: GraphCore, branch: string | null): number | null {
  const heads = branch ? filterForLineage(core, core.heads, branch) : core.heads;
  if (heads.length > 1) {
    throw multipleHeads(branch ? `${branch}@head` : 'head', heads.map((h) => core.ids[h]!));
  }
  return heads[0] ?? null;
}

/**
 * Every revision a target names (`get_revisions`); `'base'` and `null` entries come from
 * `-N` walks that reach or pass the base.
 *
 * @example
 * ```ts
 * getRevisions(core, ['c1', 'abranch@head']); // [4, 7]
 * ```
 */
export function getRevisions(core: GraphCore, target: Target | Ident | readonly Ident[]): Ref[] {
  if (typeof target === 'number') return [target];
  if (Array.isArray(target)) return (target as readonly Ident[]).flatMap((t) => getRevisions(core, t));
  const { idents, branch } = resolveNumber(core, target as string | null);
  const only = idents[0];
  if (idents.length === 1 && typeof only === 'string' && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(only)) {
    const steps = Number(only.replace(/_/g, ''));
    if (steps < 0) {
      const heads = core.realHeads.filter((h) => branch === null || core.labels[h]!.has(branch));
      return heads.map((h) => walkSteps(core, h, steps, null, true));
    }
  }
  return idents.map((ident) => revisionForIdent(core, ident, branch));
}

/**
 * The one revision a target names, `null` for base (`get_revision`).
 *
 * @example
 * ```ts
 * getRevision(core, 'ebranch@some'); // number of 'someothername'
 * ```
 */
export function getRevision(core: GraphCore, target: Target | number): number | null {
  if (typeof target === 'number') return target;
  const { idents, branch } = Array.isArray(target)
    ? { idents: [...(target as readonly string[])], branch: null }
    : resolveNumber(core, target as string | null);
  if (idents.length > 1) {
    const ids = idents.map((i) => (typeof i === 'number' ? core.ids[i]! : i));
    throw multipleHeads(Array.isArray(target) ? ids.join(', ') : String(target), ids);
  }
  return revisionForIdent(core, idents[0] ?? null, branch);
}

/**
 * Looks up one identifier, by exact key or unique prefix, checking it belongs to `branch`
 * (`_revision_for_ident`).
 *
 * @example
 * ```ts
 * revisionForIdent(core, 'some', 'ebranch'); // 'someothername' (the only match in that lineage)
 * ```
 */
export function revisionForIdent(core: GraphCore, ident: Ident | null, branch: string | null = null): number | null {
  const branchRevision = branch ? resolveBranch(core, branch) : null;
  let revision: number | null;
  if (ident === null || typeof ident === 'number') revision = ident;
  else if (core.keys.has(ident)) revision = core.keys.get(ident)!;
  else {
    if (ident === '') throw invalidTarget(branch ? `${branch}@` : '', 'has nothing to resolve');
    let candidates = core.keyOrder.filter((key) => key.length > 3 && key.startsWith(ident));
    if (branchRevision !== null) candidates = filterForLineage(core, candidates, branch);
    if (candidates.length === 0) throw unknownRevision(ident);
    if (candidates.length > 1) throw ambiguousPrefix(ident, candidates);
    revision = core.keys.get(candidates[0]!)!;
  }
  if (branch && revision !== null && !sharesLineage(core, [revision], [branchRevision!], false)[0]) {
    throw notMemberOfBranch(core.ids[revision]!, branch);
  }
  return revision;
}

/**
 * The revision a branch part names: a label, else any revision identifier (`_resolve_branch`).
 *
 * @example
 * ```ts
 * resolveBranch(core, 'e'); // the revision 'e' (a revision works as a branch)
 * ```
 */
export function resolveBranch(core: GraphCore, branch: string): number {
  const direct = core.keys.get(branch);
  if (direct !== undefined) return direct;
  try {
    return revisionForIdent(core, branch)!;
  } catch (error) {
    if ((error as { code?: string }).code === 'E_UNKNOWN_REVISION') throw unknownBranch(branch);
    throw error;
  }
}

/**
 * The targets sharing lineage with `against` (`filter_for_lineage`): those that are
 * ancestors or descendants of the revisions `against` names (its branch part included).
 *
 * @example
 * ```ts
 * filterForLineage(core, core.heads, 'c2branch'); // heads on c2branch's lineage
 * ```
 */
export function filterForLineage<T extends Ident>(
  core: GraphCore,
  targets: readonly T[],
  against: string | null,
  includeDependencies = false,
): T[] {
  const { idents, branch } = resolveNumber(core, against);
  const shares: Ident[] = branch ? [branch, ...idents] : idents;
  const keep = sharesLineage(core, targets, shares, includeDependencies);
  return targets.filter((_, i) => keep[i]);
}

/**
 * For each target, whether it is an ancestor or descendant of (or is) one of `against`
 * (`_shares_lineage`, computed for all targets at once). Empty `against` matches all.
 *
 * @example
 * ```ts
 * sharesLineage(core, ['c1', 'c2'], ['c1branch'], false); // [true, false]
 * ```
 */
export function sharesLineage(
  core: GraphCore,
  targets: readonly Ident[],
  against: readonly Ident[],
  includeDependencies: boolean,
): boolean[] {
  if (against.length === 0) return targets.map(() => true);
  const anchors = against.map((a) => revisionForIdent(core, a)).filter((a): a is number => a !== null);
  const targetRevisions = targets.map((t) => revisionForIdent(core, t)!);
  const up = related(core, anchors, includeDependencies ? 'down' : 'parents');
  const below = related(core, anchors, includeDependencies ? 'allChildren' : 'children');
  return targetRevisions.map((t) => Boolean(up[t] || below[t]));
}

export { BASE_REF };

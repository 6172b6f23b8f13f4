/**
 * Relative targets (`+N`, `-N`, `<rev>+N`, `<rev>-N`, `label@+N`, `label@-N`, `head-1`,
 * `base+2`) as Alembic's `_walk`, `_parse_upgrade_target` and `_parse_downgrade_target`
 * read them. A walk moves along parents and children only, never dependencies.
 */
import { BASE_REF, type GraphCore, type Ref } from './graph-core.js';
import {
  ambiguousBranchStep, ambiguousUpgrade, ambiguousWalk, invalidTarget, relativeRange, walkedTooFar,
} from './graph-errors.js';
import { filterForLineage, getRevision, getRevisions, type Ident } from './resolve-target.js';
import { related } from './traversal.js';
import type { Target } from './types.js';

/** Alembic's `_relative_destination`: anchored at the start only, like `re.match`. */
const RELATIVE = /^(?:(.+?)@)?(\w+)?([+-]\d+)/;

/**
 * Walks `steps` up (children) or down (parents) from `start` (`null` = below the bases).
 * Returns `'base'` when a downward walk ends exactly below a root, `null` when it walks off
 * the graph and `noOverwalk` is set (otherwise it stops where it is).
 *
 * @example
 * ```ts
 * walkSteps(core, core.keys.get('b')!, 2, null, true); // number of 'd'
 * ```
 */
export function walkSteps(core: GraphCore, start: Ref, steps: number, branch: string | null, noOverwalk: boolean): Ref {
  let at: Ref = start;
  for (let i = 0; i < Math.abs(steps); i++) {
    let next: Ref[];
    if (steps > 0) {
      const up = at === null || at === BASE_REF ? core.bases : core.children[at]!;
      next = branch ? filterForLineage(core, up, branch) : [...up];
    } else if (at === BASE_REF) {
      next = [];
    } else {
      next = [...(at === null ? core.heads : core.parents[at]!)];
      if (next.length === 0) next = [BASE_REF];
    }
    if (next.length === 0) return noOverwalk ? null : at;
    if (next.length > 1) {
      const name = at === null || at === BASE_REF ? 'base' : core.ids[at]!;
      throw ambiguousWalk(name, next.map((r) => (typeof r === 'number' ? core.ids[r]! : 'base')));
    }
    at = next[0]!;
  }
  return at;
}

/**
 * Splits a relative target, or `null` when it is absolute.
 *
 * @example
 * ```ts
 * matchRelative('c2branch@head-1'); // { branch: 'c2branch', symbol: 'head', relative: '-1' }
 * ```
 */
export function matchRelative(target: string): { branch: string | null; symbol: string | null; relative: string } | null {
  const m = RELATIVE.exec(target);
  if (!m) return null;
  return { branch: m[1] ?? null, symbol: m[2] ?? null, relative: m[3]! };
}

/**
 * Python's `util.to_tuple` for identifiers: a string is one identifier, `null` none.
 *
 * @example
 * ```ts
 * toIdents('head'); // ['head']
 * ```
 */
export function toIdents(value: Target | number): Ident[] {
  if (value === null) return [];
  if (typeof value === 'string' || typeof value === 'number') return [value];
  return [...value];
}

/**
 * The revisions an upgrade target names given the current rows (`_parse_upgrade_target`).
 *
 * @example
 * ```ts
 * parseUpgradeTarget(core, ['c1'], 'c2branch@+1', true); // [number of 'c2']
 * ```
 */
export function parseUpgradeTarget(core: GraphCore, current: Target, target: Target, noOverwalk: boolean): Ref[] {
  const rel = typeof target === 'string' ? matchRelative(target) : null;
  if (!rel) return getRevisions(core, target);
  const { branch, symbol, relative } = rel;
  const steps = Number(relative);
  if (steps <= 0) {
    if (symbol === null) throw relativeRange(String(steps), Math.abs(steps));
    const start = getRevision(core, branch === null ? symbol : `${branch}@${symbol}`);
    return [walkSteps(core, start, steps, null, noOverwalk)];
  }
  if (symbol !== null) return [walkSteps(core, getRevision(core, symbol), steps, branch, noOverwalk)];
  const currentIdents = toIdents(current);
  let starts: (Ident | null)[] = currentIdents.length > 0 ? currentIdents : [null];
  if (branch) {
    const currentRevisions = numbersOf(getRevisions(core, currentIdents));
    starts = filterForLineage(core, currentRevisions, branch);
    if (starts.length === 0) {
      const active = filterForLineage(core, [...members(related(core, currentRevisions, 'down'))], branch);
      const below = new Set(active.flatMap((r) => core.down[r]!));
      starts = active.filter((r) => !below.has(r));
      if (starts.length === 0) starts = [null];
    }
  }
  if (starts.length > 1) throw ambiguousUpgrade(relative, currentIdents.map(String));
  const first = starts[0] ?? null;
  const start = typeof first === 'string' ? getRevision(core, first) : first;
  const revision = walkSteps(core, start, steps, branch, noOverwalk);
  if (revision === null) throw relativeRange(relative, Math.abs(steps));
  return [revision];
}

/**
 * The branch filter and revision a downgrade target names given the current rows
 * (`_parse_downgrade_target`).
 *
 * @example
 * ```ts
 * parseDowngradeTarget(core, ['d1', 'd2'], 'c1branch@-1', true); // { branch: 'c1branch', revision: c1 }
 * ```
 */
export function parseDowngradeTarget(
  core: GraphCore,
  current: Target,
  target: Target,
  noOverwalk: boolean,
): { branch: string | null; revision: Ref } {
  if (target === null) return { branch: null, revision: null };
  if (typeof target !== 'string') throw invalidTarget(target.join(', '), 'must be a single revision for a downgrade');
  const rel = matchRelative(target);
  if (!rel) {
    const at = target.lastIndexOf('@');
    const branch = at > 0 ? target.slice(0, at) : null;
    return { branch, revision: getRevision(core, target.slice(at + 1)) };
  }
  const { symbol, relative } = rel;
  let { branch } = rel;
  const steps = Number(relative);
  if (steps >= 0) {
    if (symbol === null) throw relativeRange(relative, Math.abs(steps));
    const revision = walkSteps(core, getRevision(core, symbol), steps, branch, noOverwalk);
    if (revision === null) throw walkedTooFar(target);
    return { branch, revision };
  }
  let from = symbol;
  if (symbol === null) {
    const currentIdents = toIdents(current);
    if (branch) {
      let candidates: Ident[] = filterForLineage(core, currentIdents, branch);
      if (candidates.length === 0) candidates = filterForLineage(core, allCurrent(core, currentIdents), branch);
      if (candidates.length !== 1) {
        throw ambiguousBranchStep(branch, relative, candidates.map((c) => (typeof c === 'number' ? core.ids[c]! : c)));
      }
      const only = candidates[0]!;
      from = typeof only === 'number' ? core.ids[only]! : only;
    } else {
      if (currentIdents.length === 0) throw relativeRange(relative, Math.abs(steps));
      // Alembic warns that `-N` from several heads is ambiguous and steps from the first row.
      from = String(currentIdents[0]);
      branch = from;
    }
  }
  const start = getRevision(core, branch === null ? from : `${branch}@${from}`);
  const revision = walkSteps(core, start, steps, null, noOverwalk);
  if (revision === null) throw symbol === null ? relativeRange(relative, Math.abs(steps)) : walkedTooFar(target);
  return { branch, revision };
}

/** The current rows plus everything they imply, reduced to branch tips (`_get_all_current`). */
function allCurrent(core: GraphCore, idents: readonly Ident[]): number[] {
  const top = numbersOf(getRevisions(core, idents.map(String)));
  const mask = related(core, top, 'down');
  return [...members(mask)].filter((r) => !core.children[r]!.some((c) => mask[c]));
}

function* members(mask: Uint8Array): Generator<number> {
  for (let i = 0; i < mask.length; i++) if (mask[i]) yield i;
}

/**
 * The revision numbers among refs (dropping base and walked-off entries).
 *
 * @example
 * ```ts
 * numbersOf([3, 'base', null]); // [3]
 * ```
 */
export function numbersOf(refs: readonly Ref[]): number[] {
  return refs.filter((r): r is number => typeof r === 'number');
}

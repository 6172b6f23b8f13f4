/**
 * Which revisions an upgrade or downgrade between two points touches (Alembic's
 * `_collect_upgrade_revisions` / `_collect_downgrade_revisions`), before ordering.
 */
import { RetortError } from '../errors.js';
import { BASE_REF, type GraphCore, type Ref } from './graph-core.js';
import { describeTarget, invalidTarget, notAValidDowngradeTarget, walkedTooFar } from './graph-errors.js';
import { numbersOf, parseDowngradeTarget, parseUpgradeTarget } from './relative-target.js';
import { getRevision, getRevisions, resolveBranch } from './resolve-target.js';
import { related } from './traversal.js';
import type { IterateOptions, Target } from './types.js';

/**
 * The revisions to run (a membership array) and the tips the ordering starts from.
 *
 * @example
 * ```ts
 * const { todo, heads } = collectUpgrade(core, 'heads', [], {});
 * ```
 */
export interface Collected {
  readonly todo: Uint8Array;
  readonly heads: readonly number[];
}

/**
 * Alembic's RangeNotAncestorError: `lower` is not below `upper`. Upgrade and downgrade
 * planning turn it into "Destination ... is not a valid target".
 *
 * @example
 * ```ts
 * if (error instanceof RangeNotAncestor) rethrowAsDestinationError();
 * ```
 */
export class RangeNotAncestor extends RetortError {
  constructor(lower: unknown, upper: unknown) {
    const l = describeTarget(lower);
    const u = describeTarget(upper);
    super('E_NOT_AN_ANCESTOR', `Revision ${l} is not an ancestor of revision ${u}; swap the two ends or pick revisions along the same branch.`, {
      facts: { lower: l, upper: u },
    });
  }
}

/**
 * What upgrading from `lower` (current rows or a revision) to `upper` needs.
 *
 * @example
 * ```ts
 * collectUpgrade(core, 'heads', ['b'], { implicitBase: true });
 * ```
 */
export function collectUpgrade(core: GraphCore, upper: Target, lower: Target, options: IterateOptions): Collected {
  const noOverwalk = options.assertRelativeLength ?? true;
  const parsed = parseUpgradeTarget(core, lower, upper, noOverwalk);
  if (parsed.some((r) => typeof r !== 'number')) throw walkedTooFar(describeTarget(upper));
  let targets = parsed as number[];
  if (typeof lower === 'string' && lower.includes('@')) targets = onNamedBranch(core, lower, targets);

  const required = related(core, targets, 'down', { check: true });
  let current: Ref[] = getRevisions(core, lower);
  if (!options.implicitBase && current.some((r) => r !== null && (r === BASE_REF || !required[r]))) {
    throw new RangeNotAncestor(lower, upper);
  }
  let lowerTarget: Target = lower;
  if (current.length > 0 && current[0] === null) {
    const { revision } = parseDowngradeTarget(core, upper, lower, noOverwalk);
    if (revision === null) throw walkedTooFar(describeTarget(lower));
    current = revision === BASE_REF ? [] : [revision];
    lowerTarget = revision === BASE_REF ? null : core.ids[revision]!;
  }
  const currentRevisions = numbersOf(current);
  const below = related(core, currentRevisions, 'down', { check: true });
  const todo = new Uint8Array(core.ids.length);
  for (let r = 0; r < todo.length; r++) if (required[r] && !below[r]) todo[r] = 1;
  if (options.inclusive) {
    const extra = getRevisions(core, lowerTarget);
    if (extra.some((r) => typeof r !== 'number')) throw walkedTooFar(describeTarget(lowerTarget));
    for (const r of extra as number[]) todo[r] = 1;
  }
  if (current.length > 0 && !options.implicitBase) {
    const above = related(core, currentRevisions, 'children', { check: true });
    for (let r = 0; r < todo.length; r++) if (!above[r]) todo[r] = 0;
  }
  return { todo, heads: targets };
}

/** `lower` as `label@...`: keep only targets on that branch. */
function onNamedBranch(core: GraphCore, lower: string, targets: number[]): number[] {
  let branch = lower.slice(0, lower.indexOf('@'));
  const branchRevision = getRevision(core, branch);
  if (branchRevision !== null && core.ids[branchRevision] === branch) {
    const labels = [...core.labels[branchRevision]!];
    if (labels.length !== 1) {
      throw invalidTarget(lower, `names revision ${branch}, which carries ${labels.length} branch labels; name a branch label instead`);
    }
    branch = labels[0]!;
  }
  return targets.filter((t) => core.labels[t]!.has(branch));
}

/**
 * What downgrading from `upper` (current rows) to `target` removes: the applied
 * descendants of the target, with everything depending on them.
 *
 * @example
 * ```ts
 * collectDowngrade(core, ['d1', 'd2'], 'b', {});
 * ```
 */
export function collectDowngrade(core: GraphCore, upper: Target, target: Target, options: IterateOptions): Collected {
  const noOverwalk = options.assertRelativeLength ?? true;
  const parsed = parseDowngradeTarget(core, upper, target, noOverwalk);
  const revision = parsed.revision === BASE_REF ? null : parsed.revision;
  let roots: number[];
  let rootCount: number;
  if (revision === null) {
    roots = [...core.bases];
    // Alembic collects roots from its id-and-label map, so a labelled root counts twice.
    rootCount = roots.reduce((sum, r) => sum + 1 + core.nodes[r]!.branchLabels.length, 0);
  } else {
    roots = options.inclusive ? [revision] : [...core.children[revision]!];
    rootCount = roots.length;
  }
  if (parsed.branch && rootCount > 1) {
    const onBranch = related(core, [resolveBranch(core, parsed.branch)], 'parents');
    roots = roots.filter((r) => onBranch[r]);
    if (roots.length === 0) throw notAValidDowngradeTarget(describeTarget(target));
  }
  const upperRefs = getRevisions(core, upper);
  if (upperRefs.some((r) => typeof r !== 'number')) throw walkedTooFar(describeTarget(upper));
  const heads = upperRefs as number[];
  const todo = related(core, roots, 'allChildren');
  const active = related(core, heads, 'down');
  for (let r = 0; r < todo.length; r++) todo[r] = todo[r]! & active[r]!;
  if (options.implicitBase) {
    const belowRoots = related(core, roots, 'down');
    for (let r = 0; r < todo.length; r++) if (active[r] && !belowRoots[r]) todo[r] = 1;
  }
  if (revision !== null && !todo.includes(1) && !heads.includes(revision)) {
    throw new RangeNotAncestor(describeTarget(target), upper);
  }
  return { todo, heads };
}

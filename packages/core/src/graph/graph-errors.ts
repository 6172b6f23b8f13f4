/**
 * The graph's errors, in one place so their wording stays consistent. Where Alembic's
 * wording is informative it is kept as the start of the message (scripts and the fixture
 * suite match on it); each message then names the fix in Retort's CLI terms.
 */
import { RetortError } from '../errors.js';

const HISTORY_HINT = 'run `retort history` to list revisions';

/**
 * Formats a target or list of targets for a message: `a` or `a, b`.
 *
 * @example
 * ```ts
 * describeTarget(['a', 'b']); // 'a, b'
 * ```
 */
export function describeTarget(target: unknown): string {
  if (target === null || target === undefined) return 'base';
  if (Array.isArray(target)) return target.length === 0 ? 'base' : target.map(String).join(', ');
  return String(target);
}

/** `'a', 'b'` */
function quoted(ids: readonly string[]): string {
  return ids.map((id) => `'${id}'`).join(', ');
}

/**
 * A revision id, prefix or label that names nothing (Alembic's ResolutionError).
 *
 * @example
 * ```ts
 * throw unknownRevision('sos'); // No such revision or branch 'sos'; please ensure ...
 * ```
 */
export function unknownRevision(argument: string): RetortError {
  const short = argument.length < 4
    ? '; please ensure at least four characters are present for partial revision identifier matches'
    : '';
  return new RetortError('E_UNKNOWN_REVISION', `No such revision or branch '${argument}'${short}; ${HISTORY_HINT}.`, {
    facts: { argument },
  });
}

/**
 * A branch part (`x@...`) that is neither a label nor a revision.
 *
 * @example
 * ```ts
 * throw unknownBranch('x'); // No such branch: 'x'; ...
 * ```
 */
export function unknownBranch(argument: string): RetortError {
  return new RetortError('E_UNKNOWN_REVISION', `No such branch: '${argument}'; run \`retort branches\` or \`retort heads\` to list branch labels.`, {
    facts: { argument },
  });
}

/**
 * A prefix matching several revisions.
 *
 * @example
 * ```ts
 * throw ambiguousPrefix('ae10', ['ae10f3', 'ae1077']);
 * ```
 */
export function ambiguousPrefix(argument: string, candidates: readonly string[]): RetortError {
  return new RetortError(
    'E_AMBIGUOUS_PREFIX',
    `Multiple revisions start with '${argument}': ${quoted(candidates.slice(0, 3))}...; type more characters of the revision id.`,
    { facts: { argument, candidates: [...candidates] } },
  );
}

/**
 * `label@rev` where rev is outside the label's lineage.
 *
 * @example
 * ```ts
 * throw notMemberOfBranch('b', 'ebranch'); // Revision b is not a member of branch 'ebranch'; ...
 * ```
 */
export function notMemberOfBranch(revision: string, branch: string): RetortError {
  return new RetortError(
    'E_NOT_AN_ANCESTOR',
    `Revision ${revision} is not a member of branch '${branch}'; name a revision that is an ancestor or descendant of '${branch}'.`,
    { facts: { revision, branch, argument: `${branch}@${revision}` } },
  );
}

/**
 * `head` (or `label@head`) names several heads.
 *
 * @example
 * ```ts
 * throw multipleHeads('head', ['c1', 'c2']);
 * ```
 */
export function multipleHeads(argument: string, heads: readonly string[]): RetortError {
  return new RetortError(
    'E_MULTIPLE_HEADS',
    `Multiple heads are present for '${argument}': ${quoted(heads)}; name one of them, use 'heads', or run \`retort merge heads\`.`,
    { facts: { argument, heads: [...heads] } },
  );
}

/**
 * `retort revision` without `--head` while the graph has several heads.
 *
 * @example
 * ```ts
 * throw multipleHeadsForNewRevision(['c1', 'c2']);
 * ```
 */
export function multipleHeadsForNewRevision(heads: readonly string[]): RetortError {
  return new RetortError(
    'E_MULTIPLE_HEADS',
    `Multiple heads are present: ${quoted(heads)}; pass --head with the revision to build on, or run \`retort merge heads\` first.`,
    { facts: { argument: 'head', heads: [...heads] } },
  );
}

/**
 * A relative step that leaves the graph (Alembic: "Relative revision -1 didn't produce 1 migrations").
 *
 * @example
 * ```ts
 * throw relativeRange('-2', 2); // Relative revision -2 didn't produce 2 migrations; ...
 * ```
 */
export function relativeRange(relative: string, steps: number): RetortError {
  return new RetortError(
    'E_RELATIVE_RANGE',
    `Relative revision ${relative} didn't produce ${steps} migrations; use a smaller step or an absolute revision (${HISTORY_HINT}).`,
    { facts: { argument: relative, steps } },
  );
}

/**
 * A `rev+N` / `rev-N` step that walks past a head or base.
 *
 * @example
 * ```ts
 * throw walkedTooFar('a-3');
 * ```
 */
export function walkedTooFar(argument: string): RetortError {
  return new RetortError(
    'E_RELATIVE_RANGE',
    `Walked too far: '${argument}' steps past the end of the revision graph; use a smaller step or an absolute revision.`,
    { facts: { argument } },
  );
}

/**
 * A step up from a branch point or down from a merge point.
 *
 * @example
 * ```ts
 * throw ambiguousWalk('b', ['c1', 'c2']);
 * ```
 */
export function ambiguousWalk(from: string, choices: readonly string[]): RetortError {
  return new RetortError(
    'E_AMBIGUOUS_WALK',
    `Ambiguous walk from '${from}': it leads to ${quoted(choices)}; name a branch ('label@+1') or an absolute revision.`,
    { facts: { argument: from, choices: [...choices] } },
  );
}

/**
 * `+N` while several version rows are current.
 *
 * @example
 * ```ts
 * throw ambiguousUpgrade('+1', ['c1', 'c2']);
 * ```
 */
export function ambiguousUpgrade(relative: string, currentHeads: readonly string[]): RetortError {
  return new RetortError(
    'E_AMBIGUOUS_WALK',
    `Ambiguous upgrade from multiple current revisions ${quoted(currentHeads)}; name a branch ('label@${relative}') or an absolute revision.`,
    { facts: { argument: relative, heads: [...currentHeads] } },
  );
}

/**
 * `-N` on a branch that has zero or several current revisions.
 *
 * @example
 * ```ts
 * throw ambiguousBranchStep('c2branch', '-1', []);
 * ```
 */
export function ambiguousBranchStep(branch: string, relative: string, candidates: readonly string[]): RetortError {
  return candidates.length === 0
    ? new RetortError(
        'E_NOT_AN_ANCESTOR',
        `Branch '${branch}' has no current revision to step ${relative} from; run \`retort current\` and name an absolute revision.`,
        { facts: { argument: `${branch}@${relative}`, heads: [] } },
      )
    : new RetortError(
        'E_AMBIGUOUS_WALK',
        `Ambiguous walk: branch '${branch}' has several current revisions ${quoted(candidates)}; name one of them ('${candidates[0]}${relative}').`,
        { facts: { argument: `${branch}@${relative}`, heads: [...candidates] } },
      );
}

/**
 * Alembic's RangeNotAncestorError outside upgrade/downgrade.
 *
 * @example
 * ```ts
 * throw notAnAncestor('d2', 'b2'); // Revision d2 is not an ancestor of revision b2; ...
 * ```
 */
export function notAnAncestor(lower: unknown, upper: unknown): RetortError {
  const l = describeTarget(lower);
  const u = describeTarget(upper);
  return new RetortError(
    'E_NOT_AN_ANCESTOR',
    `Revision ${l} is not an ancestor of revision ${u}; swap the two ends or pick revisions along the same branch.`,
    { facts: { lower: l, upper: u } },
  );
}

/**
 * Alembic's "Destination X is not a valid upgrade/downgrade target from current head(s)".
 *
 * @example
 * ```ts
 * throw invalidDestination('downgrade', '548', []);
 * ```
 */
export function invalidDestination(direction: 'upgrade' | 'downgrade', destination: unknown, heads: readonly string[]): RetortError {
  const d = describeTarget(destination);
  const fix = direction === 'downgrade'
    ? 'run `retort current` and name an ancestor of the current revisions'
    : 'run `retort current` and name a descendant of the current revisions';
  return new RetortError('E_NOT_AN_ANCESTOR', `Destination ${d} is not a valid ${direction} target from current head(s); ${fix}.`, {
    facts: { argument: d, heads: [...heads] },
  });
}

/**
 * A downgrade whose branch filter leaves nothing to remove.
 *
 * @example
 * ```ts
 * throw notAValidDowngradeTarget('x@base');
 * ```
 */
export function notAValidDowngradeTarget(target: string): RetortError {
  return new RetortError(
    'E_NOT_AN_ANCESTOR',
    `Not a valid downgrade target from current heads: '${target}'; name a revision below the branch's current revision.`,
    { facts: { argument: target } },
  );
}

/**
 * `history -r a:b` with ends on different branches.
 *
 * @example
 * ```ts
 * throw rangeNotAlongBranch('c1', 'd2');
 * ```
 */
export function rangeNotAlongBranch(start: string, end: string): RetortError {
  return new RetortError(
    'E_NOT_AN_ANCESTOR',
    `Requested range ${start}:${end} does not refer to ancestor/descendant revisions along the same branch; swap the ends or pick revisions on one branch.`,
    { facts: { argument: `${start}:${end}` } },
  );
}

/**
 * Several requested revisions where one is an ancestor of another.
 *
 * @example
 * ```ts
 * throw overlappingTargets('fe1b1', ['db1']);
 * ```
 */
export function overlappingTargets(revision: string, others: readonly string[]): RetortError {
  return new RetortError(
    'E_INVALID_TARGET',
    `Requested revision ${revision} overlaps with other requested revisions ${others.join(', ')}; name only the newest of them.`,
    { facts: { argument: revision, overlaps: [...others] } },
  );
}

/**
 * Syntax the target grammar does not accept.
 *
 * @example
 * ```ts
 * throw invalidTarget('abranch@', 'has nothing to resolve');
 * ```
 */
export function invalidTarget(target: string, why: string): RetortError {
  return new RetortError('E_INVALID_TARGET', `Target '${target}' ${why}; use a revision id, a branch label, head, heads or base.`, {
    facts: { argument: target },
  });
}

/**
 * A stamp or version-row step that finds the version table in a state it cannot follow.
 *
 * @example
 * ```ts
 * throw versionRowMismatch("no row 'b' to update");
 * ```
 */
export function versionRowMismatch(what: string): RetortError {
  return new RetortError(
    'E_DATABASE',
    `The version table does not match the revision graph (${what}); run \`retort current\` and repair it with \`retort stamp <revision> --purge\`.`,
    { facts: {} },
  );
}

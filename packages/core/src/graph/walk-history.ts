/**
 * `retort history -r start:end`: Alembic's `walk_revisions` under `command.history`'s range
 * rules (empty ends mean base and heads, `current` means the version rows).
 */
import { RetortError } from '../errors.js';
import { RangeNotAncestor } from './collect-revisions.js';
import type { GraphCore } from './graph-core.js';
import { describeTarget, rangeNotAlongBranch } from './graph-errors.js';
import { iterateRevisions } from './iterate-revisions.js';
import type { Target, WalkOptions } from './types.js';

/**
 * Revision numbers in the range, newest first; the whole graph without a range.
 *
 * @example
 * ```ts
 * walkHistory(core, { range: 'b:head' });
 * walkHistory(core, { range: ':current', currentHeads: ['c'] });
 * ```
 */
export function walkHistory(core: GraphCore, options: WalkOptions = {}): number[] {
  let start: Target = null;
  let end: Target = null;
  if (options.range !== undefined) {
    const parts = options.range.trim().split(':');
    if (parts.length !== 2) {
      throw new RetortError(
        'E_INVALID_TARGET',
        `History range '${options.range}' requires [start]:[end], [start]:, or :[end]; for example \`retort history -r ae10:head\`.`,
        { facts: { argument: options.range } },
      );
    }
    const current = [...(options.currentHeads ?? [])];
    start = parts[0] || null;
    end = parts[1] || null;
    // As Alembic: `current` in the end wins; a `current` start is only read when the end is not.
    if (end === 'current') end = current;
    else if (start === 'current') start = current;
  }
  const base = isEmpty(start) ? 'base' : start;
  const head = isEmpty(end) ? 'heads' : end;
  try {
    return iterateRevisions(core, head, base, { inclusive: true, assertRelativeLength: false });
  } catch (error) {
    if (error instanceof RangeNotAncestor) throw rangeNotAlongBranch(describeTarget(base), describeTarget(head));
    throw error;
  }
}

function isEmpty(target: Target): boolean {
  return target === null || target === '' || (Array.isArray(target) && target.length === 0);
}

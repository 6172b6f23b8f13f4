import { RetortError } from '../errors.js';
import type { HistoryEntry, UntimedHistoryEntry } from './types.js';

/** SQL expressions for a history row's times, when the database measures them. */
export interface HistoryTimesSql {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: string;
}

/**
 * The VALUES list of a history row, each literal quoted by the dialect, after checking the
 * entry (a bad direction, status, duration or date is `E_USAGE`). Both dialects' version
 * SQL inline it, so online runs and `--sql` files write the same row. With `times`, the
 * row's times are those SQL expressions instead of the entry's (a row timed by the
 * database's clock).
 *
 * @example
 * ```ts
 * `INSERT INTO retort_history (...) VALUES (${historyValuesSql(entry, quoteLiteral)});`
 * ```
 */
export function historyValuesSql(entry: HistoryEntry, quoteLiteral: (value: string) => string): string;
export function historyValuesSql(entry: UntimedHistoryEntry, quoteLiteral: (value: string) => string, times: HistoryTimesSql): string;
export function historyValuesSql(
  entry: HistoryEntry | UntimedHistoryEntry,
  quoteLiteral: (value: string) => string,
  times?: HistoryTimesSql,
): string {
  if (entry.direction !== 'up' && entry.direction !== 'down') invalid('direction', String(entry.direction), "'up' or 'down'");
  if (entry.status !== 'applied' && entry.status !== 'failed') invalid('status', String(entry.status), "'applied' or 'failed'");
  let timed: HistoryTimesSql;
  if (times !== undefined) timed = times;
  else {
    const { startedAt, finishedAt, durationMs } = entry as HistoryEntry;
    if (!Number.isFinite(durationMs) || durationMs < 0) invalid('durationMs', String(durationMs), 'a non-negative number of milliseconds');
    timed = {
      startedAt: quoteLiteral(isoTime('startedAt', startedAt)),
      finishedAt: quoteLiteral(isoTime('finishedAt', finishedAt)),
      durationMs: String(Math.round(durationMs)),
    };
  }
  return [
    quoteLiteral(entry.revision),
    quoteLiteral(entry.direction),
    quoteLiteral(entry.checksum),
    timed.startedAt,
    timed.finishedAt,
    timed.durationMs,
    quoteLiteral(entry.executedBy),
    quoteLiteral(entry.toolVersion),
    quoteLiteral(entry.status),
    entry.detail === undefined || entry.detail === null ? 'NULL' : quoteLiteral(entry.detail),
  ].join(', ');
}

function isoTime(field: string, value: Date): string {
  // Checks the tag, not instanceof, so Dates from another realm (vm, jest) pass.
  if (Object.prototype.toString.call(value) !== '[object Date]' || Number.isNaN(value.getTime())) {
    invalid(field, String(value), 'a valid Date');
  }
  return value.toISOString();
}

function invalid(field: string, value: string, expected: string): never {
  throw new RetortError('E_USAGE', `History entry ${field} '${value}' is invalid; pass ${expected}.`, {
    facts: { argument: value },
  });
}

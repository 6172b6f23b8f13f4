import { RetortError } from '../errors.js';
import type { HistoryEntry } from './types.js';

/**
 * The VALUES list of a history row, each literal quoted by the dialect, after checking the
 * entry (a bad direction, status, duration or date is `E_USAGE`). Both dialects' version
 * SQL inline it, so online runs and `--sql` files write the same row.
 *
 * @example
 * ```ts
 * `INSERT INTO retort_history (...) VALUES (${historyValuesSql(entry, quoteLiteral)});`
 * ```
 */
export function historyValuesSql(entry: HistoryEntry, quoteLiteral: (value: string) => string): string {
  if (entry.direction !== 'up' && entry.direction !== 'down') invalid('direction', String(entry.direction), "'up' or 'down'");
  if (entry.status !== 'applied' && entry.status !== 'failed') invalid('status', String(entry.status), "'applied' or 'failed'");
  if (!Number.isFinite(entry.durationMs) || entry.durationMs < 0) {
    invalid('durationMs', String(entry.durationMs), 'a non-negative number of milliseconds');
  }
  return [
    quoteLiteral(entry.revision),
    quoteLiteral(entry.direction),
    quoteLiteral(entry.checksum),
    quoteLiteral(isoTime('startedAt', entry.startedAt)),
    quoteLiteral(isoTime('finishedAt', entry.finishedAt)),
    String(Math.round(entry.durationMs)),
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

import { indexOfPosition } from './postgres-text-position.js';

/** A piece of SQL sent as part of one simple-query message. */
export interface Segment {
  readonly sql: string;
  /** How many statements the server runs for `sql` (one CommandComplete each). */
  readonly statements: number;
}

/** Segments joined into the text of one message, with where each starts. */
export interface Message {
  readonly text: string;
  readonly segments: readonly Segment[];
  /** Offset of each segment's `sql` in `text`. */
  readonly starts: readonly number[];
}

/** Where in a message a statement failed. */
export interface FailurePoint {
  /** Index of the failing segment. */
  readonly segment: number;
  /** Index of the failing statement within the segment (0-based). */
  readonly statement: number;
  /** Offset in the segment's `sql` where the server located the error, if it did. */
  readonly offset: number | undefined;
}

// A line break before the `;` ends any trailing `--` comment of the segment before it.
const SEPARATOR = '\n;\n';

/**
 * Joins segments into one message text.
 *
 * @example
 * ```ts
 * joinSegments([{ sql: 'BEGIN', statements: 1 }, { sql: 'SELECT 1', statements: 1 }]).text;
 * // 'BEGIN\n;\nSELECT 1'
 * ```
 */
export function joinSegments(segments: readonly Segment[]): Message {
  const starts: number[] = [];
  let text = '';
  for (const segment of segments) {
    if (starts.length > 0) text += SEPARATOR;
    starts.push(text.length);
    text += segment.sql;
  }
  return { text, segments, starts };
}

/**
 * Finds the segment and statement that failed: from the server's error `position` (a
 * 1-based character offset into the message) when it gave one, otherwise from the number of
 * statements that completed before the error.
 *
 * @example
 * ```ts
 * const m = joinSegments([{ sql: 'BEGIN', statements: 1 }, { sql: 'SELECT 1;\nSELEC 2', statements: 2 }]);
 * locateFailure(m, { position: '19' }, 2, (_s, offset) => (offset >= 10 ? 1 : 0));
 * // { segment: 1, statement: 1, offset: 10 }: 'SELEC' is character 19 of the message
 * locateFailure(m, {}, 2);   // { segment: 1, statement: 1, offset: undefined }: 2 completed
 * ```
 */
export function locateFailure(
  message: Message,
  error: { position?: unknown },
  completed: number,
  statementAt: (segment: number, offset: number) => number = () => 0,
): FailurePoint {
  const position = Number(error.position);
  if (Number.isInteger(position) && position > 0) {
    const index = indexOfPosition(message.text, position);
    let segment = 0;
    while (segment + 1 < message.starts.length && (message.starts[segment + 1] ?? 0) <= index) segment++;
    const offset = Math.max(0, index - (message.starts[segment] ?? 0));
    return { segment, statement: statementAt(segment, offset), offset };
  }
  let remaining = completed;
  for (let segment = 0; segment < message.segments.length; segment++) {
    const statements = message.segments[segment]?.statements ?? 0;
    if (remaining < statements) return { segment, statement: remaining, offset: undefined };
    remaining -= statements;
  }
  const last = Math.max(0, message.segments.length - 1);
  return { segment: last, statement: Math.max(0, (message.segments[last]?.statements ?? 1) - 1), offset: undefined };
}

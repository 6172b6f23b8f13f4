import type { SqlScript } from '@retort/core';
import { RetortError, StatementError } from '@retort/core';
import { databaseError, messageOf, scrubError, scrubText, sqlStateOf } from './postgres-errors.js';
import { joinSegments, locateFailure, type Message, type Segment } from './postgres-message.js';
import { runSimpleQuery, type ScriptOutcome, type SubmittingClient } from './postgres-script-query.js';
import { splitStatements } from './postgres-split.js';
import { lineAt } from './postgres-text-position.js';
import type { PostgresUrl } from './postgres-url.js';

/** The raw node-postgres client a session drives. */
export interface SessionClient extends SubmittingClient {
  /** `'I'` idle, `'T'` in a transaction, `'E'` in a failed transaction (pg ≥ 8.12). */
  getTransactionStatus(): string | null;
}

/** A segment of a message; scripts and their guards are told apart when one fails. */
interface SentSegment extends Segment {
  /** A deferred script: its failure is a StatementError. */
  readonly script?: SqlScript;
  /** The check after a deferred script that the transaction is still open. */
  readonly guard?: boolean;
}

interface PendingSegment extends SentSegment {
  readonly seq: number;
}

// Fails with 25P01 (no_active_sql_transaction) when the script before it ended the
// transaction: the rest of the message (the version-table upkeep) then never runs.
const GUARD_SQL = 'SAVEPOINT retort_script_end;\nRELEASE SAVEPOINT retort_script_end';

/**
 * The simple-query side of one connection: SQL that returns nothing is queued and goes out
 * in front of the next message, so `BEGIN`, a revision's script, its version-table upkeep
 * and `COMMIT` cost two round trips (BEGIN + script, then upkeep + COMMIT). Failures are
 * mapped back to the statement, file line or queued SQL they came from.
 *
 * @example
 * ```ts
 * const session = new PostgresSession(client, url);
 * session.defer('BEGIN');
 * await session.runScriptInTransaction(script);   // sends BEGIN + script together
 * session.defer(versionSql.insertHead('a1'));
 * await session.commit();                         // sends upkeep + COMMIT together
 * ```
 */
export class PostgresSession {
  private readonly client: SessionClient;
  private readonly url: PostgresUrl;
  private pending: PendingSegment[] = [];
  private nextSeq = 0;

  constructor(client: SessionClient, url: PostgresUrl) {
    this.client = client;
    this.url = url;
  }

  /** Queues SQL returning nothing; returns a handle for {@link isPending} and {@link dropFrom}. */
  defer(sql: string, statements = splitStatements(sql).length): number {
    const seq = this.nextSeq++;
    this.pending.push({ sql, statements, seq });
    return seq;
  }

  /**
   * Queues a script (inside a transaction) to go out in front of the next message, followed
   * by a guard that stops the message if the script ended the transaction itself. A failing
   * statement of it throws a `StatementError` from that later call.
   */
  deferScript(script: SqlScript): void {
    if (script.statements.length === 0) return;
    const seq = this.nextSeq++;
    this.pending.push({ sql: script.text, statements: script.statements.length, seq, script });
    this.pending.push({ sql: GUARD_SQL, statements: 2, seq, guard: true });
  }

  /** True while the SQL queued as `seq` has not been sent. */
  isPending(seq: number): boolean {
    return this.pending.some((segment) => segment.seq === seq);
  }

  /** Forgets the queued SQL from `seq` on, unsent (a rolled-back savepoint that never left). */
  dropFrom(seq: number): void {
    this.pending = this.pending.filter((segment) => segment.seq < seq);
  }

  /** `'I'`, `'T'` or `'E'`: see {@link SessionClient.getTransactionStatus}. */
  transactionStatus(): string | null {
    return this.client.getTransactionStatus();
  }

  /** Sends the queued SQL, if any, followed by `tail`; failures throw `E_DATABASE`. */
  async flush(tail?: string): Promise<ScriptOutcome | undefined> {
    const segments: SentSegment[] = this.takePending();
    if (tail !== undefined) segments.push({ sql: tail, statements: tail === 'COMMIT' || tail === 'ROLLBACK' ? 1 : splitStatements(tail).length });
    if (segments.length === 0) return undefined;
    const message = joinSegments(segments);
    const outcome = await runSimpleQuery(this.client, message.text);
    if (outcome.error !== undefined) {
      // A lost connection is no statement's fault: quote what the caller asked to run.
      if (sqlStateOf(outcome.error) === undefined) throw databaseError(outcome.error, segments.at(-1)?.sql ?? message.text, this.url);
      const failed = locateFailure(message, outcome.error as { position?: unknown }, outcome.completed, (segment, offset) => {
        const script = segments[segment]?.script;
        return script === undefined ? 0 : statementAtOffset(script, offset);
      });
      const segment = segments[failed.segment];
      if (segment?.script !== undefined) throw this.statementError(outcome.error, segment.script, failed.statement, failed.offset);
      if (segment?.guard === true && sqlStateOf(outcome.error) === '25P01') throw scriptEndedTransaction(this.url);
      throw databaseError(outcome.error, segment?.sql ?? message.text, this.url);
    }
    return outcome;
  }

  /**
   * Sends the queued SQL and the whole script as one message (inside a transaction, where
   * the statements may share an implicit transaction block). A failing statement throws a
   * `StatementError`; a failure in the queued SQL throws `E_DATABASE`.
   */
  async runScriptInTransaction(script: SqlScript): Promise<void> {
    if (script.statements.length === 0) return;
    const segments: SentSegment[] = this.takePending();
    segments.push({ sql: script.text, statements: script.statements.length });
    const message = joinSegments(segments);
    const outcome = await runSimpleQuery(this.client, message.text);
    if (outcome.error === undefined) {
      // ReadyForQuery says whether a transaction is still open: free to check, and the only
      // way to notice a script that ran its own COMMIT or ROLLBACK.
      if (this.client.getTransactionStatus() === 'I') throw scriptEndedTransaction(this.url);
      return;
    }
    if (sqlStateOf(outcome.error) === undefined) throw this.statementError(outcome.error, script, 0, undefined);
    const scriptSegment = segments.length - 1;
    const failed = locateFailure(message, outcome.error as { position?: unknown }, outcome.completed, (segment, offset) => {
      const failing = segment === scriptSegment ? script : segments[segment]?.script;
      return failing === undefined ? 0 : statementAtOffset(failing, offset);
    });
    if (failed.segment !== scriptSegment) {
      // Queued SQL sent in front of the script: a script deferred earlier, its guard, upkeep.
      const earlier = segments[failed.segment];
      if (earlier?.script !== undefined) throw this.statementError(outcome.error, earlier.script, failed.statement, failed.offset);
      if (earlier?.guard === true && sqlStateOf(outcome.error) === '25P01') throw scriptEndedTransaction(this.url);
      throw databaseError(outcome.error, earlier?.sql ?? '', this.url);
    }
    throw this.statementError(outcome.error, script, failed.statement, failed.offset);
  }

  /**
   * Runs each statement of the script on its own, autocommitted, one round trip each:
   * what `-- retort:no-transaction` scripts need (`CREATE INDEX CONCURRENTLY` refuses to run
   * in a transaction block, and a multi-statement message is one).
   */
  async runScriptStatements(script: SqlScript): Promise<void> {
    for (let index = 0; index < script.statements.length; index++) {
      const statement = script.statements[index];
      if (statement === undefined) continue;
      const outcome = await runSimpleQuery(this.client, statement.sql);
      if (outcome.error !== undefined) {
        const message: Message = joinSegments([{ sql: statement.sql, statements: 1 }]);
        const failed = locateFailure(message, outcome.error as { position?: unknown }, 0);
        const offset = failed.offset === undefined ? undefined : statement.offset + failed.offset;
        throw this.statementError(outcome.error, script, index, offset);
      }
    }
  }

  private takePending(): SentSegment[] {
    const segments: SentSegment[] = this.pending;
    this.pending = [];
    return segments;
  }

  private statementError(error: unknown, script: SqlScript, index: number, offset: number | undefined): Error {
    scrubError(error, this.url);
    const code = sqlStateOf(error);
    if (code === undefined) {
      // Not the server rejecting a statement: the socket failed. Say so, not "statement N failed".
      return databaseError(error, script.statements[index]?.sql ?? script.text, this.url);
    }
    // The server located the error: its line. It did not (a runtime failure): the statement's first line.
    const line = offset === undefined ? script.statements[index]?.line : lineAt(script.text, offset);
    return new StatementError(scrubText(messageOf(error), this.url), {
      statementIndex: index,
      ...(line === undefined ? {} : { line }),
      ...(code === undefined ? {} : { databaseCode: code }),
      cause: error,
    });
  }
}

/**
 * Index of the statement of `script` that contains `offset`: the last one starting at or
 * before it.
 *
 * @example
 * ```ts
 * statementAtOffset({ text: 'A;\nB', statements: [{ sql: 'A', offset: 0, line: 1 }, { sql: 'B', offset: 3, line: 2 }] }, 3);   // 1
 * ```
 */
export function statementAtOffset(script: SqlScript, offset: number): number {
  let found = 0;
  for (let index = 0; index < script.statements.length; index++) {
    if ((script.statements[index]?.offset ?? 0) <= offset) found = index;
    else break;
  }
  return found;
}

/**
 * Thrown when COMMIT found the transaction already aborted (the server answers `ROLLBACK`):
 * an error was swallowed inside the transaction callback.
 *
 * @example
 * ```ts
 * throw abortedTransaction(url);
 * ```
 */
export function abortedTransaction(url: PostgresUrl): RetortError {
  return new RetortError(
    'E_DATABASE',
    `PostgreSQL rolled back the transaction on '${url.redacted}' instead of committing it, because a statement in it had failed; let the error propagate out of the transaction callback, or use a nested transaction to recover from it.`,
    { facts: { argument: url.redacted } },
  );
}

function scriptEndedTransaction(url: PostgresUrl): RetortError {
  return new RetortError(
    'E_DATABASE',
    `The script ended the transaction Retort opened on '${url.redacted}' (it runs COMMIT, ROLLBACK or END itself), so its changes are not atomic with the version table; remove those statements, or mark the file -- retort:no-transaction.`,
    { facts: { argument: url.redacted } },
  );
}

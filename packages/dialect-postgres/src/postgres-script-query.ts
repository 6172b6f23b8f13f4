/** What one simple-query message did: how many statements completed, and the error if any. */
export interface ScriptOutcome {
  /** Statements that completed (one CommandComplete each) before the error, or all of them. */
  readonly completed: number;
  /** The command tag of the last completed statement, e.g. `'COMMIT'` or `'ROLLBACK'`. */
  readonly lastCommand: string | undefined;
  /** The server's error (a pg `DatabaseError`), or a socket error; undefined on success. */
  readonly error: unknown;
}

/** The part of node-postgres's connection a submittable writes to. */
interface WireConnection {
  query(text: string): void;
  sendCopyFail?(message: string): void;
}

/** The part of a node-postgres client that accepts a submittable. */
export interface SubmittingClient {
  query(submittable: ScriptQuery): unknown;
}

/**
 * Sends `text` as one simple-query protocol message, so the server runs all its statements
 * in a single round trip, and counts the CommandComplete messages coming back. When a
 * statement fails, the count is the index of the failing statement among those sent:
 * that finds it even when the server gives no error position (a constraint violation at
 * run time), at no cost on success. Rows of SELECTs in the text are discarded.
 *
 * This is node-postgres's documented "submittable" interface (what pg-cursor and
 * pg-query-stream use): slonik only offers the extended protocol, which takes one statement
 * per message and reports no per-statement progress.
 *
 * @example
 * ```ts
 * const outcome = await runSimpleQuery(client, 'BEGIN; CREATE TABLE a (id int); COMMIT');
 * outcome.completed;   // 3
 * ```
 */
export function runSimpleQuery(client: SubmittingClient, text: string): Promise<ScriptOutcome> {
  const query = new ScriptQuery(text);
  client.query(query);
  return query.outcome;
}

/**
 * The submittable behind {@link runSimpleQuery}; node-postgres calls its `handle*` methods
 * as protocol messages arrive.
 *
 * @example
 * ```ts
 * const q = new ScriptQuery('SELECT 1; SELECT 2');
 * client.query(q);
 * (await q.outcome).completed;   // 2
 * ```
 */
export class ScriptQuery {
  readonly text: string;
  readonly outcome: Promise<ScriptOutcome>;
  private completed = 0;
  private lastCommand: string | undefined;
  private settled = false;
  private settle!: (outcome: ScriptOutcome) => void;

  constructor(text: string) {
    this.text = text;
    // Never rejects: failures are data here, and the caller maps them to statements.
    this.outcome = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  submit(connection: WireConnection): void {
    connection.query(this.text);
  }

  handleCommandComplete(message: { text?: string }): void {
    this.completed++;
    this.lastCommand = message.text;
  }

  handleError(error: unknown): void {
    this.finish(error);
  }

  handleReadyForQuery(): void {
    this.finish(undefined);
  }

  handleCopyInResponse(connection: WireConnection): void {
    connection.sendCopyFail?.('Retort scripts cannot feed COPY FROM STDIN; load data with INSERT or an up.ts step');
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}
  handlePortalSuspended(): void {}

  private finish(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.settle({ completed: this.completed, lastCommand: this.lastCommand, error });
  }
}

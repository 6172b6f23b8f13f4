import type { ConnectOptions, Connection, HeldLock, LockOptions, Queryable, SqlScript } from '@retort/core';
import { clientAttempts, type ClientAttempt } from './postgres-client-config.js';
import { databaseError } from './postgres-errors.js';
import { acquirePostgresLock } from './postgres-lock.js';
import { openPooledClient, type PooledClient } from './postgres-pooled-client.js';
import { PostgresSession, abortedTransaction, type SessionClient } from './postgres-session.js';
import { setUpSchema, type SetupClient } from './postgres-session-setup.js';
import { slonikQuery } from './postgres-slonik-query.js';
import { parsePostgresUrl, type PostgresUrl } from './postgres-url.js';

/** What a transaction callback receives: run SQL, or nest a transaction (a SAVEPOINT). */
export interface PostgresTransaction extends Queryable {
  /** Queues a script for the next message, at the latest the COMMIT (see `Queryable.deferScript`). */
  deferScript(script: SqlScript): void;
  transaction<T>(fn: (tx: PostgresTransaction) => Promise<T>): Promise<T>;
}

/**
 * Opens a PostgreSQL connection from a URL (see {@link parsePostgresUrl}) through slonik.
 * With `?schema=`, the schema is created if missing and put first on `search_path`. With
 * `lockNext`, the migration lock's own connection is opened at the same time.
 * Failures throw `E_CONNECTION` with the password hidden.
 *
 * @example
 * ```ts
 * const conn = await connect({ url: 'postgres://postgres@localhost/app?schema=billing' });
 * await conn.transaction(async (tx) => { await tx.execute('CREATE TABLE t (id int)'); });
 * await conn.close();
 * ```
 */
export async function connect(options: ConnectOptions): Promise<PostgresConnection> {
  const url = parsePostgresUrl(options.url);
  const attempts = await clientAttempts(url, options.cwd);
  const schema = url.schema;
  const setup = schema === undefined ? undefined : (client: SetupClient) => setUpSchema(client, schema);
  // The lock's dedicated connection, opened alongside when the caller locks next.
  const lockClient = options.lockNext === true ? openPooledClient({ url, attempts }) : undefined;
  lockClient?.catch(() => undefined);
  let held: PooledClient;
  try {
    held = await openPooledClient({ url, attempts, setup });
  } catch (error) {
    await lockClient?.then((client) => client.close(), () => undefined);
    throw error;
  }
  return new PostgresConnection(held, url, attempts, lockClient);
}

/**
 * One PostgreSQL session behind core's {@link Connection}.
 *
 * - `runScript` inside a transaction sends the whole script in one simple-query message
 *   (together with any queued `BEGIN`/upkeep); outside a transaction it runs statement by
 *   statement, autocommitted, as `-- retort:no-transaction` scripts need.
 * - `execute` inside a transaction is queued and sent with the next message (the next
 *   script, query or the `COMMIT`), so its errors surface there; outside, it runs at once.
 * - `transaction` defers its `BEGIN` likewise; nested calls use savepoints. Inside one,
 *   `deferScript` queues a whole script the same way, so a revision's BEGIN, script,
 *   upkeep and COMMIT go out as one message (its failure surfaces at COMMIT).
 * - `query` runs through slonik with `$1` parameters and returns rows with node-postgres's
 *   types (`timestamptz` → `Date`, `bigint` and `numeric` → string).
 *
 * Not for concurrent use: issue one call at a time.
 *
 * @example
 * ```ts
 * const conn = await connect({ url });
 * const [row] = await conn.query<{ n: number }>('SELECT $1::int AS n', [1]);   // { n: 1 }
 * ```
 */
export class PostgresConnection implements Connection {
  readonly dialect = 'postgres';
  readonly url: PostgresUrl;
  /** The server process id of this session, as `pg_backend_pid()` and pg_locks show it. */
  readonly backendPid: number;
  private readonly held: PooledClient;
  private readonly attempts: readonly ClientAttempt[];
  private readonly session: PostgresSession;
  private readonly locks = new Set<HeldLock>();
  /** The lock's connection, opened by `connect` ahead of `acquireLock` (`lockNext`). */
  private lockClient: Promise<PooledClient> | undefined;
  private readonly view: PostgresTransaction;
  private depth = 0;

  constructor(held: PooledClient, url: PostgresUrl, attempts: readonly ClientAttempt[], lockClient?: Promise<PooledClient>) {
    this.held = held;
    this.lockClient = lockClient;
    this.url = url;
    this.attempts = attempts;
    this.backendPid = held.backendPid;
    this.session = new PostgresSession(held.client as unknown as SessionClient, url);
    this.view = {
      runScript: (script) => this.runScript(script),
      deferScript: (script) => this.session.deferScript(script),
      query: (sql, params) => this.query(sql, params),
      execute: (sql) => this.execute(sql),
      transaction: (fn) => this.transaction(fn),
    };
  }

  /** Runs a script; a failing statement throws a `StatementError` with its index and line. */
  async runScript(script: SqlScript): Promise<void> {
    if (this.depth > 0) await this.session.runScriptInTransaction(script);
    else await this.session.runScriptStatements(script);
  }

  /** Runs one statement with `$1` parameters through slonik and returns its rows. */
  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    await this.session.flush();
    try {
      return await slonikQuery<Row>(this.held.slonik, sql, params);
    } catch (error) {
      throw databaseError(error, sql, this.url);
    }
  }

  /** Runs SQL returning nothing; inside a transaction it goes out with the next message. */
  async execute(sql: string): Promise<void> {
    if (this.depth > 0) this.session.defer(sql);
    else await this.session.flush(sql);
  }

  /** After a no-transaction script failed part way: rolls back a transaction it opened. */
  async reset(): Promise<void> {
    if (this.depth === 0 && this.session.transactionStatus() !== 'I') await this.session.flush('ROLLBACK');
  }

  /** Runs `fn` in BEGIN … COMMIT (a SAVEPOINT when nested); rolls back when it throws. */
  async transaction<T>(fn: (tx: PostgresTransaction) => Promise<T>): Promise<T> {
    const depth = this.depth;
    const savepoint = `retort_savepoint_${depth}`;
    const opened = this.session.defer(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`, 1);
    this.depth = depth + 1;
    let result: T;
    try {
      result = await fn(this.view);
    } catch (error) {
      this.depth = depth;
      await this.undo(depth, savepoint, opened);
      throw error;
    }
    this.depth = depth;
    if (depth > 0) {
      this.session.defer(`RELEASE SAVEPOINT ${savepoint}`, 1);
      return result;
    }
    let outcome;
    try {
      outcome = await this.session.flush('COMMIT');
    } catch (error) {
      // A failed message skips its COMMIT, leaving the transaction open (and aborted).
      if (this.session.transactionStatus() !== 'I') await this.session.flush('ROLLBACK').catch(() => undefined);
      throw error;
    }
    if (outcome?.lastCommand === 'ROLLBACK') throw abortedTransaction(this.url);
    return result;
  }

  /** Takes the migration lock on a dedicated connection (see `acquirePostgresLock`). */
  async acquireLock(options: LockOptions): Promise<HeldLock> {
    const opened = this.lockClient;
    this.lockClient = undefined;
    const lock = await acquirePostgresLock({ url: this.url, attempts: this.attempts, opened }, options);
    this.locks.add(lock);
    return {
      release: async () => {
        this.locks.delete(lock);
        await lock.release();
      },
    };
  }

  /** Releases held locks and closes the connection; later calls do nothing. */
  async close(): Promise<void> {
    for (const lock of [...this.locks]) await lock.release().catch(() => undefined);
    this.locks.clear();
    const unused = this.lockClient;
    this.lockClient = undefined;
    await unused?.then((client) => client.close(), () => undefined);
    await this.held.close();
  }

  private async undo(depth: number, savepoint: string, opened: number): Promise<void> {
    if (this.session.isPending(opened)) {
      // Nothing of this transaction reached the server: forget it, no round trip.
      this.session.dropFrom(opened);
      return;
    }
    const undoSql = depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`;
    this.session.dropFrom(opened);
    // The callback's error is the one to report; a dead connection rolls back by itself.
    await this.session.flush(undoSql).catch(() => undefined);
  }
}

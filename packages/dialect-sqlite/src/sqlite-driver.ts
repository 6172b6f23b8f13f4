import Database from 'better-sqlite3';
import type { ConnectOptions, Connection, HeldLock, LockOptions, Queryable, SqlScript } from '@retort/core';
import { RetortError } from '@retort/core';
import { databaseError, messageOf, statementError } from './sqlite-errors.js';
import { acquireSqliteLock } from './sqlite-lock.js';
import type { SqliteLocation } from './sqlite-url.js';
import { parseSqliteUrl } from './sqlite-url.js';

/**
 * What a transaction callback receives: run SQL, or nest a transaction (a SAVEPOINT).
 *
 * @example
 * ```ts
 * await conn.transaction(async (tx: SqliteTransaction) => {
 *   await tx.execute('INSERT INTO t VALUES (1)');
 *   await tx.transaction((inner) => inner.execute('INSERT INTO t VALUES (2)')).catch(() => {});
 * });
 * ```
 */
export interface SqliteTransaction extends Queryable {
  transaction<T>(fn: (tx: SqliteTransaction) => Promise<T>): Promise<T>;
}

const STATEMENT_CACHE_SIZE = 100;
const NO_PARAMS: readonly unknown[] = [];

/**
 * Opens a SQLite database from a URL (see {@link parseSqliteUrl}), creating the file if it
 * is missing, with `busy_timeout` and `foreign_keys = ON`.
 *
 * @example
 * ```ts
 * const conn = await connect({ url: 'sqlite:./dev.db', cwd: '/app' });
 * await conn.transaction(async (tx) => { await tx.execute('CREATE TABLE t (id INTEGER)'); });
 * await conn.close();
 * ```
 */
export async function connect(options: ConnectOptions): Promise<SqliteConnection> {
  return new SqliteConnection(parseSqliteUrl(options.url, { cwd: options.cwd }));
}

/**
 * A better-sqlite3 connection behind core's {@link Connection}. Not for concurrent use: a
 * `transaction()` started while another is running on the same connection nests in it as a
 * SAVEPOINT (SQLite has one writer per file; open a second connection to work in parallel).
 *
 * @example
 * ```ts
 * const conn = new SqliteConnection(parseSqliteUrl('sqlite::memory:'));
 * const rows = await conn.query<{ n: number }>('SELECT ? AS n', [1]);   // [{ n: 1 }]
 * ```
 */
export class SqliteConnection implements Connection {
  readonly dialect = 'sqlite';
  readonly location: SqliteLocation;
  /** The underlying better-sqlite3 handle, for synchronous reads (e.g. introspection). */
  readonly database: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly locks = new Set<HeldLock>();
  private readonly view: SqliteTransaction;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoints: Database.Statement[][] = [];
  private depth = 0;

  constructor(location: SqliteLocation) {
    this.location = location;
    try {
      this.database = new Database(location.filename, {
        readonly: location.readonly,
        fileMustExist: location.fileMustExist,
        timeout: location.busyTimeoutMs,
      });
    } catch (error) {
      throw new RetortError(
        'E_CONNECTION',
        `Cannot open SQLite database '${location.displayName}': ${messageOf(error)}; check that its directory exists and is writable${location.fileMustExist ? ' and the file exists' : ''}.`,
        { facts: { file: location.displayName }, cause: error },
      );
    }
    this.database.pragma('foreign_keys = ON');
    this.begin = this.database.prepare('BEGIN IMMEDIATE');
    this.commit = this.database.prepare('COMMIT');
    this.rollback = this.database.prepare('ROLLBACK');
    this.view = {
      runScript: (script) => this.runScript(script),
      query: (sql, params) => this.query(sql, params),
      execute: (sql) => this.execute(sql),
      transaction: (fn) => this.transaction(fn),
    };
  }

  /** Runs the statements one by one; a failure throws a `StatementError` naming its index. */
  async runScript(script: SqlScript): Promise<void> {
    const statements = script.statements;
    for (let index = 0; index < statements.length; index++) {
      try {
        this.database.exec((statements[index] as { sql: string }).sql);
      } catch (error) {
        throw statementError(error, index);
      }
    }
  }

  /** Runs one statement with `?` parameters; returns its rows (`[]` when it returns none). */
  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = NO_PARAMS): Promise<Row[]> {
    try {
      const statement = this.prepared(sql);
      const args = params.length === 0 ? params : bindable(params);
      if (statement.reader) return statement.all(...args) as Row[];
      statement.run(...args);
      return [];
    } catch (error) {
      throw databaseError(error, sql, this.location.displayName);
    }
  }

  /** Runs one or more statements that return nothing. */
  async execute(sql: string): Promise<void> {
    try {
      this.database.exec(sql);
    } catch (error) {
      throw databaseError(error, sql, this.location.displayName);
    }
  }

  /**
   * Runs `fn` in `BEGIN IMMEDIATE` … `COMMIT`, or `ROLLBACK` when it throws; a call while a
   * transaction is open nests as a SAVEPOINT that rolls back alone.
   */
  async transaction<T>(fn: (tx: SqliteTransaction) => Promise<T>): Promise<T> {
    const depth = this.depth;
    this.control(depth === 0 ? this.begin : this.savepoint(depth, 0));
    this.depth = depth + 1;
    let result: T;
    try {
      result = await fn(this.view);
    } catch (error) {
      this.depth = depth;
      this.undo(depth, error);
      throw error;
    }
    this.depth = depth;
    if (!this.database.inTransaction) {
      throw new RetortError(
        'E_DATABASE',
        `SQLite rolled back the transaction on '${this.location.displayName}' before it could commit (an error with ON CONFLICT ROLLBACK or a full disk); rerun it after fixing the cause.`,
        { facts: { file: this.location.displayName } },
      );
    }
    if (depth > 0) {
      this.control(this.savepoint(depth, 2));
      return result;
    }
    try {
      this.commit.run();
    } catch (error) {
      // A failed COMMIT (deferred foreign keys, busy) leaves the transaction open.
      if (this.database.inTransaction) this.rollback.run();
      throw databaseError(error, 'COMMIT', this.location.displayName);
    }
    return result;
  }

  /** Takes the cross-process migration lock (a no-op for `:memory:`). */
  async acquireLock(options: LockOptions): Promise<HeldLock> {
    if (this.location.memory) return { release: async () => {} };
    const lock = await acquireSqliteLock(this.location, options);
    this.locks.add(lock);
    return {
      release: async () => {
        this.locks.delete(lock);
        await lock.release();
      },
    };
  }

  /**
   * After a no-transaction script failed part way: rolls back the transaction it opened
   * (a rebuild's BEGIN) and turns foreign keys back on (a rebuild turns them off).
   */
  async reset(): Promise<void> {
    if (this.depth === 0 && this.database.inTransaction) this.rollback.run();
    this.database.pragma('foreign_keys = ON');
  }

  /** Releases held locks and closes the database; later calls do nothing. */
  async close(): Promise<void> {
    for (const lock of this.locks) await lock.release();
    this.locks.clear();
    if (this.database.open) this.database.close();
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.database.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
      this.statements.set(sql, statement);
    }
    return statement;
  }

  // SAVEPOINT, ROLLBACK TO and RELEASE for one nesting depth, prepared once.
  private savepoint(depth: number, which: 0 | 1 | 2): Database.Statement {
    let set = this.savepoints[depth];
    if (set === undefined) {
      const name = `retort_savepoint_${depth}`;
      set = [`SAVEPOINT ${name}`, `ROLLBACK TO ${name}`, `RELEASE ${name}`].map((sql) => this.database.prepare(sql));
      this.savepoints[depth] = set;
    }
    return set[which] as Database.Statement;
  }

  private control(statement: Database.Statement): void {
    try {
      statement.run();
    } catch (error) {
      throw databaseError(error, statement.source, this.location.displayName);
    }
  }

  private undo(depth: number, cause: unknown): void {
    // SQLite may already have rolled back everything (ON CONFLICT ROLLBACK, SQLITE_FULL).
    if (!this.database.inTransaction) return;
    try {
      if (depth === 0) {
        this.rollback.run();
      } else {
        this.savepoint(depth, 1).run();
        this.savepoint(depth, 2).run();
      }
    } catch (error) {
      throw new RetortError(
        'E_DATABASE',
        `Rolling back on '${this.location.displayName}' failed after an error: ${messageOf(error)}; close the connection to discard the transaction.`,
        { facts: { file: this.location.displayName }, cause },
      );
    }
  }
}

// better-sqlite3 binds numbers, strings, bigints, buffers and null only.
function bindable(params: readonly unknown[]): readonly unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    const mapped =
      value === undefined ? null : typeof value === 'boolean' ? (value ? 1 : 0) : value instanceof Date ? value.toISOString() : value;
    if (mapped !== value) {
      out ??= params.slice();
      out[i] = mapped;
    }
  }
  return out ?? params;
}

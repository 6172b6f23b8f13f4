/**
 * The small structural types core calls. Core knows no driver: dialect packages
 * (`@retort/dialect-sqlite`, `@retort/dialect-postgres`) implement these, and the CLI
 * registers them in an explicit map.
 */

/**
 * One statement of a SQL file, as the dialect's splitter found it.
 *
 * @example
 * ```ts
 * const s: SqlStatement = { sql: 'CREATE TABLE a (id int)', offset: 0, line: 1 };
 * ```
 */
export interface SqlStatement {
  /** The statement text without its terminating `;`. */
  readonly sql: string;
  /** Character offset of the statement's first character in the file text. */
  readonly offset: number;
  /** 1-based line of the statement's first character in the file. */
  readonly line: number;
}

/** A whole SQL file split into statements, with the text it came from. */
export interface SqlScript {
  readonly text: string;
  readonly statements: readonly SqlStatement[];
}

/** What a dialect can do; the runner and planner read these flags. */
export interface DialectCapabilities {
  /** DDL runs inside transactions and rolls back with them. */
  readonly transactionalDdl: boolean;
  /** Several connections may work on the database at once. */
  readonly concurrentConnections: boolean;
}

/** Something SQL can be run on: a connection or a transaction on it. */
export interface Queryable {
  /**
   * Runs the statements of a script in order, in as few round trips as the driver allows.
   * A failing statement throws a {@link StatementError}.
   */
  runScript(script: SqlScript): Promise<void>;
  /** Runs one statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs one or more statements that return nothing (version-table upkeep). */
  execute(sql: string): Promise<void>;
  /**
   * Optional, inside a transaction only: queues a script to go out with the next message
   * (at the latest with the COMMIT), so a revision's script, its version-table upkeep and
   * COMMIT can share one round trip. A failing statement then throws its
   * {@link StatementError} from that later call (the COMMIT: `transaction()` rejects),
   * and a script that ends the transaction itself is refused there.
   */
  deferScript?(script: SqlScript): void;
}

/** A held lock; release it exactly once. */
export interface HeldLock {
  release(): Promise<void>;
}

/** Options for {@link Connection.acquireLock}. */
export interface LockOptions {
  /** Give up after this many milliseconds with an `E_LOCK_TIMEOUT` error. */
  readonly timeoutMs: number;
  /** Names what is locked, e.g. the version table; the same key locks out other runners. */
  readonly key: string;
}

/** An open database connection. */
export interface Connection extends Queryable {
  readonly dialect: string;
  /** Runs `fn` in a transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Takes the one-runner-at-a-time lock for this database. */
  acquireLock(options: LockOptions): Promise<HeldLock>;
  /**
   * Returns the session to its normal state after a no-transaction script failed part way:
   * rolls back a transaction the script itself opened and restores settings it changed
   * (SQLite's `PRAGMA foreign_keys`), so the runner can record the failure durably.
   */
  reset?(): Promise<void>;
  close(): Promise<void>;
}

/** Names of the version and history tables, and the schema holding them (Postgres). */
export interface VersionTableNames {
  readonly versionTable: string;
  readonly historyTable: string;
  /** Postgres schema; ignored by dialects without schemas. */
  readonly schema?: string | undefined;
}

/** One row of the history log. */
export interface HistoryEntry {
  readonly revision: string;
  readonly direction: 'up' | 'down';
  /** Checksum of the SQL that ran (hex). */
  readonly checksum: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly durationMs: number;
  readonly executedBy: string;
  readonly toolVersion: string;
  /** `'applied'`, or `'failed'` for a no-transaction revision that stopped part way. */
  readonly status: 'applied' | 'failed';
  /** Where a failed no-transaction revision stopped: `up.sql:12 (statement 3 of 5)`. */
  readonly detail?: string | undefined;
}

/** A history row whose times the database fills in (see {@link VersionSql.insertHistoryTimedByDatabase}). */
export type UntimedHistoryEntry = Omit<HistoryEntry, 'startedAt' | 'finishedAt' | 'durationMs'>;

/**
 * The SQL text of the version-table protocol in one dialect. Online runs and `--sql`
 * offline output use the very same text.
 */
export interface VersionSql {
  /** Statements creating the tables (and schema) if missing. */
  ensureTables(): string;
  /** A query returning the version rows as `{ revision }`, in insertion order. */
  selectHeads(): string;
  insertHead(revision: string): string;
  deleteHead(revision: string): string;
  updateHead(from: string, to: string): string;
  deleteAllHeads(): string;
  insertHistory(entry: HistoryEntry): string;
  /**
   * Optional: the history row of a revision that runs in its own transaction, timed by the
   * database's clock (started when the transaction began, finished when the row is
   * written), so it can be sent before the script's outcome is known, in the same message
   * (see {@link Queryable.deferScript}).
   */
  insertHistoryTimedByDatabase?(entry: UntimedHistoryEntry): string;
  /** A query returning history rows (newest last) with the columns of {@link HistoryEntry}. */
  selectHistory(): string;
  /** Opening and closing of a transaction in offline SQL output. */
  begin(): string;
  commit(): string;
}

/** Options for {@link Dialect.connect}. */
export interface ConnectOptions {
  /** Database URL of this dialect, e.g. `sqlite:./dev.db` or `postgres://u@h/db?schema=app`. */
  readonly url: string;
  /** Base directory that relative file URLs resolve against. */
  readonly cwd?: string;
  readonly tables?: VersionTableNames;
  /**
   * The caller takes the migration lock next ({@link Connection.acquireLock}): a dialect
   * whose lock holds a connection of its own may open that one alongside this one.
   */
  readonly lockNext?: boolean;
}

/**
 * A dialect: a few small factories and capability flags.
 *
 * @example
 * ```ts
 * const dialects: Record<string, () => Promise<Dialect>> = {
 *   sqlite: async () => (await import('@retort/dialect-sqlite')).sqliteDialect,
 * };
 * ```
 */
export interface Dialect {
  /** `'sqlite'` or `'postgres'`; also the suffix of override files (`up.sqlite.sql`). */
  readonly name: string;
  readonly capabilities: DialectCapabilities;
  connect(options: ConnectOptions): Promise<Connection>;
  /** Splits a SQL file into statements (quotes, comments, dollar quotes, trigger bodies). */
  splitStatements(text: string): SqlStatement[];
  versionSql(names: VersionTableNames): VersionSql;
  quoteIdentifier(name: string): string;
  quoteLiteral(value: string): string;
}

/**
 * Thrown by {@link Queryable.runScript} when a statement fails.
 *
 * @example
 * ```ts
 * throw new StatementError('no such table: users', { statementIndex: 2, cause: err });
 * ```
 */
export class StatementError extends Error {
  /** Index of the failing statement in `script.statements`. */
  readonly statementIndex: number;
  /** 1-based line in the script text where the database located the error, if it did. */
  readonly line: number | undefined;
  /** The database's own error code (SQLSTATE or SQLITE_*), if any. */
  readonly databaseCode: string | undefined;

  constructor(
    message: string,
    props: { statementIndex: number; line?: number; databaseCode?: string; cause?: unknown },
  ) {
    super(message, props.cause === undefined ? undefined : { cause: props.cause });
    this.name = 'StatementError';
    this.statementIndex = props.statementIndex;
    this.line = props.line;
    this.databaseCode = props.databaseCode;
  }
}

import type { Connection, Dialect, HeldLock, VersionSql, VersionTableNames } from '../dialect/types.js';

/** Where and how to connect. */
export interface DatabaseTarget {
  readonly dialect: Dialect;
  readonly url: string;
  /** Folder relative file URLs resolve against. */
  readonly urlBase?: string | undefined;
  readonly tables: VersionTableNames;
}

/**
 * An open database with its version-table protocol.
 *
 * @example
 * ```ts
 * const db = await openDatabase({ dialect: sqliteDialect, url: 'sqlite:./dev.db', tables });
 * try { console.log(await db.readHeads()); } finally { await db.close(); }
 * ```
 */
export interface Database {
  readonly dialect: Dialect;
  readonly connection: Connection;
  readonly versionSql: VersionSql;
  readonly tables: VersionTableNames;
  /** Creates the version and history tables if missing. */
  ensureTables(): Promise<void>;
  /** Current version rows in insertion order; `[]` when the tables do not exist yet. */
  readHeads(): Promise<string[]>;
  /** Takes the one-runner-at-a-time lock. */
  lock(timeoutMs: number): Promise<HeldLock>;
  close(): Promise<void>;
}

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** The lock is taken next: see `ConnectOptions.lockNext`. */
  readonly lockNext?: boolean;
}

/**
 * Connects to a database through its dialect.
 *
 * @example
 * ```ts
 * const db = await openDatabase({ dialect, url: settings.url, urlBase: settings.urlBase, tables: settings.tables });
 * ```
 */
export async function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<Database> {
  const { dialect, tables } = target;
  const connection = await dialect.connect({ url: target.url, cwd: target.urlBase, tables, lockNext: options.lockNext });
  const versionSql = dialect.versionSql(tables);
  return {
    dialect,
    connection,
    versionSql,
    tables,
    ensureTables: () => connection.execute(versionSql.ensureTables()),
    readHeads: async () => {
      let rows: { revision: string }[];
      try {
        rows = await connection.query<{ revision: string }>(versionSql.selectHeads());
      } catch (error) {
        if (isMissingTable(error)) return [];
        throw error;
      }
      return rows.map((row) => row.revision);
    },
    lock: (timeoutMs) => connection.acquireLock({ timeoutMs, key: `${tables.schema ?? ''}.${tables.versionTable}` }),
    close: () => connection.close(),
  };
}

// A failed read of the version table means "no table yet" only when the database says the
// table is missing (SQLite: "no such table", Postgres: SQLSTATE 42P01); anything else
// (permissions, a broken connection) must surface.
function isMissingTable(error: unknown): boolean {
  const { message = '', code, databaseCode } = (error ?? {}) as { message?: string; code?: string; databaseCode?: string };
  return code === '42P01' || databaseCode === '42P01' || /no such table|does not exist/i.test(message);
}

import type { Connection } from '@retort/core';
import type { IntrospectOptions } from '@retort/schema';

/**
 * A throwaway database to replay migrations or load a declarative `schema.sql` in: an
 * in-memory SQLite database, or a temporary schema on Postgres. Closing drops it.
 *
 * @example
 * ```ts
 * const scratch = await openScratch();
 * try { await scratch.connection.execute('CREATE TABLE t (id int)'); } finally { await scratch.close(); }
 * ```
 */
export interface ScratchDatabase {
  readonly connection: Connection;
  /** What introspection must read (the temporary Postgres schema). */
  readonly introspectOptions: IntrospectOptions;
  close(): Promise<void>;
}

/** Opens a fresh scratch database. */
export type OpenScratch = () => Promise<ScratchDatabase>;

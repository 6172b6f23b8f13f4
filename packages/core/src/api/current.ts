import { openDatabase, type DatabaseTarget } from './database.js';

/**
 * The database's current version rows (one per applied head), without creating anything.
 *
 * @example
 * ```ts
 * await current({ dialect, url: 'sqlite:./dev.db', tables }); // ['c3d4e5f6a7b8']
 * ```
 */
export async function current(database: DatabaseTarget): Promise<string[]> {
  const db = await openDatabase(database);
  try {
    return await db.readHeads();
  } finally {
    await db.close();
  }
}

/**
 * Creates the version and history tables if they are missing (`retort ensure-version`).
 *
 * @example
 * ```ts
 * await ensureVersion({ dialect, url: 'sqlite:./dev.db', tables });
 * ```
 */
export async function ensureVersion(database: DatabaseTarget): Promise<void> {
  const db = await openDatabase(database);
  try {
    await db.ensureTables();
  } finally {
    await db.close();
  }
}

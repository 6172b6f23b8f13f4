import Database from 'better-sqlite3';
import type { HeldLock, LockOptions } from '@retort/core';
import { RetortError } from '@retort/core';
import { messageOf } from './sqlite-errors.js';

/**
 * The database a lock guards; the `SqliteLocation` from `parseSqliteUrl` fits.
 *
 * @example
 * ```ts
 * const target: SqliteLockTarget = { filename: '/app/dev.db', displayName: 'dev.db' };
 * ```
 */
export interface SqliteLockTarget {
  /** Path of the database file; the lock lives in a sidecar file next to it. */
  readonly filename: string;
  /** How messages name the database, e.g. `dev.db`. */
  readonly displayName: string;
}

/**
 * Path of the sidecar lock file of a database: `dev.db` → `dev.db-retort-lock`. It stays
 * on disk after release (deleting it would let two waiters lock two different files).
 *
 * @example
 * ```ts
 * lockFilePath('/app/dev.db');   // '/app/dev.db-retort-lock'
 * ```
 */
export function lockFilePath(filename: string): string {
  return `${filename}-retort-lock`;
}

/**
 * Takes the one-runner-at-a-time migration lock of a SQLite database across processes. A
 * dedicated connection holds `BEGIN EXCLUSIVE` on a sidecar file ({@link lockFilePath}), so
 * the database itself stays free for the runner's own connection, and the operating system
 * drops the lock when the holder dies, even by SIGKILL. Polls with backoff, then throws
 * `E_LOCK_TIMEOUT`. SQLite has one writer per file anyway, so the whole file is locked
 * whatever `key` says.
 *
 * @example
 * ```ts
 * const lock = await acquireSqliteLock({ filename: '/app/dev.db', displayName: 'dev.db' },
 *   { key: 'retort_version', timeoutMs: 60_000 });
 * try { await upgrade(); } finally { await lock.release(); }
 * ```
 */
export async function acquireSqliteLock(target: SqliteLockTarget, options: LockOptions): Promise<HeldLock> {
  const file = lockFilePath(target.filename);
  const deadline = Date.now() + options.timeoutMs;
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 0 });
  } catch (error) {
    throw cannotLock(file, error);
  }
  let journalSet = false;
  let delayMs = 4;
  for (;;) {
    try {
      // Keeps the sidecar free of a -journal file; it reads the header, so it can be busy too.
      if (!journalSet) {
        db.pragma('journal_mode = MEMORY');
        journalSet = true;
      }
      db.exec('BEGIN EXCLUSIVE');
      return heldLock(db);
    } catch (error) {
      if (!isBusy(error)) {
        db.close();
        throw cannotLock(file, error);
      }
    }
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) {
      db.close();
      throw timedOut(target, options);
    }
    await sleep(Math.min(delayMs + Math.random() * delayMs, remainingMs));
    delayMs = Math.min(delayMs * 2, 200);
  }
}

function heldLock(db: Database.Database): HeldLock {
  let held = true;
  return {
    release: async () => {
      if (!held) return;
      held = false;
      // Closing a connection with an open transaction rolls it back and drops the file lock.
      db.close();
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

function timedOut(target: SqliteLockTarget, options: LockOptions): RetortError {
  return new RetortError(
    'E_LOCK_TIMEOUT',
    `Another retort process holds the migration lock on '${target.displayName}' (waited ${formatWait(options.timeoutMs)}); wait for it to finish or raise --lock-timeout.`,
    { facts: { file: target.displayName, key: options.key, timeoutMs: options.timeoutMs } },
  );
}

function cannotLock(file: string, error: unknown): RetortError {
  const reason = messageOf(error);
  return new RetortError(
    'E_DATABASE',
    `Cannot open the migration lock file '${file}': ${reason}; make its directory writable.`,
    { facts: { file }, cause: error },
  );
}

function formatWait(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

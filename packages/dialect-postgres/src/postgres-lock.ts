import { createHash } from 'node:crypto';
import type { HeldLock, LockOptions } from '@retort/core';
import { RetortError } from '@retort/core';
import type { ClientAttempt } from './postgres-client-config.js';
import { openPooledClient, type PooledClient } from './postgres-pooled-client.js';
import { slonikQuery } from './postgres-slonik-query.js';
import type { PostgresUrl } from './postgres-url.js';

/** Where the lock is taken: the database of a URL, connected with these attempts. */
export interface PostgresLockTarget {
  readonly url: PostgresUrl;
  readonly attempts: readonly ClientAttempt[];
  /** A connection already being opened for the lock (see `ConnectOptions.lockNext`). */
  readonly opened?: Promise<PooledClient> | undefined;
}

/** The 64-bit advisory lock id of a key, with the two halves pg_locks shows it as. */
export interface AdvisoryLockId {
  /** The key qualified with a schema, e.g. `public.retort_version`. */
  readonly name: string;
  /** Signed 64-bit id as a decimal string, for `pg_try_advisory_lock($1::bigint)`. */
  readonly id: string;
  /** `pg_locks.classid` and `pg_locks.objid`: high and low 32 bits, unsigned. */
  readonly classid: string;
  readonly objid: string;
}

/**
 * The advisory lock id for a lock key: the first 8 bytes of the SHA-256 of the key, the
 * key qualified with `schema` (default `public`) unless it already names one. Stable
 * across processes, versions and platforms.
 *
 * @example
 * ```ts
 * advisoryLockId('retort_version', 'app').name;   // 'app.retort_version'
 * ```
 */
export function advisoryLockId(key: string, schema: string | undefined): AdvisoryLockId {
  const name = key.includes('.') ? key : `${schema ?? 'public'}.${key}`;
  const digest = createHash('sha256').update(name, 'utf8').digest();
  return {
    name,
    id: digest.readBigInt64BE(0).toString(),
    classid: String(digest.readUInt32BE(0)),
    objid: String(digest.readUInt32BE(4)),
  };
}

/**
 * Takes the one-runner-at-a-time migration lock: a session advisory lock
 * (`pg_try_advisory_lock`) on a **dedicated** connection that holds no transaction or
 * snapshot, so `CREATE INDEX CONCURRENTLY` on the runner's own connection never waits for
 * it. Retries with backoff until `timeoutMs`, then throws `E_LOCK_TIMEOUT` naming the
 * backend pid that holds it. The server drops the lock when the holder's connection ends,
 * so a killed process releases it.
 *
 * @example
 * ```ts
 * const lock = await acquirePostgresLock({ url, attempts }, { key: 'retort_version', timeoutMs: 60_000 });
 * try { await upgrade(); } finally { await lock.release(); }
 * ```
 */
export async function acquirePostgresLock(target: PostgresLockTarget, options: LockOptions): Promise<HeldLock> {
  const lock = advisoryLockId(options.key, target.url.schema);
  const deadline = Date.now() + options.timeoutMs;
  const held = await (target.opened ?? openPooledClient({ url: target.url, attempts: target.attempts }));
  try {
    let delayMs = 25;
    for (;;) {
      const [row] = await slonikQuery<{ locked: boolean }>(
        held.slonik,
        'SELECT pg_catalog.pg_try_advisory_lock($1::bigint) AS locked',
        [lock.id],
      );
      if (row?.locked === true) return heldLock(held, lock);
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) throw await timedOut(held, lock, target.url, options.timeoutMs);
      await sleep(Math.min(delayMs * (0.5 + Math.random()), remainingMs));
      delayMs = Math.min(delayMs * 2, 1000);
    }
  } catch (error) {
    await held.close();
    throw error;
  }
}

function heldLock(held: PooledClient, lock: AdvisoryLockId): HeldLock {
  let released: Promise<void> | undefined;
  return {
    release: () => {
      released ??= (async () => {
        try {
          await slonikQuery(held.slonik, 'SELECT pg_catalog.pg_advisory_unlock($1::bigint)', [lock.id]);
        } finally {
          // Ending the session releases the lock even if the unlock could not be sent.
          await held.close();
        }
      })();
      return released;
    },
  };
}

async function timedOut(held: PooledClient, lock: AdvisoryLockId, url: PostgresUrl, timeoutMs: number): Promise<RetortError> {
  const [holder] = await slonikQuery<{ pid: number; application_name: string | null }>(
    held.slonik,
    'SELECT l.pid, a.application_name FROM pg_catalog.pg_locks l ' +
      'LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid ' +
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 " +
      'AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()) ' +
      'AND l.classid = $1::oid AND l.objid = $2::oid',
    [lock.classid, lock.objid],
  );
  const where = `the migration lock '${lock.name}' on '${url.redacted}'`;
  if (holder === undefined) {
    return new RetortError(
      'E_LOCK_TIMEOUT',
      `Timed out after ${timeoutMs} ms waiting for ${where}, which its holder released just now; run the command again, or raise --lock-timeout.`,
      { facts: { argument: lock.name, timeoutMs } },
    );
  }
  const app = holder.application_name ? ` (application '${holder.application_name}')` : '';
  return new RetortError(
    'E_LOCK_TIMEOUT',
    `Timed out after ${timeoutMs} ms waiting for ${where}, held by PostgreSQL backend pid ${holder.pid}${app}; wait for that run to finish, stop it with SELECT pg_terminate_backend(${holder.pid}), or raise --lock-timeout.`,
    { facts: { argument: lock.name, pid: holder.pid, timeoutMs } },
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

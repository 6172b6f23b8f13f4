import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { RetortError, StatementError, type SqlScript } from '@retort/core';
import { caught } from './__fixtures__/test-spies.js';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database.js';
import { connect, type PostgresConnection } from './postgres-driver.js';
import { advisoryLockId } from './postgres-lock.js';
import { splitStatements } from './postgres-split.js';

const KEY = 'retort_version';
const script = (text: string): SqlScript => ({ text, statements: splitStatements(text) });
const DIST = new URL('../dist/index.js', import.meta.url);
const CHILD = new URL('./__fixtures__/hold-lock.mjs', import.meta.url);


describe('acquireLock', () => {
  let db: TestDatabase;
  let a: PostgresConnection;
  let b: PostgresConnection;
  let observer: pg.Client;
  const lockId = advisoryLockId(KEY, undefined);

  const holders = async (): Promise<{ pid: number; mode: string; granted: boolean }[]> =>
    (
      await observer.query(
        "SELECT pid, mode, granted FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::oid AND objid = $2::oid AND objsubid = 1",
        [lockId.classid, lockId.objid],
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase('lock');
    [a, b, observer] = await Promise.all([connect({ url: db.url }), connect({ url: db.url }), db.client()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  it('keys the lock on the version table qualified with the schema', () => {
    expect(advisoryLockId(KEY, undefined).name).toBe('public.retort_version');
    expect(advisoryLockId(KEY, 'app').name).toBe('app.retort_version');
    expect(advisoryLockId('ops.versions', 'app').name).toBe('ops.versions');
    expect(advisoryLockId(KEY, 'app').id).not.toBe(advisoryLockId(KEY, undefined).id);
  });

  it('holds a session advisory lock on a dedicated, idle connection with no transaction', async () => {
    const lock = await a.acquireLock({ key: KEY, timeoutMs: 1000 });
    const [holder] = await holders();
    expect(holder).toMatchObject({ mode: 'ExclusiveLock', granted: true });
    expect(holder?.pid).not.toBe(a.backendPid);
    const activity = await observer.query(
      'SELECT state, xact_start, backend_xmin, application_name FROM pg_stat_activity WHERE pid = $1',
      [holder?.pid],
    );
    expect(activity.rows).toEqual([{ state: 'idle', xact_start: null, backend_xmin: null, application_name: 'retort' }]);
    await lock.release();
    await lock.release();
    expect(await holders()).toEqual([]);
  });

  it('makes a second runner back off, time out naming the holder pid, and get in once released', async () => {
    const first = await a.acquireLock({ key: KEY, timeoutMs: 1000 });
    const [holder] = await holders();
    const started = Date.now();
    const error = await caught(b.acquireLock({ key: KEY, timeoutMs: 400 }));
    const waited = Date.now() - started;
    expect(error).toBeInstanceOf(RetortError);
    expect((error as RetortError).code).toBe('E_LOCK_TIMEOUT');
    expect(error.message).toBe(
      `Timed out after 400 ms waiting for the migration lock 'public.retort_version' on '${db.url}', held by ` +
        `PostgreSQL backend pid ${holder?.pid} (application 'retort'); wait for that run to finish, stop it with ` +
        `SELECT pg_terminate_backend(${holder?.pid}), or raise --lock-timeout.`,
    );
    expect((error as RetortError).facts).toEqual({ argument: 'public.retort_version', pid: holder?.pid, timeoutMs: 400 });
    expect(waited).toBeGreaterThanOrEqual(400);
    expect(waited).toBeLessThan(3000);
    const waiting = b.acquireLock({ key: KEY, timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await first.release();
    const second = await waiting;
    expect((await holders()).map((h) => h.pid)).not.toContain(holder?.pid);
    await second.release();
  });

  it('gives runners on different schemas different locks', async () => {
    const [one, two] = await Promise.all([
      connect({ url: db.urlWith({ schema: 'one' }) }),
      connect({ url: db.urlWith({ schema: 'two' }) }),
    ]);
    try {
      const locks = await Promise.all([one.acquireLock({ key: KEY, timeoutMs: 300 }), two.acquireLock({ key: KEY, timeoutMs: 300 })]);
      await Promise.all(locks.map((lock) => lock.release()));
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('is released when the holding process is killed with SIGKILL', async () => {
    if (!fs.existsSync(DIST)) {
      throw new Error('dist/index.js is missing: run `pnpm --filter @retort/dialect-postgres build` first (the child process loads the built package).');
    }
    const child = spawn(process.execPath, [fileURLToPath(CHILD), db.urlWith({ application_name: 'retort-lock-child' }), KEY], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        let err = '';
        const timer = setTimeout(() => reject(new Error(`child never took the lock: ${err}`)), 15_000);
        child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('locked\n')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${err}`)));
      });
      const [holder] = await holders();
      const error = await caught(a.acquireLock({ key: KEY, timeoutMs: 100 }));
      expect(error.message).toContain(`held by PostgreSQL backend pid ${holder?.pid} (application 'retort-lock-child')`);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const started = Date.now();
    const lock = await a.acquireLock({ key: KEY, timeoutMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(5000);
    await lock.release();
  });

  it('does not hold up CREATE INDEX CONCURRENTLY on the main connection', async () => {
    const main = await connect({ url: db.urlWith({ statement_timeout: '10000' }) });
    try {
      await main.execute('CREATE TABLE cic (id int); INSERT INTO cic SELECT generate_series(1, 1000)');
      const lock = await main.acquireLock({ key: KEY, timeoutMs: 1000 });
      await main.runScript(script('-- retort:no-transaction\nCREATE INDEX CONCURRENTLY cic_id ON cic (id);'));
      await lock.release();
      expect((await observer.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'cic_id'::regclass")).rows).toEqual([
        { indisvalid: true },
      ]);
    } finally {
      await main.close();
    }
  });

  it('(control) a session holding a snapshot does hold up CREATE INDEX CONCURRENTLY', async () => {
    const main = await connect({ url: db.urlWith({ statement_timeout: '1000' }) });
    const snapshot = await db.client();
    try {
      await main.execute('CREATE TABLE cic2 (id int)');
      await snapshot.query('BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1');
      const error = await caught(main.runScript(script('CREATE INDEX CONCURRENTLY cic2_id ON cic2 (id);')));
      expect(error).toBeInstanceOf(StatementError);
      expect(error).toMatchObject({ message: 'canceling statement due to statement timeout', databaseCode: '57014' });
    } finally {
      await snapshot.query('ROLLBACK');
      await main.close();
    }
  });

  it('releases its locks when the connection closes', async () => {
    const holderConn = await connect({ url: db.url });
    await holderConn.acquireLock({ key: KEY, timeoutMs: 1000 });
    expect(await holders()).toHaveLength(1);
    await holderConn.close();
    expect(await holders()).toEqual([]);
    const lock = await b.acquireLock({ key: KEY, timeoutMs: 300 });
    await lock.release();
  });
});

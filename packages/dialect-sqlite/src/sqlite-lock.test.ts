import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { RetortError } from '@retort/core';
import { connect } from './sqlite-driver.js';
import type { SqliteConnection } from './sqlite-driver.js';
import { acquireSqliteLock, lockFilePath } from './sqlite-lock.js';

// Child processes import the built package, as another retort process would.
const distIndex = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!fs.existsSync(distIndex)) {
  throw new Error(`${distIndex} is missing; run 'pnpm --filter @retort/dialect-sqlite build' before these tests.`);
}

const CONTENDER = `
import fs from 'node:fs';
import { connect } from ${JSON.stringify(distIndex)};
const [dbPath, logPath, iterations] = process.argv.slice(2);
const conn = await connect({ url: 'sqlite:' + dbPath });
for (let i = 0; i < Number(iterations); i++) {
  const lock = await conn.acquireLock({ key: 'retort_version', timeoutMs: 60000 });
  fs.appendFileSync(logPath, 'enter ' + process.pid + '\\n');
  const [{ n }] = await conn.query('SELECT n FROM counter');
  await new Promise((resolve) => setTimeout(resolve, 5));
  await conn.execute('UPDATE counter SET n = ' + (n + 1));
  fs.appendFileSync(logPath, 'exit ' + process.pid + '\\n');
  await lock.release();
}
await conn.close();
`;

const HOLDER = `
import { connect } from ${JSON.stringify(distIndex)};
const conn = await connect({ url: 'sqlite:' + process.argv[2] });
await conn.acquireLock({ key: 'retort_version', timeoutMs: 10000 });
process.stdout.write('locked\\n');
setInterval(() => {}, 1000);
`;

let dir: string;
let dbPath: string;
let conn: SqliteConnection;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retort-sqlite-lock-'));
  dbPath = path.join(dir, 'dev.db');
  conn = await connect({ url: 'sqlite:./dev.db', cwd: dir });
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await conn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(scriptPath: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, [scriptPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(text)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code} before printing '${text}'`)));
  });
}

async function lockError(promise: Promise<unknown>): Promise<RetortError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RetortError) return error;
    throw error;
  }
  throw new Error('expected the lock to time out');
}

describe('acquireLock across processes', () => {
  it('lets exactly one of several processes in at a time', async () => {
    await conn.execute('CREATE TABLE counter (n INTEGER); INSERT INTO counter VALUES (0);');
    const scriptPath = path.join(dir, 'contender.mjs');
    const logPath = path.join(dir, 'log.txt');
    fs.writeFileSync(scriptPath, CONTENDER);
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => exited(run(scriptPath, [dbPath, logPath, '5']))),
    );
    expect(results.map((r) => [r.code, r.stderr])).toEqual([[0, ''], [0, ''], [0, ''], [0, '']]);
    expect(await conn.query('SELECT n FROM counter')).toEqual([{ n: 20 }]);
    const log = fs.readFileSync(logPath, 'utf8').trim().split('\n');
    expect(log).toHaveLength(40);
    for (let i = 0; i < log.length; i += 2) {
      const pid = log[i]?.split(' ')[1];
      expect([log[i], log[i + 1]]).toEqual([`enter ${pid}`, `exit ${pid}`]);
    }
    expect(new Set(log.map((line) => line.split(' ')[1])).size).toBe(4);
  });

  it('times out while another process holds it, and is free once that process is killed', async () => {
    const scriptPath = path.join(dir, 'holder.mjs');
    fs.writeFileSync(scriptPath, HOLDER);
    const holder = run(scriptPath, [dbPath]);
    const gone = exited(holder);
    await printed(holder, 'locked\n');

    const started = Date.now();
    const error = await lockError(conn.acquireLock({ key: 'retort_version', timeoutMs: 300 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(error.code).toBe('E_LOCK_TIMEOUT');
    expect(error.message).toBe(
      "Another retort process holds the migration lock on 'dev.db' (waited 300 ms); wait for it to finish or raise --lock-timeout.",
    );
    expect(error.facts).toEqual({ file: 'dev.db', key: 'retort_version', timeoutMs: 300 });
    // The database itself stays usable while the lock is held elsewhere.
    await conn.transaction((tx) => tx.execute('CREATE TABLE free (x INTEGER)'));

    holder.kill('SIGKILL');
    expect((await gone).signal).toBe('SIGKILL');
    const relocked = Date.now();
    const lock = await conn.acquireLock({ key: 'retort_version', timeoutMs: 5000 });
    expect(Date.now() - relocked).toBeLessThan(1000);
    await lock.release();
  });
});

describe('acquireLock in one process', () => {
  it('never blocks the holder’s own connection or other connections to the database', async () => {
    const lock = await conn.acquireLock({ key: 'retort_version', timeoutMs: 0 });
    await conn.transaction((tx) => tx.execute('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);'));
    const other = new Database(dbPath, { timeout: 0 });
    other.exec('INSERT INTO t VALUES (2)');
    other.close();
    expect(await conn.query('SELECT x FROM t ORDER BY x')).toEqual([{ x: 1 }, { x: 2 }]);
    await lock.release();
  });

  it('excludes a second connection until release, then hands over promptly', async () => {
    const second = await connect({ url: `sqlite:${dbPath}` });
    try {
      const lock = await conn.acquireLock({ key: 'retort_version', timeoutMs: 0 });
      const error = await lockError(second.acquireLock({ key: 'retort_version', timeoutMs: 1500 }));
      expect(error.message).toBe(
        `Another retort process holds the migration lock on '${dbPath}' (waited 1.5 s); wait for it to finish or raise --lock-timeout.`,
      );
      const waiting = second.acquireLock({ key: 'retort_version', timeoutMs: 5000 });
      setTimeout(() => void lock.release(), 100);
      const started = Date.now();
      const handedOver = await waiting;
      expect(Date.now() - started).toBeLessThan(1000);
      await handedOver.release();
      await handedOver.release();
    } finally {
      await second.close();
    }
  });

  it('keeps its state in a sidecar file without a journal, and close() releases it', async () => {
    await conn.acquireLock({ key: 'retort_version', timeoutMs: 0 });
    expect(fs.readdirSync(dir).sort()).toEqual(['dev.db', 'dev.db-retort-lock']);
    expect(lockFilePath(dbPath)).toBe(`${dbPath}-retort-lock`);
    await conn.close();
    const lock = await acquireSqliteLock({ filename: dbPath, displayName: 'dev.db' }, { key: 'k', timeoutMs: 0 });
    await lock.release();
  });

  it('fails with E_DATABASE when the lock file cannot be opened', async () => {
    const target = { filename: path.join(dir, 'missing-dir', 'dev.db'), displayName: 'missing-dir/dev.db' };
    const error = await lockError(acquireSqliteLock(target, { key: 'k', timeoutMs: 0 }));
    expect(error.code).toBe('E_DATABASE');
    expect(error.message).toBe(
      `Cannot open the migration lock file '${lockFilePath(target.filename)}': Cannot open database because the directory does not exist; make its directory writable.`,
    );
  });
});

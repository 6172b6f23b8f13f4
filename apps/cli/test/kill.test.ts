import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cliEnv, retortJson, tempProject, writeRevisionFolder } from './run-cli.js';
import { sqliteRows } from './sqlite-query.js';

// kill -9 of the runner at random moments during a 200-revision upgrade: the database is
// always at a revision boundary (the version row matches the tables that exist) and a rerun
// completes. Random moments come from a fixed seed so a failure reproduces.
const REVISIONS = 200;
const TRIALS = Number(process.env['RETORT_KILL_TRIALS'] ?? 50);
const id = (i: number) => `r${String(i).padStart(3, '0')}`;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function killAfter(cwd: string, args: string[], ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore', env: cliEnv(cwd) });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempProject('retort-kill-'));
  for (let i = 1; i <= REVISIONS; i += 1) {
    writeRevisionFolder(dir, `${id(i)}_t`, { id: id(i), parents: i === 1 ? [] : [id(i - 1)] }, {
      'up.sql': `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, v TEXT);\nINSERT INTO t${i} (v) VALUES ('${i}');\n`,
      'down.sql': `DROP TABLE t${i};\n`,
    });
  }
});
afterAll(() => cleanup());

test(`SQLite: ${TRIALS} kills during a ${REVISIONS}-revision upgrade always leave a revision boundary`, async () => {
  const random = seeded(20261123);
  const db = join(dir, 'dev.db');
  const started = performance.now();
  const full = retortJson(dir, ['upgrade', 'head']);
  // Kill moments spread over a whole run as long as it takes on this machine.
  const duration = performance.now() - started;
  expect(full.json['heads']).toEqual([id(REVISIONS)]);
  let interrupted = 0;
  for (let trial = 0; trial < TRIALS; trial += 1) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    const code = await killAfter(dir, ['upgrade', 'head', '-q'], Math.floor(duration * (0.05 + 0.85 * random())));
    if (code !== 0) interrupted += 1;
    const rows = await sqliteRows<{ revision: string }>(db, 'SELECT revision FROM retort_version').catch(() => []);
    const at = rows.length === 0 ? 0 : Number(rows[0]!.revision.slice(1));
    expect(rows.length).toBeLessThanOrEqual(1);
    const tables = await sqliteRows<{ n: number }>(db, "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name GLOB 't[0-9]*'");
    expect(tables[0]?.n).toBe(at);
    const history = await sqliteRows<{ n: number }>(db, "SELECT count(*) AS n FROM retort_history WHERE direction = 'up'").catch(() => [{ n: 0 }]);
    expect(history[0]?.n).toBe(at);
    const rerun = retortJson(dir, ['upgrade', 'head']);
    expect(rerun.code).toBe(0);
    expect(rerun.json['heads']).toEqual([id(REVISIONS)]);
  }
  // The kills must actually land mid-run most of the time, or the test proves nothing.
  expect(interrupted).toBeGreaterThan(TRIALS / 2);
}, 600_000);

import { spawn, spawnSync } from 'node:child_process';


import { postgresDialect } from '@retort/dialect-postgres';
import { BIN, cliEnv, retort, retortAsync, retortJson, tempProject, writeRevisionFolder } from './run-cli.js';
import { createPgDatabase } from './postgres-server.js';

// The CLI against a real PostgreSQL server: the workflow, concurrent runners, kill -9 at
// random moments, and CREATE INDEX CONCURRENTLY next to a long read transaction.
const id = (i: number) => `r${String(i).padStart(3, '0')}`;

let db: Awaited<ReturnType<typeof createPgDatabase>>;
let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  db = await createPgDatabase('e2e');
  ({ dir, cleanup } = tempProject('retort-pg-'));
});
afterAll(async () => {
  cleanup();
  await db.drop();
});

function linear(count: number, folderDir = dir): void {
  for (let i = 1; i <= count; i += 1) {
    writeRevisionFolder(folderDir, `${id(i)}_t`, { id: id(i), parents: i === 1 ? [] : [id(i - 1)] }, {
      'up.sql': `CREATE TABLE t${i} (id serial PRIMARY KEY, v text);\nINSERT INTO t${i} (v) VALUES ('${i}');\n`,
      'down.sql': `DROP TABLE t${i};\n`,
    });
  }
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

test('the workflow on Postgres: upgrade, history, downgrade, offline SQL, passwords redacted', async () => {
  const { dir: d, cleanup: done } = tempProject('retort-pg-flow-');
  try {
    linear(3, d);
    const url = db.url({ schema: 'flow' });
    expect(retortJson(d, ['upgrade', 'head', '--url', url]).json).toMatchObject({ ok: true, heads: [id(3)] });
    expect(retortJson(d, ['current', '--url', url]).json).toEqual({ ok: true, current: [id(3)] });
    expect(await db.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'flow'")).toEqual([{ n: 5 }]);
    expect(retortJson(d, ['downgrade', '-1', '--url', url]).json).toMatchObject({ heads: [id(2)] });
    const offline = retort(d, ['upgrade', `${id(2)}:head`, '--sql', '--url', url]);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('CREATE TABLE t3 (id serial PRIMARY KEY, v text);');
    // The offline script is what a DBA runs with psql -f: it must apply cleanly and leave the version row.
    const psql = spawnSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', db.url()], {
      input: offline.stdout,
      encoding: 'utf8',
      env: { ...process.env, PGOPTIONS: '-c search_path=flow' },
    });
    expect(psql.stderr).toBe('');
    expect(psql.status).toBe(0);
    expect(retortJson(d, ['current', '--url', url]).json).toEqual({ ok: true, current: [id(3)] });
    expect(retortJson(d, ['status', '--url', url]).json).toMatchObject({ ok: true, clean: true, pending: [] });
    const secret = url.replace('postgres://postgres@', 'postgres://postgres:hunter2@');
    const refused = retort(d, ['current', '--url', secret.replace(/\/[^/?]+\?/, '/no_such_db_x?')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).not.toContain('hunter2');
  } finally {
    done();
  }
});

test('8 concurrent `retort upgrade head` processes, 20 trials: each revision once, all exit 0', async () => {
  linear(15);
  for (let trial = 0; trial < 20; trial += 1) {
    const url = db.url({ schema: `conc_${trial}` });
    const runs = await Promise.all(Array.from({ length: 8 }, () => retortAsync(dir, ['upgrade', 'head', '--json', '--url', url])));
    for (const run of runs) expect(run.code).toBe(0);
    const applied = runs.flatMap((run) => (JSON.parse(run.stdout) as { steps: { revision: string }[] }).steps.map((s) => s.revision));
    expect(applied.sort()).toEqual(Array.from({ length: 15 }, (_, i) => id(i + 1)));
    expect(await db.query(`SELECT count(*)::int AS n FROM conc_${trial}.retort_history`)).toEqual([{ n: 15 }]);
  }
}, 300_000);

test('kill -9 at 50 random moments during a 200-revision upgrade: always a revision boundary, reruns complete', async () => {
  const { dir: d, cleanup: done } = tempProject('retort-pg-kill-');
  try {
    linear(200, d);
    const random = seeded(1123);
    // Kill moments spread over a whole run as long as it takes on this machine.
    const started = performance.now();
    expect(retortJson(d, ['upgrade', 'head', '--url', db.url({ schema: 'kill_timing' })]).code).toBe(0);
    const duration = performance.now() - started;
    let interrupted = 0;
    const trials = Number(process.env['RETORT_KILL_TRIALS'] ?? 50);
    for (let trial = 0; trial < trials; trial += 1) {
      const schema = `kill_${trial}`;
      const url = db.url({ schema });
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'upgrade', 'head', '-q', '--url', url], { cwd: d, stdio: 'ignore', env: cliEnv(d) });
        const timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(duration * (0.05 + 0.85 * random())));
        child.on('exit', (exitCode) => {
          clearTimeout(timer);
          resolve(exitCode);
        });
      });
      if (code !== 0) interrupted += 1;
      const exists = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = '${schema}' AND table_name = 'retort_version'`);
      const rows = exists[0]?.n ? await db.query<{ revision: string }>(`SELECT revision FROM ${schema}.retort_version`) : [];
      expect(rows.length).toBeLessThanOrEqual(1);
      const at = rows.length === 0 ? 0 : Number(rows[0]!.revision.slice(1));
      const tables = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = '${schema}' AND table_name ~ '^t[0-9]+$'`);
      expect(tables[0]?.n).toBe(at);
      const rerun = retortJson(d, ['upgrade', 'head', '--url', url]);
      expect(rerun.json).toMatchObject({ ok: true, heads: [id(200)] });
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
    }
    expect(interrupted).toBeGreaterThan(trials / 2);
  } finally {
    done();
  }
}, 900_000);

test('CREATE INDEX CONCURRENTLY applies and downgrades while another session holds a long read transaction', async () => {
  const { dir: d, cleanup: done } = tempProject('retort-pg-cic-');
  const url = db.url({ schema: 'cic' });
  const reader = await postgresDialect.connect({ url: db.url() });
  try {
    writeRevisionFolder(d, 'a1_tables', { id: 'a1', parents: [] }, {
      'up.sql': 'CREATE TABLE items (id serial PRIMARY KEY, name text);\nCREATE TABLE other (id int);\nINSERT INTO other VALUES (1);\n',
      'down.sql': 'DROP TABLE items;\nDROP TABLE other;\n',
    });
    writeRevisionFolder(d, 'b2_index', { id: 'b2', parents: ['a1'] }, {
      'up.sql': '-- retort:no-transaction\nCREATE INDEX CONCURRENTLY items_name_idx ON items (name);\n',
      'down.sql': '-- retort:no-transaction\nDROP INDEX CONCURRENTLY items_name_idx;\n',
    });
    expect(retortJson(d, ['upgrade', 'a1', '--url', url]).code).toBe(0);
    // A long read transaction on an unrelated table, open for the whole test.
    let release: () => void = () => undefined;
    const held = reader.transaction(async (tx) => {
      await tx.query('SELECT * FROM cic.other');
      await new Promise<void>((resolve) => (release = resolve));
    });
    const up = await retortAsync(d, ['upgrade', 'head', '--json', '--url', url, '--lock-timeout', '20']);
    expect(up.code).toBe(0);
    expect(await db.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'cic' AND indexname = 'items_name_idx'")).toEqual([
      { indexname: 'items_name_idx' },
    ]);
    const down = await retortAsync(d, ['downgrade', 'a1', '--json', '--url', url]);
    expect(down.code).toBe(0);
    expect(await db.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'cic' AND indexname = 'items_name_idx'")).toEqual([]);
    release();
    await held;
  } finally {
    await reader.close();
    done();
  }
}, 120_000);


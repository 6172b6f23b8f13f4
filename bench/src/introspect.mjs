// A no-op `retort check` on a 500-table schema (8 columns, a foreign key, an index and a
// unique constraint each) at head: models, migrations and database agree. Wall time per
// run, process start included (the floor: `node -e 0`). Target < 500 ms on SQLite and on
// PostgreSQL. (Alembic 1.8's no-op autogenerate: 3.4 s on SQLite, 8.4 s on Postgres.)
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { median, tempDir, timeCommand, timeRetort } from './harness.mjs';

const TABLES = 500;
const SERVER = process.env.RETORT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function modelsSource(tables = TABLES) {
  const lines = ["import { table, integer, varchar, text, numeric, boolean, timestamp, index } from 'retort';", ''];
  for (let t = 1; t <= tables; t += 1) {
    lines.push(`export const t${t} = table('t${t}', {`);
    lines.push('  id: integer().primaryKey(),');
    lines.push(`  code: varchar(40).notNull().unique(),`);
    lines.push('  name: varchar(120).notNull(),');
    lines.push('  description: text(),');
    lines.push('  amount: numeric(12, 2),');
    lines.push('  active: boolean().notNull(),');
    lines.push('  created_at: timestamp(),');
    lines.push(t === 1 ? '  parent_id: integer(),' : `  parent_id: integer().references(() => t${t - 1}.id),`);
    lines.push(`}, (t) => [index('t${t}_name_idx').on(t.name)]);`, '');
  }
  return lines.join('\n');
}

async function measure(label, url, runs, env = {}) {
  const { dir, cleanup } = tempDir(`introspect-${label}`);
  try {
    writeFileSync(join(dir, 'models.ts'), modelsSource());
    writeFileSync(join(dir, 'retort.config.json'), JSON.stringify({ url, dir: 'migrations', models: 'models.ts' }));
    timeRetort(['init', '-q'], dir, env);
    timeRetort(['revision', '--autogenerate', '-m', 'five hundred tables', '-q'], dir, env);
    timeRetort(['upgrade', '-q'], dir, env);
    const first = timeRetort(['check', '--json'], dir, env);
    if (!JSON.parse(first.stdout).clean) throw new Error(`check is not clean on ${label}: ${first.stdout.slice(0, 2000)}`);
    const times = [];
    for (let i = 0; i < runs; i += 1) times.push(timeRetort(['check', '-q'], dir, env).ms);
    return median(times);
  } finally {
    cleanup();
  }
}

export async function run({ runs = 7 } = {}) {
  const node = median(Array.from({ length: 5 }, () => timeCommand(process.execPath, ['-e', '0']).ms));
  const name = `retort_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    const results = [
      ['SQLite', await measure('sqlite', 'sqlite:./dev.db', runs)],
      ['PostgreSQL', await measure('postgres', url.toString(), runs)],
    ];
    console.log(`no-op retort check, ${TABLES} tables, median of ${runs} runs, wall time incl. process start (node -e 0: ${node.toFixed(0)} ms)`);
    let ok = true;
    for (const [label, ms] of results) {
      if (ms >= 500) ok = false;
      console.log(`${label.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms  ${ms < 500 ? 'ok (< 500 ms)' : 'OVER 500 ms'}`);
    }
    return ok;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

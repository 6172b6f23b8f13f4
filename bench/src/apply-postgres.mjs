// 1,000 single-table revisions up, then down to base, on PostgreSQL: `retort upgrade head`
// / `retort downgrade base` against the raw floor (floor-postgres.mjs: the same statements
// and version updates through pg, a transaction per revision), both as fresh Node
// processes, alternated, median of N runs. Target ≤ 1.15×.
import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { writeLinearTables } from './fixtures.mjs';
import { median, report, tempDir, timeCommand, timeRetort } from './harness.mjs';

const FLOOR = fileURLToPath(new URL('./floor-postgres.mjs', import.meta.url));
const SERVER = process.env.RETORT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function run({ runs = 3 } = {}) {
  const { dir, cleanup } = tempDir('apply-postgres');
  const name = `retort_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    const migrations = join(dir, 'migrations');
    const ids = writeLinearTables(migrations, 1000);
    const folders = readdirSync(migrations).sort().map((folder, i) => [ids[i], folder]);
    const idsFile = join(dir, 'ids.json');
    writeFileSync(idsFile, JSON.stringify(folders));
    const samples = { toolUp: [], toolDown: [], floorUp: [], floorDown: [] };
    for (let i = 0; i < runs; i += 1) {
      const toolUrl = `${url}?schema=tool_${i}`;
      samples.floorUp.push(timeCommand(process.execPath, [FLOOR, url.toString(), `floor_${i}`, migrations, 'up', idsFile]).ms);
      samples.toolUp.push(timeRetort(['upgrade', 'head', '-q', '--url', toolUrl], dir).ms);
      samples.floorDown.push(timeCommand(process.execPath, [FLOOR, url.toString(), `floor_${i}`, migrations, 'down', idsFile]).ms);
      samples.toolDown.push(timeRetort(['downgrade', 'base', '-q', '-y', '--url', toolUrl], dir).ms);
    }
    console.log(`1,000 revisions on PostgreSQL, ${runs} alternated runs each, median wall time (process start included on both sides)`);
    return report(
      [
        ['upgrade head', median(samples.toolUp), median(samples.floorUp)],
        ['downgrade base', median(samples.toolDown), median(samples.floorDown)],
      ],
      1.15,
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    cleanup();
  }
}

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
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  // Each side of each run gets a fresh database: a catalog already holding thousands of
  // tables slows CREATE TABLE, which would favour whichever side ran first.
  const fresh = async () => {
    const name = `retort_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    return { url: url.toString(), drop: () => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  };
  try {
    const migrations = join(dir, 'migrations');
    const ids = writeLinearTables(migrations, 1000);
    const folders = readdirSync(migrations).sort().map((folder, i) => [ids[i], folder]);
    const idsFile = join(dir, 'ids.json');
    writeFileSync(idsFile, JSON.stringify(folders));
    const samples = { toolUp: [], toolDown: [], floorUp: [], floorDown: [] };
    const floor = async () => {
      const db = await fresh();
      try {
        samples.floorUp.push(timeCommand(process.execPath, [FLOOR, db.url, 'bench', migrations, 'up', idsFile]).ms);
        samples.floorDown.push(timeCommand(process.execPath, [FLOOR, db.url, 'bench', migrations, 'down', idsFile]).ms);
      } finally {
        await db.drop();
      }
    };
    const tool = async () => {
      const db = await fresh();
      try {
        const url = `${db.url}?schema=bench`;
        samples.toolUp.push(timeRetort(['upgrade', 'head', '-q', '--url', url], dir).ms);
        samples.toolDown.push(timeRetort(['downgrade', 'base', '-q', '-y', '--url', url], dir).ms);
      } finally {
        await db.drop();
      }
    };
    for (let i = 0; i < runs; i += 1) {
      if (i % 2 === 0) {
        await floor();
        await tool();
      } else {
        await tool();
        await floor();
      }
    }
    console.log(`1,000 revisions on PostgreSQL, ${runs} alternated runs each on fresh databases, median wall time (process start included on both sides)`);
    return report(
      [
        ['upgrade head', median(samples.toolUp), median(samples.floorUp)],
        ['downgrade base', median(samples.toolDown), median(samples.floorDown)],
      ],
      1.15,
    );
  } finally {
    await admin.end();
    cleanup();
  }
}

// 1,000 single-table revisions applied to a fresh SQLite file, then downgraded to base:
// `retort upgrade head` / `retort downgrade base` against the raw floor (floor-sqlite.mjs),
// both as fresh Node processes, alternated, median of N runs. Target ≤ 1.2×.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLinearTables } from './fixtures.mjs';
import { median, report, tempDir, timeCommand, timeRetort } from './harness.mjs';

const FLOOR = fileURLToPath(new URL('./floor-sqlite.mjs', import.meta.url));

export async function run({ runs = 3 } = {}) {
  const { dir, cleanup } = tempDir('apply-sqlite');
  try {
    const migrations = join(dir, 'migrations');
    const ids = writeLinearTables(migrations, 1000);
    const folders = readdirSync(migrations).sort().map((folder, i) => [ids[i], folder]);
    const idsFile = join(dir, 'ids.json');
    writeFileSync(idsFile, JSON.stringify(folders));
    const samples = { toolUp: [], toolDown: [], floorUp: [], floorDown: [] };
    for (let i = 0; i < runs; i += 1) {
      for (const f of ['tool.db', 'floor.db']) rmSync(join(dir, f), { force: true });
      samples.floorUp.push(timeCommand(process.execPath, [FLOOR, join(dir, 'floor.db'), migrations, 'up', idsFile]).ms);
      samples.toolUp.push(timeRetort(['upgrade', 'head', '-q', '--url', 'sqlite:./tool.db'], dir).ms);
      samples.floorDown.push(timeCommand(process.execPath, [FLOOR, join(dir, 'floor.db'), migrations, 'down', idsFile]).ms);
      samples.toolDown.push(timeRetort(['downgrade', 'base', '-q', '-y', '--url', 'sqlite:./tool.db'], dir).ms);
    }
    console.log(`1,000 revisions, ${runs} alternated runs each, median wall time (process start included on both sides)`);
    return report(
      [
        ['upgrade head', median(samples.toolUp), median(samples.floorUp)],
        ['downgrade base', median(samples.toolDown), median(samples.floorDown)],
      ],
      1.2,
    );
  } finally {
    cleanup();
  }
}

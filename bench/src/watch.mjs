// Watch mode latency: a 100-table model over a 200-revision history. From saving models.ts
// to the draft's files complete on disk (retort watch in its own process; this process saves
// and polls). Targets: p50 < 150 ms and p95 < 300 ms; with --apply on SQLite p50 < 250 ms.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentile, RETORT_BIN, tempDir } from './harness.mjs';

const TABLES = 100;
const pad = (n) => String(n).padStart(4, '0');

export function writeProject(dir) {
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations, { recursive: true });
  const columns = Array.from({ length: TABLES }, () => ['id', 'name', 'created_at']);
  let parent = null;
  for (let r = 1; r <= 200; r += 1) {
    const id = `w${pad(r)}`;
    const folder = join(migrations, `${id}_rev`);
    mkdirSync(folder);
    let up;
    let down;
    if (r <= TABLES) {
      up = `CREATE TABLE "t${r}" ("id" integer NOT NULL, "name" varchar(100) NOT NULL, "created_at" text DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY ("id"));\n`;
      down = `DROP TABLE "t${r}";\n`;
    } else {
      const t = r - TABLES;
      up = `ALTER TABLE "t${t}" ADD COLUMN "note" text;\n`;
      down = `ALTER TABLE "t${t}" DROP COLUMN "note";\n`;
      columns[t - 1].push('note');
    }
    writeFileSync(join(folder, 'meta.json'), JSON.stringify({ version: 1, id, parents: parent ? [parent] : [], message: `rev ${r}` }));
    writeFileSync(join(folder, 'up.sql'), up);
    writeFileSync(join(folder, 'down.sql'), down);
    parent = id;
  }
  writeFileSync(join(dir, 'retort.config.json'), JSON.stringify({ url: 'sqlite:./dev.db', dir: 'migrations', models: 'models.ts' }));
  return columns;
}

export function modelsSource(columns, extra) {
  const lines = ["import { table, integer, varchar, text, sql } from 'retort';", ''];
  columns.forEach((cols, i) => {
    const t = i + 1;
    lines.push(`export const t${t} = table('t${t}', {`);
    lines.push('  id: integer().primaryKey(),');
    lines.push('  name: varchar(100).notNull(),');
    lines.push('  created_at: text().default(sql`CURRENT_TIMESTAMP`),');
    if (cols.includes('note')) lines.push('  note: text(),');
    if (extra && extra.table === t) lines.push(`  ${extra.column}: integer(),`);
    lines.push('});', '');
  });
  return lines.join('\n');
}

async function measure(apply, saves) {
  const { dir, cleanup } = tempDir(apply ? 'watch-apply' : 'watch');
  try {
    const columns = writeProject(dir);
    writeFileSync(join(dir, 'models.ts'), modelsSource(columns));
    const child = spawn(process.execPath, [RETORT_BIN, 'watch', ...(apply ? ['--apply', '-y'] : [])], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 60_000;
    while (!/no changes|draft/.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`watch did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const draft = join(dir, 'migrations', '_draft', 'up.sql');
    const latencies = [];
    for (let i = 1; i <= saves; i += 1) {
      const column = `bench_${i}`;
      const table = 1 + ((i * 37) % TABLES);
      await new Promise((r) => setTimeout(r, 150));
      const t0 = performance.now();
      writeFileSync(join(dir, 'models.ts'), modelsSource(columns, { table, column }));
      for (;;) {
        if (draftIncludes(draft, `"${column}"`)) break;
        if (performance.now() - t0 > 10_000) throw new Error(`no draft for ${column}:\n${output.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      latencies.push(performance.now() - t0);
    }
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    return latencies;
  } finally {
    cleanup();
  }
}

// The draft folder is replaced whole (a new folder renamed into place), so for a moment
// between two renames it is not there: a miss, not an error.
function draftIncludes(file, text) {
  try {
    return readFileSync(file, 'utf8').includes(text);
  } catch (error) {
    if (error.code === 'ENOENT') return false;
    throw error;
  }
}

export async function run({ runs = 30 } = {}) {
  console.log(`${TABLES}-table model, 200-revision history, ${runs} saves each; save -> draft files complete on disk`);
  let ok = true;
  for (const [label, apply, p50Limit, p95Limit] of [
    ['retort watch', false, 150, 300],
    ['retort watch --apply (SQLite)', true, 250, undefined],
  ]) {
    const latencies = await measure(apply, runs);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const pass = p50 < p50Limit && (p95Limit === undefined || p95 < p95Limit);
    if (!pass) ok = false;
    console.log(
      `${label.padEnd(32)} p50 ${p50.toFixed(0).padStart(4)} ms (< ${p50Limit})  p95 ${p95.toFixed(0).padStart(4)} ms${p95Limit ? ` (< ${p95Limit})` : ''}  ${pass ? 'ok' : 'OVER'}`,
    );
  }
  return ok;
}

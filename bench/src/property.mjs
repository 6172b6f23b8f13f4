// The schema round-trip property tests with more pairs than CI runs (RETORT_PROPERTY_RUNS,
// default here 5,000 per dialect): applying up to a database at A yields exactly B, down
// returns to A, rows in surviving columns are kept. Runs the packages' own jest suites.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

const SUITES = [
  ['@retort/schema (pure diff/reverse/apply)', 'packages/schema', 'src/diff.property'],
  ['@retort/dialect-sqlite (real SQLite)', 'packages/dialect-sqlite', 'src/sqlite-schema-dialect.property'],
  ['@retort/dialect-postgres (real PostgreSQL)', 'packages/dialect-postgres', 'src/postgres-property'],
];

export async function run({ runs = 5000 } = {}) {
  let ok = true;
  for (const [label, dir, pattern] of SUITES) {
    const started = performance.now();
    const result = spawnSync('pnpm', ['exec', 'jest', pattern], {
      cwd: join(ROOT, dir),
      encoding: 'utf8',
      env: { ...process.env, RETORT_PROPERTY_RUNS: String(runs), NODE_OPTIONS: '--experimental-vm-modules' },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const summary = /Tests:.*$/m.exec(`${result.stdout}\n${result.stderr}`)?.[0] ?? 'no summary';
    if (result.status !== 0) ok = false;
    console.log(`${label.padEnd(44)} ${runs} pairs  ${seconds.padStart(6)} s  ${summary}`);
  }
  return ok;
}

// Test harness for the lab: runs the real CLI on this example's migrations against a
// throwaway SQLite file or a PostgreSQL database created for the test file, and reads the
// result back through the dialects (introspection, plain queries). No mocks.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
export { DIALECTS, ignoringColumnOrder, type CliRun, PG_SERVER_URL, postgresDatabase, postgresSchemaDialect, sqliteDatabase, type LabDatabase } from '@retort/example-lab-kit';
import { cliRunner, type CliRun, type LabDatabase } from '@retort/example-lab-kit';

/** This example's folder (the project the CLI runs in). */
export const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url));

const cli = cliRunner(PROJECT_DIR);
afterAll(() => cli.cleanup());

/** Runs `retort <args>` in `cwd` (default: this example) with colours off. */
export const retort = cli.retort;

/** Runs the CLI with --json, fails on a non-zero exit, and parses the one document it prints. */
export function retortJson<T = Record<string, unknown>>(args: readonly string[], options: { cwd?: string } = {}): T {
  const run = retort([...args, '--json'], options);
  if (run.code !== 0) throw new Error(`retort ${args.join(' ')} exited with ${run.code}:\n${run.stdout}${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** Runs the CLI against `db`, failing the test on a non-zero exit. */
export function migrate(db: LabDatabase, ...args: string[]): CliRun {
  const run = retort([...args, '--url', db.url()]);
  if (run.code !== 0) throw new Error(`retort ${args.join(' ')} exited with ${run.code}:\n${run.stdout}${run.stderr}`);
  return run;
}

/** A copy of this example (config, models, migrations) in a temporary folder, for commands that write. */
export function projectCopy(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'retort-bookstore-'));
  for (const name of ['retort.config.json', 'models.ts', 'migrations']) cpSync(join(PROJECT_DIR, name), join(dir, name), { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Test harness for the lab: copies this example into a temporary folder, writes the .env
// that gives DIRECT_URL (a throwaway SQLite file or a PostgreSQL database created for the
// test file), runs the real CLI there, and reads the result back through the dialects
// (introspection, plain queries). No mocks.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
export { DIALECTS, ignoringColumnOrder, PG_SERVER_URL, postgresDatabase, postgresSchemaDialect, sqliteDatabase, type LabDatabase } from '@retort/example-lab-kit';
import type { LabDatabase } from '@retort/example-lab-kit';

/** This example's folder (the project the CLI runs in). */
export const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(PROJECT_DIR, 'node_modules', 'retort', 'bin', 'retort.js');

/** What a CLI run printed and how it exited. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// Each test file replays the migrations into its own cache, never one a different build of
// Retort left in the example's node_modules/.cache (its entries are not keyed by version).
const CACHE_DIR = mkdtempSync(join(tmpdir(), 'retort-lab-cache-'));
afterAll(() => rmSync(CACHE_DIR, { recursive: true, force: true }));

/** Runs `retort <args>` in `cwd` (default: this example) with colours off. */
export function retort(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', RETORT_USER: 'lab-test', RETORT_CACHE_DIR: CACHE_DIR, ...options.env };
  delete env['FORCE_COLOR'];
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? PROJECT_DIR, encoding: 'utf8', env });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}



/** A copy of this example in a temporary folder, its .env pointing at a database. */
export interface LabProject {
  readonly dir: string;
  /** Runs `retort <args>` in the copy (the URL comes from its .env). */
  run(...args: string[]): CliRun;
  /** Like run, failing the test on a non-zero exit. */
  migrate(...args: string[]): CliRun;
  /** Writes .env with DIRECT_URL (what the README tells a new user to do). */
  writeEnv(url: string): void;
  cleanup(): void;
}

/** Copies models.ts, retort.config.ts, .env.example and migrations/ into a temporary folder. */
export function labProject(): LabProject {
  const dir = mkdtempSync(join(tmpdir(), 'retort-blog-'));
  for (const name of ['models.ts', 'retort.config.ts', '.env.example', 'migrations']) {
    cpSync(join(PROJECT_DIR, name), join(dir, name), { recursive: true });
  }
  // retort.config.ts imports defineConfig from 'retort', resolved through the example's dependencies.
  symlinkSync(join(PROJECT_DIR, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const project: LabProject = {
    dir,
    run: (...args) => retort(args, { cwd: dir }),
    migrate: (...args) => {
      const run = project.run(...args);
      if (run.code !== 0) throw new Error(`retort ${args.join(' ')} exited with ${run.code}:\n${run.stdout}${run.stderr}`);
      return run;
    },
    writeEnv: (url) => writeFileSync(join(dir, '.env'), `DIRECT_URL=${url}\n`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return project;
}

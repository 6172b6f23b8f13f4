// Test harness for the lab: runs the real CLI on this example's migrations against a
// throwaway SQLite file or a PostgreSQL database created for the test file, and reads the
// result back through the dialects (introspection, plain queries). No mocks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

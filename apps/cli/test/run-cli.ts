import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'retort.cjs');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const baseEnv = { ...process.env, NO_COLOR: '1', RETORT_USER: 'tester' };
delete (baseEnv as Record<string, string | undefined>)['FORCE_COLOR'];

/** Runs the built CLI synchronously in `cwd`. */
// Caches live inside each temporary project, so they go away with it.
const cacheEnv = (cwd: string) => ({ RETORT_CACHE_DIR: join(cwd, '.retort-cache') });

/** The environment CLI runs in tests get: no colours, a fixed user, caches inside `cwd`. */
export function cliEnv(cwd: string): NodeJS.ProcessEnv {
  return { ...baseEnv, ...cacheEnv(cwd) };
}

export function retort(cwd: string, args: readonly string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...baseEnv, ...cacheEnv(cwd), ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI with --json and parses the one document it must print. */
export function retortJson<T = Record<string, unknown>>(cwd: string, args: readonly string[], env: Record<string, string> = {}): { code: number; json: T; stderr: string } {
  const run = retort(cwd, [...args, '--json'], env);
  const lines = run.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one JSON line on stdout, got:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return { code: run.code, json: JSON.parse(lines[0]!) as T, stderr: run.stderr };
}

/** Runs the CLI asynchronously (for concurrency tests). */
export function retortAsync(cwd: string, args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...baseEnv, ...cacheEnv(cwd) } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A temporary project folder, removed by `cleanup`. */
export function tempProject(prefix = 'retort-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a revision folder by hand (as a DBA would). */
export function writeRevisionFolder(
  dir: string,
  folder: string,
  meta: Record<string, unknown>,
  files: Record<string, string> = {},
): void {
  const path = join(dir, 'migrations', folder);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'meta.json'), JSON.stringify({ version: 1, ...meta }, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a CLI run printed and how it exited. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of one CLI run. */
export interface CliRunOptions {
  /** Folder to run in; default the example's project folder. */
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

/**
 * Runs the real `retort` of an example (its node_modules/retort) with colours off, a fixed
 * user and a cache of its own (never one another build of Retort left behind); call
 * `cleanup()` after the test file.
 *
 * @example
 * ```ts
 * const cli = cliRunner(PROJECT_DIR);
 * afterAll(() => cli.cleanup());
 * cli.retort(['upgrade', 'head', '--url', 'sqlite:./lab.db']);
 * ```
 */
export function cliRunner(projectDir: string): { retort(args: readonly string[], options?: CliRunOptions): CliRun; cleanup(): void } {
  const cli = join(projectDir, 'node_modules', 'retort');
  const bin = join(cli, (JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8')) as { bin: { retort: string } }).bin.retort);
  const cacheDir = mkdtempSync(join(tmpdir(), 'retort-lab-cache-'));
  return {
    retort: (args, options = {}) => {
      const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', RETORT_USER: 'lab-test', RETORT_CACHE_DIR: cacheDir, ...options.env };
      delete env['FORCE_COLOR'];
      const result = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? projectDir, encoding: 'utf8', env });
      return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
    cleanup: () => rmSync(cacheDir, { recursive: true, force: true }),
  };
}

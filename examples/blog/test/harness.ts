// Test harness for the lab: copies this example into a temporary folder, writes the .env
// that gives DIRECT_URL (a throwaway SQLite file or a PostgreSQL database created for the
// test file), runs the real CLI there, and reads the result back through the dialects
// (introspection, plain queries). No mocks.
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

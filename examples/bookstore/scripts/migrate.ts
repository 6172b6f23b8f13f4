// scripts/migrate.ts: the bookstore's migration script on Retort's programmatic API
// (@retort/core with the two dialects), for teams that wire migrations into their own
// tooling instead of calling the CLI. Build with `pnpm build`, run with `pnpm migrate <command>`.
import { userInfo } from 'node:os';
import { relative } from 'node:path';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isRetortError, type MigrateResult, type RunEvent } from '@retort/core';
import { openBookstore, type Bookstore } from './bookstore-project.js';
import { historyOf } from './history-entries.js';
import { downgradeTo, resetDatabase, statusOf, upgradeTo } from './migrate-commands.js';
import { createSequentialRevision } from './sequential-revision.js';
import { validateHistory } from './validate-history.js';

/** Where {@link main} reads its environment and writes its output. */
export interface MigrateIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly now?: () => Date;
}

const USAGE = `Usage: migrate <command> [options]

Commands:
  status                    current revision, pending revisions, changed SQL
  create <message>          a new revision numbered after the last (0007_<slug>/)
  upgrade [target]          apply revisions up to target (default: head)
  downgrade [target]        revert revisions down to target (default: -1)
  history [--verbose]       every revision, newest first
  reset --force             downgrade to base: drops every table and its data
  validate                  one head, ids in sequence, every revision reversible, no changed SQL

Options:
  --url <url>               database URL instead of the one in retort.config.json
`;

/**
 * Runs one command and returns the exit code: 0 done, 1 failed while running, 2 bad usage
 * or input, 3 validate found problems.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['upgrade', 'head'], { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function main(argv: readonly string[], io: MigrateIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { url: { type: 'string' }, verbose: { type: 'boolean', short: 'v' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr.write(`error ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, argument] = parsed.positionals;
  const { values } = parsed;
  if (values.help || command === undefined) {
    (values.help ? io.stdout : io.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  const line = (text: string) => io.stdout.write(`${text}\n`);
  try {
    const bookstore = await openBookstore({ cwd: io.cwd, env: io.env, url: values.url });
    const run = { executedBy: io.env['USER'] ?? safeUser(), onEvent: (event: RunEvent) => progress(event, io, bookstore) };
    switch (command) {
      case 'status': {
        const result = await statusOf(bookstore);
        line(`Database: ${result.current.length ? result.current.join(', ') : 'base (empty)'}`);
        line(result.pending.length ? `Pending: ${result.pending.join(', ')}` : 'Up to date.');
        for (const d of result.differences) if (d.kind !== 'pending') line(`${d.kind}: ${d.message}`);
        return 0;
      }
      case 'create': {
        const created = createSequentialRevision(bookstore.project, argument ?? '', (io.now ?? (() => new Date()))());
        line(`Created ${relative(io.cwd, created.path)}/ (meta.json, up.sql, down.sql) on top of ${created.parents[0] ?? 'base'}.`);
        return 0;
      }
      case 'upgrade':
        return report(await upgradeTo(bookstore, argument ?? 'head', run), line);
      case 'downgrade':
        return report(await downgradeTo(bookstore, argument ?? '-1', run), line);
      case 'reset':
        return report(await resetDatabase(bookstore, { ...run, force: Boolean(values.force) }), line);
      case 'history':
        for (const entry of await historyOf(bookstore)) {
          const marks = `${entry.head ? ' (head)' : ''}${entry.current ? ' (current)' : ''}`;
          line(`${entry.parents.join(', ') || '<base>'} -> ${entry.id}${marks}, ${entry.message}`);
          if (values.verbose) line(`    Path: ${entry.path}\n    Created: ${entry.createdAt ?? 'unknown'}\n    Applied: ${entry.applied ? 'yes' : 'no'}`);
        }
        return 0;
      case 'validate': {
        const result = await validateHistory(bookstore);
        for (const problem of result.problems) line(`problem: ${problem}`);
        line(result.ok ? `✓ ${result.revisions} revisions: one head, in sequence, reversible, unchanged.` : `${result.problems.length} problem(s) in ${result.revisions} revisions.`);
        return result.ok ? 0 : 3;
      }
      default:
        io.stderr.write(`error Unknown command '${command}'.\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (!isRetortError(error)) throw error;
    io.stderr.write(`error ${error.message}\n`);
    return error.exitCode;
  }
}

function report(result: MigrateResult, line: (text: string) => void): number {
  const verb = result.command === 'upgrade' ? 'applied' : 'reverted';
  const where = result.heads.length ? result.heads.join(', ') : 'base';
  line(result.steps.length === 0 ? `Nothing to ${result.command}; the database is at ${where}.` : `${result.steps.length} revision(s) ${verb}; now at ${where}.`);
  return 0;
}

function progress(event: RunEvent, io: MigrateIo, bookstore: Bookstore): void {
  if (event.type === 'step-done') {
    const message = bookstore.project.byId.get(event.step.revision)?.message ?? '';
    io.stderr.write(`${event.step.direction === 'up' ? '↑' : '↓'} ${event.step.revision} ${message} (${event.ms} ms)\n`);
  }
  if (event.type === 'log') io.stderr.write(`  ${event.message}\n`);
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
}

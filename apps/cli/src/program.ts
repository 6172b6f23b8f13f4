import { Command, Option } from 'commander';
import type { ProcessFacts } from './cli-context.js';
import { COMMANDS } from './commands/index.js';
import { VERSION } from './version.js';


/**
 * Builds the commander program: global options (accepted before or after the command) and
 * every command from the explicit command list.
 *
 * @example
 * ```ts
 * await buildProgram(facts).parseAsync(['node', 'retort', 'heads']);
 * ```
 */
export function buildProgram(facts: ProcessFacts): Command {
  const program = new Command('retort')
    .description('Plain-SQL database migrations with an Alembic-grade revision graph.')
    .version(VERSION, '-V, --version')
    .option('-c, --config <file>', 'config file (default: retort.config.{ts,json} found upward)')
    .option('--url <url>', 'database URL: sqlite:./dev.db, sqlite::memory:, postgres://user@host:5432/db?schema=app')
    .option('--dir <dir>', 'migrations folder (default: ./migrations)')
    .option('--env <name>', 'named environment from the config (dev, staging, prod...)')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('-q, --quiet', 'print only errors and warnings')
    .option('--debug', 'print stack traces and causes of errors')
    .option('--no-color', 'disable colours (NO_COLOR is respected too)')
    .option('-y, --yes', 'answer yes to confirmations (destructive commands outside development)')
    .addOption(new Option('--lock-timeout <seconds>', 'wait this long for another runner\'s lock (default 60)'))
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => facts.stdout.write(text),
      writeErr: (text) => facts.stderr.write(text),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Examples:
  $ retort init                          create ./migrations and retort.config.json
  $ retort revision -m "create users"    a new revision folder: up.sql, down.sql, meta.json
  $ retort upgrade head                  apply everything pending
  $ retort history --graph               the revision graph, newest first
  $ retort downgrade -1 --dry-run        what stepping back one revision would run

Exit codes: 0 success, 1 failure while running, 2 bad usage or input, 3 differences found (check).`,
  );
  for (const register of COMMANDS) register(program, facts);
  return program;
}

import { Command, Option } from 'commander';
import type { ProcessFacts } from './cli-context.js';
import { COMMAND_GROUPS, type CommandGroup } from './commands/index.js';
import { VERSION } from './version.js';


/**
 * Builds the commander program: global options (accepted before or after the command) and
 * the commands. Given the arguments it will parse, it registers only the group of the
 * command they name (setting up all ~20 commands costs ~10 ms of every run); without them,
 * or when they name no command (`--help`, `help history`, a typo to suggest a fix for),
 * every group.
 *
 * @example
 * ```ts
 * await buildProgram(facts, ['heads']).parseAsync(['node', 'retort', 'heads']);
 * ```
 */
export function buildProgram(facts: ProcessFacts, argv?: readonly string[]): Command {
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
  const named = argv === undefined ? undefined : commandGroupOf(argv, program);
  for (const group of named ? [named] : COMMAND_GROUPS) group.register(program, facts);
  return program;
}

/**
 * The group of the command `argv` runs: its first argument that is neither an option nor
 * the value of a global option taking one. Undefined when that is not a command name.
 */
function commandGroupOf(argv: readonly string[], program: Command): CommandGroup | undefined {
  const takesValue = new Set<string>();
  for (const option of program.options) {
    if (!option.required && !option.optional) continue;
    if (option.short) takesValue.add(option.short);
    if (option.long) takesValue.add(option.long);
  }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (!arg.startsWith('-')) return COMMAND_GROUPS.find((group) => group.names.includes(arg));
    if (takesValue.has(arg)) i += 1;
  }
  return undefined;
}

import { downgrade, upgrade, type Executor, type MigrateResult, type Settings } from '@retort/core';
import type { Command } from 'commander';
import type { ProcessFacts } from '../cli-context.js';
import { wrapHandler, type CommandResult } from '../wrap-handler.js';
import type { CliContext } from '../cli-context.js';
import { confirmDestructive, databaseTarget, executedBy, loadProject, progressReporter, TOOL_VERSION } from './common.js';

interface MigrateFlags {
  readonly sql?: boolean;
  readonly dryRun?: boolean;
  readonly atomic?: boolean;
}

/** `retort upgrade [target]` and `retort downgrade <target>`. */
export function registerMigrate(program: Command, facts: ProcessFacts): void {
  program
    .command('upgrade')
    .argument('[target]', 'revision to upgrade to (head, heads, <id>, <prefix>, label@head, +1, <rev>+2...)', 'head')
    .description('Apply pending revisions up to a target.')
    .option('--sql', 'print the SQL instead of running it (offline; target may be <from>:<to>)')
    .option('--dry-run', 'plan against the database and show what would run; change nothing')
    .option('--atomic', 'run the whole plan in one transaction')
    .addHelpText(
      'after',
      `
Examples:
  $ retort upgrade                    everything pending (same as: upgrade head)
  $ retort upgrade heads              every branch to its head
  $ retort upgrade +2                 the next two revisions
  $ retort upgrade reviews@head       the 'reviews' branch to its head
  $ retort upgrade base:head --sql    SQL for a fresh database, to run with psql -f / sqlite3
  $ retort upgrade head --dry-run --json`,
    )
    .action(wrapHandler(facts, (ctx, args, options: MigrateFlags) => run(ctx, 'upgrade', String(args[0] ?? 'head'), options)));

  program
    .command('downgrade')
    .argument('<target>', 'revision to downgrade to (base, -1, <id>, label@-1, head-1...)')
    .description('Revert applied revisions down to a target.')
    .option('--sql', 'print the SQL instead of running it (offline; target must be <from>:<to>)')
    .option('--dry-run', 'plan against the database and show what would run; change nothing')
    .option('--atomic', 'run the whole plan in one transaction')
    .addHelpText(
      'after',
      `
Examples:
  $ retort downgrade -1               revert the last revision
  $ retort downgrade base             revert everything
  $ retort downgrade reviews@base     revert the 'reviews' branch only
  $ retort downgrade head:base --sql  SQL that reverts everything, offline`,
    )
    .action(wrapHandler(facts, (ctx, args, options: MigrateFlags) => run(ctx, 'downgrade', String(args[0]), options)));
}

async function run(ctx: CliContext, command: 'upgrade' | 'downgrade', target: string, flags: MigrateFlags): Promise<CommandResult> {
  const { settings, project } = await loadProject(ctx);
  const database = await databaseTarget(settings);
  if (command === 'downgrade' && !flags.sql && !flags.dryRun) await confirmDestructive(ctx, settings, `Downgrade to '${target}'`);
  const progress = progressReporter(ctx, project);
  let result: MigrateResult;
  try {
    const options = {
      project,
      target,
      database,
      offline: flags.sql,
      dryRun: flags.dryRun,
      atomic: flags.atomic,
      lockTimeoutMs: settings.lockTimeoutMs,
      executedBy: executedBy(ctx),
      toolVersion: TOOL_VERSION,
      onEvent: progress.onEvent,
      introspect: introspector(ctx, settings),
    };
    result = command === 'upgrade' ? await upgrade(options) : await downgrade(options);
  } finally {
    progress.stop();
  }
  const json: Record<string, unknown> = { command: result.command, dryRun: result.dryRun, steps: result.steps, heads: result.heads };
  if (result.sql !== undefined) json['sql'] = result.sql;
  return {
    json,
    print: () => {
      const out = ctx.out;
      if (result.sql !== undefined) {
        out.raw(result.sql);
        return;
      }
      const verb = result.dryRun ? 'would run' : command === 'upgrade' ? 'applied' : 'reverted';
      if (result.steps.length === 0) out.line(`Nothing to ${command}; the database is at ${describeHeads(result.heads)}.`);
      else {
        if (result.dryRun) for (const step of result.steps) out.line(`${step.direction === 'up' ? '↑' : '↓'} ${step.revision}`);
        out.line(`${out.c.green('✓')} ${result.steps.length} revision${result.steps.length === 1 ? '' : 's'} ${verb}; now at ${describeHeads(result.heads)}.`);
      }
    },
  };
}

/** ctx.introspect() for up.ts: the schema dialect is loaded only when a step asks for it. */
function introspector(ctx: CliContext, settings: Settings): (executor: Executor) => Promise<unknown> {
  return async (executor) => {
    const { schemaTools } = await import('../schema-tools.js');
    const tools = await schemaTools(settings, (await ctx.config()).root, ctx.facts.env);
    return tools.schemaDialect.introspect(executor, tools.introspectOptions);
  };
}

function describeHeads(heads: readonly string[]): string {
  return heads.length === 0 ? 'base' : heads.join(', ');
}

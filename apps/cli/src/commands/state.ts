import { current as readCurrent, ensureVersion, stamp, status } from '@retort/core';
import type { Command } from 'commander';
import type { ProcessFacts } from '../cli-context.js';
import { wrapHandler } from '../wrap-handler.js';
import { confirmDestructive, databaseTarget, loadProject } from './common.js';
import { revisionLine } from './format-revision.js';

/** `current`, `stamp`, `ensure-version`: the database's version rows. */
export function registerState(program: Command, facts: ProcessFacts): void {
  program
    .command('current')
    .description('Show the revision(s) the database is at.')
    .option('-v, --verbose', 'show each current revision in full')
    .option('--check-heads', 'exit 3 unless every head of the graph is applied')
    .addHelpText('after', '\nExamples:\n  $ retort current\n  $ retort current --check-heads   # in CI: is the database up to date?')
    .action(
      wrapHandler(facts, async (ctx, _args, options: { verbose?: boolean; checkHeads?: boolean }) => {
        const settings = await ctx.settings();
        const heads = await readCurrent(await databaseTarget(settings));
        let behind: string[] = [];
        let project: Awaited<ReturnType<typeof loadProject>>['project'] | undefined;
        if (options.checkHeads || !ctx.out.json) {
          project = (await loadProject(ctx)).project;
          if (options.checkHeads) {
            const applied = new Set(heads);
            behind = project.graph.heads.filter((head) => !applied.has(head));
          }
        }
        const upToDate = behind.length === 0;
        return {
          ok: upToDate,
          exitCode: upToDate ? 0 : 3,
          json: { current: heads, ...(options.checkHeads ? { upToDate, missingHeads: behind } : {}) },
          print: () => {
            if (heads.length === 0) ctx.out.line(ctx.out.c.dim('(base: no revision applied)'));
            for (const head of heads) {
              ctx.out.line(project?.byId.has(head) ? revisionLine(project, head, ctx.out.c) : `${head} ${ctx.out.c.red('(not in the migrations folder)')}`);
            }
            if (!upToDate) ctx.out.warn(`Not at head: ${behind.join(', ')} ${behind.length === 1 ? 'is' : 'are'} not applied; run \`retort upgrade heads\`.`);
          },
        };
      }),
    );

  program
    .command('stamp')
    .argument('<target>', 'revision(s) to record as applied, without running them (head, base, <id>...)')
    .description("Set the version table to a revision without running any migration.")
    .option('--purge', 'delete every version row first (also rows naming unknown revisions)')
    .option('--sql', 'print the SQL instead of running it')
    .option('--dry-run', 'show the resulting version rows; change nothing')
    .addHelpText('after', '\nExamples:\n  $ retort stamp head              a database created another way is at head\n  $ retort stamp base --purge      forget every applied revision')
    .action(
      wrapHandler(facts, async (ctx, args, options: { purge?: boolean; sql?: boolean; dryRun?: boolean }) => {
        const { settings, project } = await loadProject(ctx);
        const target = String(args[0]);
        if (options.purge && !options.sql && !options.dryRun) await confirmDestructive(ctx, settings, `Stamp '${target}' with --purge`);
        const result = await stamp({
          project,
          target,
          database: await databaseTarget(settings),
          purge: options.purge,
          offline: options.sql,
          dryRun: options.dryRun,
          lockTimeoutMs: settings.lockTimeoutMs,
        });
        return {
          json: { heads: result.heads, dryRun: Boolean(options.dryRun), ...(result.sql === undefined ? {} : { sql: result.sql }) },
          print: () => {
            if (result.sql !== undefined) ctx.out.raw(result.sql);
            else ctx.out.line(`${ctx.out.c.green('✓')} ${options.dryRun ? 'Would stamp' : 'Stamped'}: ${result.heads.length ? result.heads.join(', ') : 'base'}.`);
          },
        };
      }),
    );

  program
    .command('status')
    .description('Compare the database with the migrations folder: pending, changed and failed revisions.')
    .option('--check', 'exit 3 when anything differs (for CI)')
    .addHelpText('after', '\nExamples:\n  $ retort status\n  $ retort status --check --json')
    .action(
      wrapHandler(facts, async (ctx, _args, options: { check?: boolean }) => {
        const { settings, project } = await loadProject(ctx);
        const result = await status({ project, database: await databaseTarget(settings) });
        const clean = result.differences.length === 0;
        return {
          ok: !options.check || clean,
          exitCode: options.check && !clean ? 3 : 0,
          json: { current: result.current, pending: result.pending, clean, differences: result.differences },
          print: () => {
            const c = ctx.out.c;
            ctx.out.line(`${c.bold('Current:')} ${result.current.length ? result.current.join(', ') : 'base'}`);
            ctx.out.line(`${c.bold('Pending:')} ${result.pending.length ? result.pending.join(', ') : 'none'}`);
            for (const difference of result.differences) {
              if (difference.kind === 'pending') continue;
              ctx.out.line(`${c.yellow(difference.kind.padEnd(8))} ${difference.message}`);
            }
            if (clean) ctx.out.line(c.green('✓ Up to date.'));
          },
        };
      }),
    );

  program
    .command('ensure-version')
    .description('Create the version and history tables if they do not exist.')
    .option('--sql', 'print the SQL instead of running it')
    .action(
      wrapHandler(facts, async (ctx, _args, options: { sql?: boolean }) => {
        const settings = await ctx.settings();
        const database = await databaseTarget(settings);
        const sql = database.dialect.versionSql(settings.tables).ensureTables();
        if (!options.sql) await ensureVersion(database);
        return {
          json: { tables: [settings.tables.versionTable, settings.tables.historyTable], ...(options.sql ? { sql } : {}) },
          print: () => {
            if (options.sql) ctx.out.raw(sql.endsWith('\n') ? sql : `${sql}\n`);
            else ctx.out.line(`${ctx.out.c.green('✓')} ${settings.tables.versionTable} and ${settings.tables.historyTable} exist.`);
          },
        };
      }),
    );
}

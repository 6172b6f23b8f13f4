import { basename, dirname, join, relative } from 'node:path';
import {

  isRetortError,
  openDatabase,
  openProject,
  RetortError,
  upgrade,
  type Database,
  type Settings,
} from '@retort/core';
import type { Schema } from '@retort/schema';
import type { Command } from 'commander';
import type { CliContext, ProcessFacts } from '../cli-context.js';
import { wrapHandler, type CommandResult } from '../wrap-handler.js';
import { confirmDestructive, databaseTarget, executedBy, TOOL_VERSION } from './common.js';
import { templatesDir } from './templates-dir.js';

interface WatchFlags {
  readonly apply?: boolean;
  readonly once?: boolean;
  readonly models?: string;
  readonly rename?: string[];
}

/** One pass of watch mode, as reported on its status line (and in `--once --json`). */
interface DraftReport {
  readonly outcome: string;
  readonly changes: readonly string[];
  readonly hazards: readonly { code: string; message: string }[];
  readonly ms: number;
  /** Milliseconds per phase (shown with --debug). */
  readonly phases: Readonly<Record<string, number>>;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `retort watch`: keep one draft revision in step with the models. */
export function registerWatch(program: Command, facts: ProcessFacts): void {
  program
    .command('watch')
    .description('Keep a draft revision (migrations/_draft) in step with the models while you edit them.')
    .option('--apply', 'keep the dev database at the draft: down the old draft, up the new')
    .option('--once', 'draft once and exit (for scripts and tests)')
    .option('--models <file>', 'models.ts or schema.sql (default: "models" in the config)')
    .option('--rename <hint>', 'users.old=new or old=new; unhinted drop+add pairs are drafted as drops (never prompts)', collect)
    .addHelpText(
      'after',
      '\nExamples:\n  $ retort watch                  draft while you edit models.ts\n  $ retort watch --apply          ...and keep dev.db at the draft\n  $ retort revision --finalize -m "add bio"    turn the draft into a revision',
    )
    .action(wrapHandler(facts, (ctx, _args, options: WatchFlags) => watch(ctx, options)));
}

async function watch(ctx: CliContext, flags: WatchFlags): Promise<CommandResult> {
  const settings = await ctx.settings();
  const root = (await ctx.config()).root;
  if (flags.apply) await confirmDestructive(ctx, settings, 'Applying drafts (watch --apply)');
  const { describeOperation, planMigration, renameResolverFromHints } = await import('@retort/schema');
  const { schemaTools } = await import('../schema-tools.js');
  const { modelsFile, renameHints } = await import('./schema-plan.js');
  const { draftApplier } = await import('./draft-applier.js');
  const { refreshTypedOutput } = await import('./typed-output.js');
  const tools = await schemaTools(settings, root, ctx.facts.env);
  const models = modelsFile(ctx, settings, root, flags.models);
  const hints = renameHints(settings, flags.rename ?? []);
  const { DraftKeeper, headSchema, loadModels, watchFiles, DRAFT_FOLDER } = await import('@retort/codegen');
  const database = flags.apply ? await openDatabase(await databaseTarget(settings)) : undefined;
  const keeper = new DraftKeeper({
    dir: settings.displayDir,
    templatesDir: templatesDir(settings, root),
    applier: database ? draftApplier(database.connection, tools.dialect, join(settings.displayDir, DRAFT_FOLDER)) : undefined,
  });

  let head: { key: string; schema: Schema } | undefined;
  let migrationsChanged = true;
  const draftOnce = async (): Promise<DraftReport> => {
    const started = performance.now();
    const phases: Record<string, number> = {};
    let mark = started;
    const phase = (name: string) => {
      const now = performance.now();
      phases[name] = Math.round(now - mark);
      mark = now;
    };
    const project = openProject(settings.displayDir);
    const parents = project.graph.heads;
    if (parents.length > 1) {
      throw new RetortError('E_MULTIPLE_HEADS', `The migrations have ${parents.length} heads (${parents.join(', ')}); run \`retort merge\` so the draft has one parent.`);
    }
    if (database) await keepDatabaseAtHead(ctx, settings, database, keeper, parents);
    const key = parents.join(',');
    if (!head || head.key !== key || migrationsChanged) {
      migrationsChanged = false;
      head = { key, schema: await headSchema({ project, ...tools, tables: settings.tables }) };
      await refreshTypedOutput(ctx, settings);
    }
    phase('head');
    const target = await loadModels(models, tools);
    phase('models');
    const plan = planMigration(head.schema, target, {
      dialect: tools.schemaDialect,
      resolveRename: renameResolverFromHints(hints, { otherwise: 'drop' }),
      ...(settings.dialect === 'sqlite' ? { targetVersion: settings.sqliteTarget } : {}),
    });
    phase('diff');
    const outcome = await keeper.update(plan.up.length ? { parents, up: plan.upSql, down: plan.downSql } : undefined);
    phase('write');
    return {
      phases,
      outcome,
      changes: plan.up.map(describeOperation),
      hazards: plan.hazards.map((h) => ({ code: h.code, message: h.message })),
      ms: Math.round(performance.now() - started),
    };
  };

  const report = (result: DraftReport): void => {
    const c = ctx.out.c;
    const time = new Date().toTimeString().slice(0, 8);
    const what: Record<string, string> = {
      created: c.green('draft created'),
      updated: c.green('draft updated'),
      unchanged: c.dim('draft unchanged'),
      removed: c.yellow('draft removed (models match head)'),
      none: c.dim('no changes (models match head)'),
      'kept-edited': c.yellow('draft edited by hand: left alone (finalize it, or delete migrations/_draft)'),
    };
    const changes = result.changes.length ? `: ${result.changes.join(', ')}` : '';
    const hazards = result.hazards.length ? ` ${c.red(`[${[...new Set(result.hazards.map((h) => h.code))].join(', ')}]`)}` : '';
    const detail = ctx.options.debug ? ` ${Object.entries(result.phases).map(([name, ms]) => `${name} ${ms}`).join(', ')}` : '';
    ctx.out.note(`${c.dim(time)} ${what[result.outcome] ?? result.outcome}${changes}${hazards} ${c.dim(`(${result.ms} ms${database ? ', applied' : ''}${detail})`)}`);
  };

  try {
    if (flags.once) {
      const result = await draftOnce();
      return { json: { ...result, draft: keeper.read() ? join(settings.displayDir, DRAFT_FOLDER) : null }, print: () => report(result) };
    }
    const migrationsDir = settings.displayDir;
    const draftDir = join(migrationsDir, DRAFT_FOLDER);
    const watcher = await watchFiles({
      paths: [models, migrationsDir],
      ignored: (path) =>
        path.startsWith(draftDir) ||
        path.includes('node_modules') ||
        /(^|[/\\])\.(tmp|old)-/.test(path) ||
        basename(path) === 'schema.ts' && dirname(path) === migrationsDir,
      onChange: async (changed) => {
        if (changed.length === 0 || changed.some((path) => !relative(migrationsDir, path).startsWith('..'))) migrationsChanged = true;
        try {
          report(await draftOnce());
        } catch (error) {
          // A broken model file or SQL shows its error; watch waits for the next save.
          ctx.out.error(isRetortError(error) ? error.message : error instanceof Error ? error.message : String(error));
        }
      },
    });
    ctx.out.note(`${ctx.out.c.bold('retort watch')}: ${relative(ctx.cwd, models) || models} and ${migrationsDir}/ (Ctrl-C to stop)`);
    await watcher.ready;
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await watcher.close();
    return { json: { stopped: true } };
  } finally {
    await database?.close();
  }
}

/** With --apply the dev database must be at head before a draft goes on top of it. */
async function keepDatabaseAtHead(
  ctx: CliContext,
  settings: Settings,
  database: Database,
  keeper: { revertApplied(): Promise<void>; read(): { applied?: unknown } | undefined },
  heads: readonly string[],
): Promise<void> {
  const applied = await database.readHeads();
  const atHead = applied.length === heads.length && applied.every((id) => heads.includes(id));
  if (atHead) return;
  await keeper.revertApplied();
  await upgrade({
    project: openProject(settings.displayDir),
    target: 'heads',
    database: await databaseTarget(settings),
    lockTimeoutMs: settings.lockTimeoutMs,
    executedBy: executedBy(ctx),
    toolVersion: TOOL_VERSION,
  });
}

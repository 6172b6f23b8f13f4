import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findRevisionFile, isValidRevisionId, RetortError, type Project, type Settings } from '@retort/core';
import type { Command } from 'commander';
import type { CliContext, ProcessFacts } from '../cli-context.js';
import { wrapHandler, type CommandResult } from '../wrap-handler.js';
import { loadProject } from './common.js';
import { templatesDir } from './templates-dir.js';

interface RevisionFlags {
  readonly message?: string;
  readonly head?: string;
  readonly splice?: boolean;
  readonly branchLabel?: string[];
  readonly dependsOn?: string[];
  readonly revId?: string;
  readonly autogenerate?: boolean;
  readonly models?: string;
  readonly rename?: string[];
  readonly finalize?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** `init`, `revision`, `merge`, `edit`: commands that write revision folders. */
export function registerAuthoring(program: Command, facts: ProcessFacts): void {
  program
    .command('init')
    .description('Create the migrations folder and a retort.config.json.')
    .option('--templates', 'also copy the revision templates into ./retort-templates to edit them')
    .addHelpText('after', '\nExamples:\n  $ retort init\n  $ retort init --templates --url postgres://app@localhost/app')
    .action(wrapHandler(facts, (ctx, _args, options: { templates?: boolean }) => init(ctx, Boolean(options.templates))));

  program
    .command('revision')
    .description('Create a new revision folder (meta.json, up.sql, down.sql).')
    .option('-m, --message <message>', 'what the revision does')
    .option('--head <revision>', 'build on this revision instead of head (e.g. a branch head: reviews@head)')
    .option('--splice', 'allow --head to name a revision that is not a head (starts a branch)')
    .option('--branch-label <label>', 'label the new revision (repeatable)', collect)
    .option('--depends-on <revision>', 'revision or branch label this one depends on (repeatable)', collect)
    .option('--rev-id <id>', 'use this id instead of a random one (e.g. 0001)')
    .option('--autogenerate', 'write up.sql and down.sql from the difference between the models and head')
    .option('--models <file>', 'models.ts or schema.sql to autogenerate from (default: "models" in the config)')
    .option('--rename <hint>', 'with --autogenerate: users.old=new (column) or old=new (table); repeatable', collect)
    .option('--finalize', "turn watch mode's draft (migrations/_draft) into this revision")
    .addHelpText(
      'after',
      `
Examples:
  $ retort revision --autogenerate -m "add bio"                            SQL drafted from models.ts
  $ retort revision --autogenerate -m "rename" --rename users.name=full_name
  $ retort revision -m "create users"
  $ retort revision -m "add reviews" --head base --branch-label reviews    a new branch from base
  $ retort revision -m "hotfix" --head ae10 --splice                       branch from a non-head
  $ retort revision -m "books" --rev-id 0001`,
    )
    .action(wrapHandler(facts, (ctx, _args, options: RevisionFlags) => createRevision(ctx, options)));

  program
    .command('merge')
    .argument('[revisions...]', 'revisions to merge (default: heads)')
    .description('Create a merge revision joining several heads.')
    .option('-m, --message <message>', 'what the merge is')
    .option('--branch-label <label>', 'label the merge revision (repeatable)', collect)
    .option('--rev-id <id>', 'use this id instead of a random one')
    .addHelpText('after', '\nExamples:\n  $ retort merge -m "merge reviews"\n  $ retort merge ae10 27c6 -m "join"')
    .action(
      wrapHandler(facts, async (ctx, args, options: RevisionFlags) => {
        const targets = (args[0] as string[] | undefined) ?? [];
        return createRevision(ctx, { ...options, message: options.message ?? 'merge' }, targets.length ? targets : ['heads']);
      }),
    );

  program
    .command('edit')
    .argument('[revision]', 'revision to edit (default: head)', 'head')
    .description("Open a revision's up.sql and down.sql in $VISUAL / $EDITOR.")
    .action(
      wrapHandler(facts, async (ctx, args) => {
        const { project, settings } = await loadProject(ctx);
        const [id] = project.graph.resolve(String(args[0]));
        if (id === undefined) throw new RetortError('E_USAGE', "'base' is not a revision to edit; name a revision.");
        const revision = project.byId.get(id)!;
        const files = ['up', 'down']
          .map((direction) => findRevisionFile(revision, direction as 'up' | 'down', settings.dialect))
          .filter((file): file is string => file !== undefined);
        const editor = ctx.facts.env['VISUAL'] ?? ctx.facts.env['EDITOR'];
        if (!editor) {
          throw new RetortError('E_USAGE', `No editor set; set $EDITOR (e.g. EDITOR=vim) or open ${files.join(' and ')} yourself.`);
        }
        // Loaded here: child_process (with net and dgram) costs every other command ~7 ms.
        const { spawnSync } = await import('node:child_process');
        const result = spawnSync(editor, files, { stdio: 'inherit', shell: true });
        if (result.status !== 0) throw new RetortError('E_USAGE', `Editor '${editor}' exited with ${result.status}; the files are unchanged unless you saved them.`);
        return { json: { revision: id, files }, print: () => ctx.out.line(`Edited ${files.join(', ')}.`) };
      }),
    );
}

async function init(ctx: CliContext, templates: boolean): Promise<CommandResult> {
  const loaded = await ctx.config();
  const settings = await ctx.settings();
  const created: string[] = [];
  if (!existsSync(settings.dir)) {
    mkdirSync(settings.dir, { recursive: true });
    created.push(settings.displayDir);
  }
  let configFile = loaded.file;
  if (configFile === undefined) {
    configFile = join(ctx.cwd, 'retort.config.json');
    const config = { url: settings.url, dir: relative(ctx.cwd, settings.dir) || '.' };
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
    created.push('retort.config.json');
  }
  if (templates) {
    const { BUILTIN_TEMPLATES_DIR, TEMPLATE_NAMES } = await import('@retort/codegen');
    const target = templatesDir(settings, loaded.root);
    mkdirSync(target, { recursive: true });
    for (const name of TEMPLATE_NAMES) {
      const file = join(target, `${name}.hbs`);
      if (existsSync(file)) continue;
      copyFileSync(join(BUILTIN_TEMPLATES_DIR, `${name}.hbs`), file);
      created.push(relative(ctx.cwd, file));
    }
  }
  const revisions = existsSync(settings.dir) ? readdirSync(settings.dir).length : 0;
  return {
    json: { created, config: configFile, dir: settings.displayDir },
    print: () => {
      if (created.length === 0) ctx.out.line(`Already initialised: ${settings.displayDir} (${revisions} entries), ${relative(ctx.cwd, configFile!)}.`);
      for (const path of created) ctx.out.line(`${ctx.out.c.green('created')} ${path}`);
      if (created.length) ctx.out.line(`Next: ${ctx.out.c.bold('retort revision -m "first revision"')}`);
    },
  };
}


async function createRevision(ctx: CliContext, flags: RevisionFlags, mergeOf?: readonly string[]): Promise<CommandResult> {
  const { project, settings } = await loadProject(ctx);
  if (flags.finalize) {
    if (!flags.message) throw new RetortError('E_USAGE', 'revision --finalize needs a message; pass -m "what the revision does".');
    const { finalizeDraft } = await import('./finalize.js');
    return finalizeDraft(ctx, { project, settings, message: flags.message, revId: flags.revId });
  }
  const { newRevisionId, writeRevision } = await import('@retort/codegen');
  const id = flags.revId ?? newRevisionId();
  checkNewId(project, id);
  const plan = project.graph.planNewRevision({
    id,
    head: mergeOf ?? flags.head ?? 'head',
    splice: flags.splice,
    dependsOn: flags.dependsOn ?? [],
    branchLabels: flags.branchLabel ?? [],
  });
  if (mergeOf && plan.parents.length < 2) {
    throw new RetortError(
      'E_USAGE',
      `Nothing to merge: ${mergeOf.map((t) => `'${t}'`).join(', ')} resolve${mergeOf.length === 1 ? 's' : ''} to ${plan.parents.length} revision${plan.parents.length === 1 ? '' : 's'}; name two or more heads.`,
      { facts: { argument: mergeOf.join(' ') } },
    );
  }
  let up = mergeOf ? '-- A merge point: nothing to run.' : '';
  let down = up;
  let hazards: readonly { code: string; message: string }[] = [];
  if (flags.autogenerate && !mergeOf) {
    const drafted = await autogenerate(ctx, { project, settings, head: plan.parents, models: flags.models, renames: flags.rename ?? [] });
    if (drafted === undefined) {
      return {
        json: { revision: null, changes: [] },
        print: () => ctx.out.line('No changes: the models match head. Nothing was written.'),
      };
    }
    ({ up, down, hazards } = drafted);
  }
  const written = await writeRevision(
    {
      id,
      parents: plan.parents,
      message: flags.message ?? '',
      branchLabels: plan.branchLabels,
      dependsOn: plan.dependsOn,
      up,
      down,
    },
    {
      dir: settings.displayDir,
      folderTemplate: settings.folderTemplate,
      templatesDir: templatesDir(settings, (await ctx.config()).root),
    },
  );
  const revision = { id, parents: plan.parents, message: flags.message ?? '', branchLabels: plan.branchLabels, dependsOn: plan.dependsOn, path: written.path };
  const types = await (await import('./typed-output.js')).refreshTypedOutput(ctx, settings);
  return {
    json: { revision, ...(flags.autogenerate ? { hazards } : {}), ...(types ? { types } : {}) },
    print: () => {
      ctx.out.line(`${ctx.out.c.green('created')} ${written.path}/ ${ctx.out.c.dim(`(${written.files.join(', ')})`)}`);
      for (const hazard of hazards) ctx.out.warn(`${hazard.code}: ${hazard.message}`);
      if (plan.parents.length === 0 && project.revisions.length > 0) ctx.out.line(ctx.out.c.dim('A new root: this revision starts an independent branch.'));
    },
  };
}

/** Drafts up/down SQL from the models against the schema at the new revision's parents. */
async function autogenerate(
  ctx: CliContext,
  input: { project: Project; settings: Settings; head: readonly string[]; models?: string | undefined; renames: readonly string[] },
): Promise<{ up: string; down: string; hazards: readonly { code: string; message: string }[] } | undefined> {
  const root = (await ctx.config()).root;
  const { schemaTools } = await import('../schema-tools.js');
  const { modelsFile, planWithRenames, renameHints } = await import('./schema-plan.js');
  const tools = await schemaTools(input.settings, root, ctx.facts.env);
  const { headSchema, loadModels } = await import('@retort/codegen');
  const from = await headSchema({
    project: input.project,
    dialect: tools.dialect,
    schemaDialect: tools.schemaDialect,
    openScratch: tools.openScratch,
    target: input.head.length === 0 ? 'base' : [...input.head],
    tables: input.settings.tables,
    cacheDir: tools.cacheDir,
  });
  const to = await loadModels(modelsFile(ctx, input.settings, root, input.models), tools);
  const plan = await planWithRenames(ctx, from, to, tools, input.settings, renameHints(input.settings, input.renames));
  if (plan.up.length === 0) return undefined;
  return { up: plan.upSql, down: plan.downSql, hazards: plan.hazards };
}

function checkNewId(project: Project, id: string): void {
  if (!isValidRevisionId(id)) {
    throw new RetortError('E_USAGE', `Revision id '${id}' is not valid; use letters, digits and _ only.`, { facts: { argument: id } });
  }
  if (project.byId.has(id)) {
    throw new RetortError('E_DUPLICATE_ID', `Revision id '${id}' already exists (${project.byId.get(id)!.path}); choose another --rev-id.`, {
      facts: { argument: id },
    });
  }
}


import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { current, dialectOfUrl, findRevisionFile, openDatabase, openProject, parseSqlDirectives, RetortError, status, type Project, type Settings, type StatusResult } from '@retort/core';
import type { Schema } from '@retort/schema';
import type { Command } from 'commander';
import type { CliContext, ProcessFacts } from '../cli-context.js';
import { loadDialect } from '../dialects.js';
import type { SchemaTools } from '../schema-tools.js';
import { wrapHandler, type CommandResult } from '../wrap-handler.js';
import { databaseTarget, loadProject } from './common.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `check`, `diff`, `lint`: compare models, migrations and databases. */
export function registerSchemaCommands(program: Command, facts: ProcessFacts): void {
  program
    .command('check')
    .description('Exit 3 when the models differ from head or the database drifted from its revision.')
    .option('--models <file>', 'models.ts or schema.sql (default: "models" in the config)')
    .option('--no-database', 'compare the models with head only')
    .addHelpText('after', '\nExamples:\n  $ retort check                 in CI: models, migrations and database agree\n  $ retort check --json')
    .action(wrapHandler(facts, (ctx, _args, options: { models?: string; database?: boolean }) => check(ctx, options)));

  program
    .command('diff')
    .description('Print the SQL that turns one schema into another (up and down).')
    .requiredOption('--from <source>', 'a database URL, "empty", a migrations folder, a models .ts or a .sql file')
    .requiredOption('--to <source>', 'the same kinds of source')
    .option('--rename <hint>', 'users.old=new (column) or old=new (table); repeatable', collect)
    .addHelpText(
      'after',
      '\nExamples:\n  $ retort diff --from empty --to models.ts\n  $ retort diff --from migrations --to postgres://app@localhost/app\n  $ retort diff --from schema.sql --to models.ts --rename users.name=full_name --json',
    )
    .action(wrapHandler(facts, (ctx, _args, options: { from: string; to: string; rename?: string[] }) => diffCommand(ctx, options)));

  program
    .command('lint')
    .description('Report hazards in revisions: data loss, rewrites, long locks, NOT NULL without default, irreversible revisions. A hazard accepted in review is silenced by "-- retort:reviewed CODE" at the top of up.sql.')
    .option('-r, --rev-range <range>', 'revisions to lint, e.g. ae10:head (default: all)')
    .option('--check', 'exit 3 when anything is found (for CI)')
    .addHelpText('after', '\nExamples:\n  $ retort lint\n  $ retort lint -r current:heads --check')
    .action(wrapHandler(facts, (ctx, _args, options: { revRange?: string; check?: boolean }) => lint(ctx, options)));
}

async function lint(ctx: CliContext, options: { revRange?: string; check?: boolean }): Promise<CommandResult> {
  const { lintSql } = await import('@retort/schema');
  const { settings, project } = await loadProject(ctx);
  const needsCurrent = (options.revRange ?? '').includes('current');
  const currentHeads = needsCurrent ? await current(await databaseTarget(settings)) : [];
  const ids = project.graph.walk({ range: options.revRange, currentHeads }).reverse();
  const dialect = await loadDialect(settings.dialect);
  const findings: { revision: string; file: string; line: number; code: string; message: string }[] = [];
  let acknowledged = 0;
  for (const id of ids) {
    const revision = project.byId.get(id)!;
    const upFile = findRevisionFile(revision, 'up', settings.dialect);
    if (upFile?.endsWith('.sql')) {
      const text = readFileSync(upFile, 'utf8');
      const reviewed = new Set(parseSqlDirectives(text, upFile).reviewed);
      for (const finding of lintSql(text, dialect.splitStatements(text), settings.dialect)) {
        if (reviewed.has(finding.code)) acknowledged += 1;
        else findings.push({ revision: id, file: upFile, line: finding.line, code: finding.code, message: finding.message });
      }
    }
    if (findRevisionFile(revision, 'down', settings.dialect) === undefined) {
      findings.push({ revision: id, file: join(revision.path, 'down.sql'), line: 1, code: 'IRREVERSIBLE', message: 'No down.sql: this revision cannot be downgraded.' });
    }
  }
  const clean = findings.length === 0;
  return {
    exitCode: options.check && !clean ? 3 : 0,
    json: { clean, findings, reviewed: acknowledged },
    print: () => {
      for (const f of findings) ctx.out.line(`${f.file}:${f.line} ${ctx.out.c.yellow(f.code)} ${f.message}`);
      if (acknowledged) ctx.out.line(ctx.out.c.dim(`${acknowledged} reviewed hazard${acknowledged === 1 ? '' : 's'} not shown (-- retort:reviewed).`));
      ctx.out.line(clean ? ctx.out.c.green(`✓ No hazards in ${ids.length} revision${ids.length === 1 ? '' : 's'}.`) : `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${ids.length} revision${ids.length === 1 ? '' : 's'}.`);
    },
  };
}

async function check(ctx: CliContext, options: { models?: string; database?: boolean }): Promise<CommandResult> {
  const { settings, project } = await loadProject(ctx);
  const root = (await ctx.config()).root;
  const loading = import('../schema-tools.js').then((module) => module.schemaTools(settings, root, ctx.facts.env));
  // The database is read (connect, version rows, catalog) while the schema tools and the
  // models load and compare: its round trips and the server's work overlap ours.
  const live = options.database === false ? undefined : readLive(settings, loading, project);
  live?.catch(() => undefined);
  try {
    return await compare(ctx, options, { settings, project, root, loading, live });
  } catch (error) {
    // The database read runs on its own: let it finish (and close its connection) before
    // the error ends the command, which exits the process.
    await live?.catch(() => undefined);
    throw error;
  }
}

async function compare(
  ctx: CliContext,
  options: { models?: string; database?: boolean },
  { settings, project, root, loading, live }: { settings: Settings; project: Project; root: string; loading: Promise<SchemaTools>; live: ReturnType<typeof readLive> | undefined },
): Promise<CommandResult> {
  const { describeOperation, diff, EMPTY_SCHEMA } = await import('@retort/schema');
  const { modelsFile } = await import('./schema-plan.js');
  const { headSchema, loadModels } = await import('@retort/codegen');
  const tools = await loading;
  const replay = (target: string | readonly string[]) =>
    headSchema({ project, ...tools, target, tables: settings.tables });
  const differences: { kind: string; message: string }[] = [];

  const head = await replay('heads');
  const modelFile = modelsFile(ctx, settings, root, options.models);
  const models = await loadModels(modelFile, tools);
  for (const op of diff(head, models, { capabilities: tools.schemaDialect.capabilities, resolveRename: () => null })) {
    differences.push({ kind: 'model', message: `${describeOperation(op)} (models differ from head; run \`retort revision --autogenerate\`)` });
  }

  if (live) {
    const { result, schema } = await live;
    for (const difference of result.differences) differences.push({ kind: difference.kind, message: difference.message });
    if (schema) {
      const atHead = sameIds(result.current, project.graph.heads);
      const expected = result.current.length === 0 ? EMPTY_SCHEMA : atHead ? head : await replay(result.current);
      for (const op of diff(expected, schema, { capabilities: tools.schemaDialect.capabilities, resolveRename: () => null })) {
        differences.push({ kind: 'drift', message: `${describeOperation(op)} (the database differs from its revision)` });
      }
    }
  }
  const clean = differences.length === 0;
  return {
    exitCode: clean ? 0 : 3,
    json: { clean, differences },
    print: () => {
      if (clean) ctx.out.line(ctx.out.c.green(options.database === false ? '✓ Models and migrations agree.' : '✓ Models, migrations and database agree.'));
      for (const d of differences) ctx.out.line(`${ctx.out.c.yellow(d.kind.padEnd(8))} ${d.message}`);
    },
  };
}

/**
 * The database's state and, unless it holds revisions this project does not know, its
 * schema, over one connection (for the version rows and the live catalog).
 */
async function readLive(settings: Settings, loading: Promise<SchemaTools>, project: Project): Promise<{ result: StatusResult; schema?: Schema }> {
  const database = await databaseTarget(settings);
  const db = await openDatabase(database);
  try {
    const result = await status({ project, database, db });
    if (result.differences.some((d) => d.kind === 'unknown')) return { result };
    const tools = await loading;
    return { result, schema: await tools.schemaDialect.introspect(db.connection, tools.introspectOptions) };
  } finally {
    await db.close();
  }
}

async function introspectDatabase(settings: Settings, tools: SchemaTools, url = settings.url): Promise<Schema> {
  const db = await openDatabase({ dialect: tools.dialect, url, urlBase: settings.urlBase, tables: settings.tables });
  try {
    return await tools.schemaDialect.introspect(db.connection, tools.introspectOptions);
  } finally {
    await db.close();
  }
}

async function diffCommand(ctx: CliContext, options: { from: string; to: string; rename?: string[] }): Promise<CommandResult> {
  const { planWithRenames, renameHints } = await import('./schema-plan.js');
  const settings = await ctx.settings();
  const root = (await ctx.config()).root;
  const tools = await (await import('../schema-tools.js')).schemaTools(settings, root, ctx.facts.env);
  const from = await loadSource(ctx, options.from, settings, tools);
  const to = await loadSource(ctx, options.to, settings, tools);
  const plan = await planWithRenames(ctx, from, to, tools, settings, renameHints(settings, options.rename ?? []));
  return {
    json: { up: plan.upSql, down: plan.downSql, hazards: plan.hazards.map((h) => ({ code: h.code, message: h.message })) },
    print: () => {
      if (plan.up.length === 0) {
        ctx.out.line('No differences.');
        return;
      }
      ctx.out.line(ctx.out.c.bold('-- up'));
      ctx.out.raw(plan.upSql);
      ctx.out.line(ctx.out.c.bold('-- down'));
      ctx.out.raw(plan.downSql);
    },
  };
}

/** A schema from one of `diff`'s sources. */
async function loadSource(ctx: CliContext, source: string, settings: Settings, tools: SchemaTools): Promise<Schema> {
  if (source === 'empty') return (await import('@retort/schema')).EMPTY_SCHEMA;
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !existsSync(source)) {
    if (dialectOfUrl(source) !== settings.dialect) {
      throw new RetortError('E_USAGE', `diff compares schemas of one dialect; '${source.split(':')[0]}' is not ${settings.dialect} (set --url to pick the dialect).`, {
        facts: { argument: source.split('@').pop() },
      });
    }
    return introspectDatabase(settings, tools, source);
  }
  const path = resolve(ctx.cwd, source);
  if (!existsSync(path)) {
    throw new RetortError('E_USAGE', `diff source '${source}' is neither a URL, 'empty', nor an existing folder or file; check the path.`, {
      facts: { argument: source },
    });
  }
  if (statSync(path).isDirectory()) {
    const { headSchema } = await import('@retort/codegen');
    return headSchema({ project: openProject(source), ...tools, tables: settings.tables });
  }
  const { loadModels } = await import('@retort/codegen');
  return loadModels(path, tools);
}


function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0');
}

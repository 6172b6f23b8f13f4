import { current as readCurrent, type RevisionBrief } from '@retort/core';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliContext, ProcessFacts } from '../cli-context.js';
import { wrapHandler } from '../wrap-handler.js';
import { AsciiGraphLayout } from '../graph/ascii-graph.js';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from '../graph/graph-formats.js';
import { databaseTarget, loadProject } from './common.js';
import { briefLine, revisionDetails, revisionJson, revisionLine } from './format-revision.js';

interface Verbose {
  readonly verbose?: boolean;
}

/** `heads`, `history`, `show`, `branches`: read-only views of the graph. */
export function registerInspect(program: Command, facts: ProcessFacts): void {
  program
    .command('heads')
    .description('Show the current heads of the revision graph.')
    .option('-v, --verbose', 'show details of each head')
    .option('--resolve-dependencies', "treat dependencies as down revisions (only 'real' heads)")
    .addHelpText('after', '\nExamples:\n  $ retort heads\n  $ retort heads --json')
    .action(
      wrapHandler(facts, async (ctx, _args, options: Verbose & { resolveDependencies?: boolean }) => {
        const { project } = await loadProject(ctx);
        const heads = options.resolveDependencies ? project.graph.resolve('heads') : project.overview.heads;
        return {
          json: { heads },
          print: () => printRevisions(ctx, project, heads, options.verbose),
        };
      }),
    );

  program
    .command('history')
    .description('List revisions, newest first.')
    .option('-r, --rev-range <range>', 'range [start]:[end], e.g. base:head, ae10:, :current, -3:')
    .option('-v, --verbose', 'show details of each revision')
    .option('-i, --indicate-current', 'mark the revisions the database is at (connects to it)')
    .option('--graph', 'draw the revision graph')
    .addHelpText(
      'after',
      '\nExamples:\n  $ retort history --graph\n  $ retort history -r ae10:head -v\n  $ retort history -i            marks (current) from the database',
    )
    .action(
      wrapHandler(facts, async (ctx, _args, options: Verbose & { revRange?: string; indicateCurrent?: boolean; graph?: boolean }) => {
        const { settings, project } = await loadProject(ctx);
        const needsCurrent = options.indicateCurrent || (options.revRange ?? '').includes('current');
        const currentHeads = needsCurrent ? await readCurrent(await databaseTarget(settings)) : [];
        // A range is resolved (and rejected) before anything is printed; the whole history cannot fail.
        const ranged = options.revRange === undefined ? undefined : project.graph.walk({ range: options.revRange, currentHeads });
        const ids = () => ranged ?? project.overview.history();
        const current = new Set(currentHeads);
        return {
          json: () => ({ revisions: ids().map((id) => revisionJson(project, id)), ...(needsCurrent ? { current: currentHeads } : {}) }),
          print: () => {
            // Each revision's brief read once, in order: for the whole history straight from
            // the overview (no id lookups), for a range one lookup per id.
            const eachBrief = (visit: (id: string, brief: RevisionBrief | undefined) => void) => {
              if (ranged === undefined) project.overview.eachInHistory(visit);
              else for (const id of ranged) visit(id, project.overview.brief(id));
            };
            const line = (id: string, brief: RevisionBrief | undefined) => (brief ? briefLine(id, brief, ctx.out.c, current) : id);
            if (options.graph) {
              // The lanes come from each brief's parents; nothing is kept.
              const layout = new AsciiGraphLayout();
              eachBrief((id, brief) => {
                const row = layout.next(id, brief?.parents ?? []);
                for (const connector of row.before) ctx.out.line(ctx.out.c.dim(connector));
                ctx.out.line(`${row.node} ${line(id, brief)}`);
              });
            } else if (options.verbose) printRevisions(ctx, project, ids(), true, current);
            else {
              let none = true;
              eachBrief((id, brief) => {
                none = false;
                ctx.out.line(line(id, brief));
              });
              if (none) ctx.out.line(ctx.out.c.dim('(no revisions)'));
            }
          },
        };
      }),
    );

  program
    .command('show')
    .argument('<revision>', 'revision (id, prefix, head, label@head...)')
    .description('Show one or more revisions.')
    .addHelpText('after', '\nExamples:\n  $ retort show head\n  $ retort show ae10 --json')
    .action(
      wrapHandler(facts, async (ctx, args) => {
        const { project } = await loadProject(ctx);
        const ids = project.graph.resolve(String(args[0]));
        return {
          json: { revisions: ids.map((id) => revisionJson(project, id)) },
          print: () => printRevisions(ctx, project, ids, true),
        };
      }),
    );

  program
    .command('graph')
    .description('Draw the revision graph: ascii, mermaid, dot (Graphviz) or a self-contained html page.')
    .addOption(new Option('--format <format>', 'output format').choices([...GRAPH_FORMATS]).default('ascii'))
    .option('-i, --indicate-current', 'mark the revisions the database is at (connects to it)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addHelpText('after', '\nExamples:\n  $ retort graph --format mermaid > graph.mmd\n  $ retort graph --format html -o graph.html -i\n  $ retort graph --format dot | dot -Tsvg > graph.svg')
    .action(
      wrapHandler(facts, async (ctx, _args, options: { format: GraphFormat; indicateCurrent?: boolean; output?: string }) => {
        const { settings, project } = await loadProject(ctx);
        const current = new Set(options.indicateCurrent ? await readCurrent(await databaseTarget(settings)) : []);
        const nodes = project.graph.walk({}).map((id) => {
          const revision = project.byId.get(id)!;
          const info = project.graph.get(id)!;
          return { id, parents: revision.parents, dependsOn: info.resolvedDependsOn, message: revision.message, labels: info.labels, head: info.isHead, current: current.has(id) };
        });
        const text = renderGraph(nodes, options.format);
        if (options.output) writeFileSync(resolve(ctx.cwd, options.output), text);
        return {
          json: { format: options.format, ...(options.output ? { output: options.output } : { text }) },
          print: () => (options.output ? ctx.out.line(`Wrote ${options.output} (${nodes.length} revisions).`) : ctx.out.raw(text)),
        };
      }),
    );

  program
    .command('branches')
    .description('Show branch points and the branches leaving them.')
    .option('-v, --verbose', 'show details of each branch point')
    .action(
      wrapHandler(facts, async (ctx, _args, options: Verbose) => {
        const { project } = await loadProject(ctx);
        const points = project.graph.branchPoints().map((info) => info.id);
        return {
          json: { branchPoints: points.map((id) => ({ ...revisionJson(project, id), children: project.graph.get(id)?.children ?? [] })) },
          print: () => {
            if (points.length === 0) ctx.out.line('No branch points.');
            for (const id of points) {
              if (options.verbose) for (const line of revisionDetails(project, id, ctx.out.c)) ctx.out.line(line);
              else ctx.out.line(revisionLine(project, id, ctx.out.c));
              for (const child of project.graph.get(id)?.children ?? []) {
                ctx.out.line(`    -> ${revisionLine(project, child, ctx.out.c)}`);
              }
            }
          },
        };
      }),
    );
}

function printRevisions(ctx: CliContext, project: Parameters<typeof revisionLine>[0], ids: readonly string[], verbose = false, current: ReadonlySet<string> = new Set()): void {
  if (ids.length === 0) ctx.out.line(ctx.out.c.dim('(no revisions)'));
  for (const id of ids) {
    if (verbose) for (const line of revisionDetails(project, id, ctx.out.c, current)) ctx.out.line(line);
    else ctx.out.line(revisionLine(project, id, ctx.out.c, current));
  }
}

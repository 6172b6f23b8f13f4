import { join } from 'node:path';
import { isRetortError, openProject, type Settings } from '@retort/core';
import type { CliContext } from '../cli-context.js';
import { schemaTools } from '../schema-tools.js';
import { templatesDir } from './templates-dir.js';

/**
 * Rewrites `migrations/schema.ts` (revision ids, heads, row types at head) after head
 * changed. It needs the schema at head, replayed in a scratch database; when that is not
 * possible (Postgres unreachable, a broken revision) the command still succeeds and says so.
 */
export async function refreshTypedOutput(ctx: CliContext, settings: Settings): Promise<string | undefined> {
  const file = join(settings.displayDir, 'schema.ts');
  try {
    const project = openProject(settings.displayDir);
    const root = (await ctx.config()).root;
    const tools = await schemaTools(settings, root, ctx.facts.env);
    const { headSchema, writeTypedOutput } = await import('@retort/codegen');
    const schema = await headSchema({ project, ...tools, tables: settings.tables });
    await writeTypedOutput(
      file,
      { revisions: project.revisions.map((r) => r.id), heads: project.graph.heads, schema, dialect: settings.dialect },
      templatesDir(settings, root),
    );
    return file;
  } catch (error) {
    const reason = isRetortError(error) ? error.message : error instanceof Error ? error.message : String(error);
    ctx.out.warn(`${file} was not refreshed: ${reason}`);
    return undefined;
  }
}

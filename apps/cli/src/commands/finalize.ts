import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { current, RetortError, stamp, type Project, type Settings } from '@retort/core';
import type { CliContext } from '../cli-context.js';
import type { CommandResult } from '../wrap-handler.js';
import { databaseTarget } from './common.js';
import { templatesDir } from './templates-dir.js';
import { refreshTypedOutput } from './typed-output.js';

/**
 * `retort revision --finalize -m "..."`: turns watch mode's draft into a normal revision
 * (its id kept, the message applied). A draft edited by hand keeps its SQL verbatim. If
 * `watch --apply` had applied the draft, the dev database is stamped to the new revision,
 * since its SQL already ran.
 */
export async function finalizeDraft(
  ctx: CliContext,
  input: { project: Project; settings: Settings; message: string; revId?: string | undefined },
): Promise<CommandResult> {
  const { project, settings } = input;
  const { DraftKeeper, writeRevision, DRAFT_FOLDER } = await import('@retort/codegen');
  const root = (await ctx.config()).root;
  const keeper = new DraftKeeper({ dir: settings.displayDir });
  const state = keeper.read();
  if (!state) {
    throw new RetortError('E_USAGE', `There is no draft in ${join(settings.displayDir, DRAFT_FOLDER)} to finalize; run \`retort watch\` (or \`retort revision --autogenerate\`).`);
  }
  const heads = project.graph.heads;
  if (heads.length !== state.parents.length || !heads.every((id) => state.parents.includes(id))) {
    throw new RetortError(
      'E_USAGE',
      `The draft was made on ${state.parents.join(', ') || 'base'} but head is now ${heads.join(', ') || 'base'}; let \`retort watch\` redraft it, then finalize.`,
    );
  }
  const id = input.revId ?? state.id;
  if (project.byId.has(id)) throw new RetortError('E_DUPLICATE_ID', `Revision id '${id}' already exists; pass another --rev-id.`);
  const edited = keeper.editedByHand(state);
  const read = (name: string) => (existsSync(join(keeper.path, name)) ? readFileSync(join(keeper.path, name), 'utf8') : '');
  const written = await writeRevision(
    {
      id,
      parents: state.parents,
      message: input.message,
      up: edited ? read('up.sql') : state.up,
      down: edited ? read('down.sql') : state.down,
    },
    { dir: settings.displayDir, folderTemplate: settings.folderTemplate, templatesDir: templatesDir(settings, root) },
  );
  rmSync(keeper.path, { recursive: true, force: true });
  let stamped = false;
  if (state.applied) {
    const database = await databaseTarget(settings);
    const at = await current(database);
    if (at.length === state.parents.length && at.every((h) => state.parents.includes(h))) {
      const { openProject } = await import('@retort/core');
      await stamp({ project: openProject(settings.displayDir), target: id, database, lockTimeoutMs: settings.lockTimeoutMs });
      stamped = true;
    }
  }
  const types = await refreshTypedOutput(ctx, settings);
  const revision = { id, parents: state.parents, message: input.message, branchLabels: [], dependsOn: [], path: written.path };
  return {
    json: { revision, finalized: true, stamped, ...(types ? { types } : {}) },
    print: () => {
      ctx.out.line(`${ctx.out.c.green('finalized')} ${written.path}/ ${ctx.out.c.dim(`(${written.files.join(', ')})`)}`);
      if (stamped) ctx.out.line(`The dev database already ran the draft; it is now stamped at ${id}.`);
    },
  };
}

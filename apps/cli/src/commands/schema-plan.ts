import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isRetortError, RetortError, type Settings } from '@retort/core';
import {
  parseRenameHints,
  parseRenameHintsFile,
  planMigration,
  renameResolverFromHints,
  type MigrationPlan,
  type RenameHint,
  type Schema,
} from '@retort/schema';
import type { CliContext } from '../cli-context.js';
import type { SchemaTools } from '../schema-tools.js';

/** The models file: `--models`, the config's `models`, or models.ts / schema.sql beside the config. */
export function modelsFile(ctx: CliContext, settings: Settings, root: string, explicit?: string): string {
  if (explicit) return resolve(ctx.cwd, explicit);
  if (settings.models) return settings.models;
  for (const name of ['models.ts', 'schema.sql']) {
    const candidate = join(root, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new RetortError(
    'E_USAGE',
    `No models to compare with: set "models" in the config (a models.ts or schema.sql), or pass --models <file>.`,
  );
}

/** Rename hints from `--rename` flags and the config's hints file. */
export function renameHints(settings: Settings, flags: readonly string[] = []): RenameHint[] {
  const hints = parseRenameHints(flags);
  if (settings.renames && existsSync(settings.renames)) {
    hints.push(...parseRenameHintsFile(readFileSync(settings.renames, 'utf8'), settings.renames));
  }
  return hints;
}

/**
 * Plans a migration between two schemas, resolving "dropped and added" pairs from hints;
 * on a terminal each open question is asked (rename or drop), elsewhere it is an error
 * naming the `--rename` to pass. Data is never dropped silently.
 */
export async function planWithRenames(
  ctx: CliContext,
  from: Schema,
  to: Schema,
  tools: SchemaTools,
  settings: Settings,
  hints: RenameHint[],
): Promise<MigrationPlan> {
  for (;;) {
    try {
      return planMigration(from, to, {
        dialect: tools.schemaDialect,
        resolveRename: renameResolverFromHints(hints),
        ...(settings.dialect === 'sqlite' ? { targetVersion: settings.sqliteTarget } : {}),
      });
    } catch (error) {
      if (!isRetortError(error, 'E_RENAME_REQUIRED') || !ctx.out.interactive || !ctx.facts.stdin.isTTY) throw error;
      const subject = String(error.facts.argument);
      const candidates = (error.facts['candidates'] as string[] | undefined) ?? [];
      const { select, isCancel } = await import('@clack/prompts');
      const answer = await select({
        message: `${subject} was dropped while ${candidates.join(', ')} ${candidates.length === 1 ? 'was' : 'were'} added. Is it a rename?`,
        options: [
          ...candidates.map((candidate) => ({ value: candidate, label: `rename to ${candidate} (keeps the data)` })),
          { value: '', label: 'no: drop it and add the new one (the data is lost)' },
        ],
      });
      if (isCancel(answer)) throw new RetortError('E_ABORTED', 'Autogenerate cancelled; nothing was written.');
      hints.push(...parseRenameHints([`${subject}=${String(answer)}`]));
    }
  }
}

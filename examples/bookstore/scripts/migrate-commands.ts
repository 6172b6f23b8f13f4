import { downgrade, redactUrl, RetortError, status, upgrade, type MigrateResult, type RunEvent, type StatusResult } from '@retort/core';
import type { Bookstore } from './bookstore-project.js';

/** Who runs the migrations (for the history table) and where progress goes. */
export interface RunOptions {
  readonly executedBy: string;
  readonly onEvent?: ((event: RunEvent) => void) | undefined;
}

const TOOL_VERSION = 'bookstore scripts/migrate.ts';

/**
 * Applies every revision up to `target` (default `head`).
 *
 * @example
 * ```ts
 * const { steps, heads } = await upgradeTo(bookstore, 'head', { executedBy: 'ci' });
 * ```
 */
export function upgradeTo(bookstore: Bookstore, target: string, options: RunOptions): Promise<MigrateResult> {
  return upgrade({ ...common(bookstore, options), target });
}

/**
 * Reverts applied revisions down to `target` (default one step: `-1`).
 *
 * @example
 * ```ts
 * await downgradeTo(bookstore, '-1', { executedBy: 'ci' });
 * ```
 */
export function downgradeTo(bookstore: Bookstore, target: string, options: RunOptions): Promise<MigrateResult> {
  return downgrade({ ...common(bookstore, options), target });
}

/**
 * Downgrades to base: every table the migrations made is dropped, with its data. Refuses
 * unless `force` is set.
 *
 * @example
 * ```ts
 * await resetDatabase(bookstore, { force: true, executedBy: 'ci' });
 * ```
 */
export function resetDatabase(bookstore: Bookstore, options: RunOptions & { readonly force: boolean }): Promise<MigrateResult> {
  if (!options.force) {
    throw new RetortError('E_USAGE', `reset drops every table the migrations created in '${redactUrl(bookstore.settings.url)}', with their data; pass --force to do it.`);
  }
  return downgradeTo(bookstore, 'base', options);
}

/**
 * Where the database is: current heads, pending revisions, applied SQL that changed.
 *
 * @example
 * ```ts
 * const { current, pending } = await statusOf(bookstore);
 * ```
 */
export function statusOf(bookstore: Bookstore): Promise<StatusResult> {
  return status({ project: bookstore.project, database: bookstore.database });
}

function common(bookstore: Bookstore, options: RunOptions) {
  return {
    project: bookstore.project,
    database: bookstore.database,
    lockTimeoutMs: bookstore.settings.lockTimeoutMs,
    executedBy: options.executedBy,
    toolVersion: TOOL_VERSION,
    onEvent: options.onEvent,
  };
}

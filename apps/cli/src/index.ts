/**
 * The `retort` package: the CLI, plus what a project's own files import — the model DSL
 * for models.ts and `defineConfig` for retort.config.ts — so one dependency is enough.
 *
 * @example
 * ```ts
 * // models.ts
 * import { table, integer, varchar } from 'retort';
 * export const users = table('users', { id: integer().primaryKey(), name: varchar(50).notNull() });
 * ```
 */
export * from '@retort/schema';
export { defineConfig, type RetortConfig, type MigrationContext } from '@retort/core';
export { main } from './main.js';

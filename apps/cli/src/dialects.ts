import type { Dialect } from '@retort/core';

/**
 * The dialects the CLI knows, by name: an explicit map (no registration by import side
 * effect), each loaded only when a command needs it so `retort heads` never loads a driver.
 *
 * @example
 * ```ts
 * const dialect = await loadDialect('sqlite');
 * ```
 */
export const DIALECTS: Readonly<Record<'sqlite' | 'postgres', () => Promise<Dialect>>> = {
  sqlite: async () => (await import('@retort/dialect-sqlite')).sqliteDialect,
  // The driver alone: migrations need neither the schema tools nor @retort/schema.
  postgres: async () => (await import('@retort/dialect-postgres/dialect')).postgresDialect,
};

/** Loads the dialect of a settings' URL. */
export function loadDialect(name: 'sqlite' | 'postgres'): Promise<Dialect> {
  return DIALECTS[name]();
}

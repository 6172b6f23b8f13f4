import { loadConfig, openProject, resolveSettings, type DatabaseTarget, type Dialect, type Project, type Settings } from '@retort/core';
import { postgresDialect } from '@retort/dialect-postgres';
import { sqliteDialect } from '@retort/dialect-sqlite';

/** The dialects this project can run on, by the name the URL gives. */
export const DIALECTS: Readonly<Record<Settings['dialect'], Dialect>> = { sqlite: sqliteDialect, postgres: postgresDialect };

/** Where to look for retort.config.json and what `${VAR}` in it reads. */
export interface OpenBookstoreOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Overrides the config's URL (like the CLI's --url). */
  readonly url?: string | undefined;
}

/** The config resolved, the migrations folder loaded and the database to run against. */
export interface Bookstore {
  readonly settings: Settings;
  readonly project: Project;
  readonly database: DatabaseTarget;
}

/**
 * Loads retort.config.json (found upward from `cwd`), the migrations folder it names and the
 * dialect of its URL: what every command of scripts/migrate.ts starts from.
 *
 * @example
 * ```ts
 * const { project, database } = await openBookstore({ cwd: process.cwd(), env: process.env });
 * project.graph.heads; // ['0006']
 * ```
 */
export async function openBookstore(options: OpenBookstoreOptions): Promise<Bookstore> {
  const loaded = await loadConfig({ cwd: options.cwd, env: options.env });
  const settings = resolveSettings(loaded, { cwd: options.cwd, url: options.url });
  const project = openProject(settings.dir);
  const database: DatabaseTarget = { dialect: DIALECTS[settings.dialect], url: settings.url, urlBase: settings.urlBase, tables: settings.tables };
  return { settings, project, database };
}

import * as v from 'valibot';

const text = (what: string) => v.string(`must be ${what}`);

const environmentSchema = v.strictObject({
  url: v.optional(text('a database URL string')),
  dir: v.optional(text('a folder path string')),
  /** Ask before destructive commands (downgrade, stamp --purge, watch --apply). */
  confirm: v.optional(v.boolean('must be true or false')),
});

/**
 * valibot schema of `retort.config.json` / the object `retort.config.ts` exports.
 *
 * @example
 * ```ts
 * v.parse(configSchema, { url: 'sqlite:./dev.db', dir: 'migrations' });
 * ```
 */
export const configSchema = v.strictObject({
  $schema: v.optional(v.string()),
  /** Database URL; default `sqlite:./dev.db`. */
  url: v.optional(text('a database URL string')),
  /** Migrations folder; default `./migrations`. */
  dir: v.optional(text('a folder path string')),
  /** Models for autogenerate: a `models.ts` or a declarative `schema.sql`. */
  models: v.optional(text('a path to models.ts or schema.sql')),
  /** Named environments (dev, staging, prod) overriding url/dir; pick one with --env. */
  environments: v.optional(v.record(v.string(), environmentSchema, 'must map environment names to { url, dir, confirm }')),
  /** Environment used when --env is not given. */
  defaultEnvironment: v.optional(text('an environment name')),
  versionTable: v.optional(v.pipe(text('a table name'), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain SQL identifier'))),
  historyTable: v.optional(v.pipe(text('a table name'), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain SQL identifier'))),
  /** Postgres schema of the version tables (also settable with `?schema=` on the URL). */
  schema: v.optional(v.pipe(text('a schema name'), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain SQL identifier'))),
  /** Revision folder name template; default `{{id}}_{{slug}}`. */
  folderTemplate: v.optional(text('a template string such as "{{id}}_{{slug}}"')),
  /** Folder of project templates (`retort init --templates` copies them there). */
  templates: v.optional(text('a folder path string')),
  /** Lowest SQLite version generated SQL must run on: '3.35' (default) or '3.53'. */
  sqliteTarget: v.optional(v.picklist(['3.35', '3.53'], "must be '3.35' or '3.53'")),
  /** Seconds to wait for another runner's lock; default 60. */
  lockTimeout: v.optional(v.pipe(v.number('must be a number of seconds'), v.minValue(0, 'must be 0 or more'))),
  /** Rename hints file for autogenerate (see `retort revision --autogenerate`). */
  renames: v.optional(text('a path to a rename hints file')),
});

/**
 * Retort configuration as written by the user.
 *
 * @example
 * ```ts
 * const config: RetortConfig = { url: 'postgres://app@localhost/app', dir: 'db/migrations' };
 * ```
 */
export type RetortConfig = v.InferInput<typeof configSchema>;

/** One named environment of {@link RetortConfig}. */
export type EnvironmentConfig = v.InferInput<typeof environmentSchema>;

/**
 * Identity helper giving `retort.config.ts` completion and checking.
 *
 * @example
 * ```ts
 * // retort.config.ts
 * import { defineConfig } from '@retort/core';
 * export default defineConfig({ url: '${DATABASE_URL}', dir: 'migrations' });
 * ```
 */
export function defineConfig(config: RetortConfig): RetortConfig {
  return config;
}

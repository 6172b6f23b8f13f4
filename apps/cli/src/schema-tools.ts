import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isRetortError, redactUrl, RetortError, type Connection, type Dialect, type Settings } from '@retort/core';
import type { IntrospectOptions, SchemaDialect } from '@retort/schema';
import type { OpenScratch } from '@retort/codegen';
import { cacheDir } from './cache-dir.js';
import { loadDialect } from './dialects.js';
import { fileIntrospectCache } from './introspect-cache.js';
import { VERSION } from './version.js';

/** The dialect pieces autogenerate, check, diff and watch need. */
export interface SchemaTools {
  readonly dialect: Dialect;
  readonly schemaDialect: SchemaDialect;
  /** A throwaway database of the same dialect (in-memory SQLite, a temporary Postgres schema). */
  readonly openScratch: OpenScratch;
  /** How to introspect the configured database (its Postgres schema). */
  readonly introspectOptions: IntrospectOptions;
  /** Where the replayed head schema is cached. */
  readonly cacheDir: string;
  /** Part of every cache key: this Retort's version and the build of the dialect package. */
  readonly cacheKey: string;
}

// A new Retort or a rebuilt dialect package may introspect or normalize differently.
function cacheKeyOf(dialectPackage: string): string {
  try {
    return `${VERSION}:${statSync(fileURLToPath(import.meta.resolve(dialectPackage))).mtimeMs}`;
  } catch {
    return VERSION;
  }
}

/**
 * Loads the dialect and schema dialect of the settings' URL and wires scratch databases.
 *
 * @example
 * ```ts
 * const tools = await schemaTools(settings, root);
 * const head = await headSchema({ project, ...tools });
 * ```
 */
export async function schemaTools(settings: Settings, root: string, env: NodeJS.ProcessEnv = {}): Promise<SchemaTools> {
  const dialect = await loadDialect(settings.dialect);
  const excludeTables = [settings.tables.versionTable, settings.tables.historyTable];
  const dir = cacheDir(root, env);
  // The live catalog, kept by the dialect under a fingerprint it reads first (one query).
  const liveCache = (cacheKey: string) => fileIntrospectCache(dir, `${settings.urlBase}\0${settings.url}`, cacheKey);
  if (settings.dialect === 'sqlite') {
    const { sqliteSchemaDialect } = await import('@retort/dialect-sqlite');
    const cacheKey = cacheKeyOf('@retort/dialect-sqlite');
    return {
      dialect,
      schemaDialect: sqliteSchemaDialect,
      // The whole catalog follows from the sqlite_schema rows: re-read only when they change.
      introspectOptions: { excludeTables, cache: liveCache(cacheKey) },
      openScratch: async () => {
        const connection = await dialect.connect({ url: 'sqlite::memory:' });
        return { connection, introspectOptions: {}, close: () => connection.close() };
      },
      cacheDir: dir,
      cacheKey,
    };
  }
  const module = (await import('@retort/dialect-postgres')) as Record<string, unknown>;
  const schemaDialect = module['postgresSchemaDialect'] as SchemaDialect | undefined;
  if (!schemaDialect) {
    throw new RetortError('E_UNSUPPORTED', 'Autogenerate on PostgreSQL is not available in this build; use a SQLite URL for now.');
  }
  const cacheKey = cacheKeyOf('@retort/dialect-postgres');
  return {
    dialect,
    schemaDialect,
    // Re-read only when the system catalogs changed (a fingerprint query of 20-60 ms).
    introspectOptions: { excludeTables, schema: settings.tables.schema ?? 'public', cache: liveCache(cacheKey) },
    openScratch: async () => {
      const schema = `retort_scratch_${randomBytes(5).toString('hex')}`;
      const connection = await connectScratch(dialect, settings, withSchemaParameter(settings.url, schema));
      return {
        connection,
        introspectOptions: { schema },
        close: async () => {
          try {
            await connection.execute(`DROP SCHEMA IF EXISTS ${dialect.quoteIdentifier(schema)} CASCADE`);
          } finally {
            await connection.close();
          }
        },
      };
    },
    cacheDir: dir,
    cacheKey,
  };
}

// The scratch schema's URL is Retort's, not the user's: a failure to connect names the
// configured URL (with the server's reason), as every other command would.
async function connectScratch(dialect: Dialect, settings: Settings, url: string): Promise<Connection> {
  try {
    return await dialect.connect({ url, cwd: settings.urlBase });
  } catch (error) {
    if (!isRetortError(error)) throw error;
    const configured = (text: string) => text.split(redactUrl(url)).join(redactUrl(settings.url));
    const facts = Object.fromEntries(Object.entries(error.facts).map(([key, value]) => [key, typeof value === 'string' ? configured(value) : value]));
    throw new RetortError(error.code, configured(error.message), { cause: error.cause ?? error, facts });
  }
}

/**
 * A Postgres URL with its `schema` parameter set (added or replaced).
 *
 * @example
 * ```ts
 * withSchemaParameter('postgres://u@h/db?schema=app&sslmode=disable', 'tmp'); // 'postgres://u@h/db?schema=tmp&sslmode=disable'
 * ```
 */
export function withSchemaParameter(url: string, schema: string): string {
  const [base = '', query = ''] = url.split('?', 2) as [string, string?];
  const params = query
    .split('&')
    .filter((part) => part !== '' && !part.startsWith('schema='));
  return `${base}?${[`schema=${encodeURIComponent(schema)}`, ...params].join('&')}`;
}

import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { importModule, RetortError, StatementError, type Dialect } from '@retort/core';
import { fromModels, type Schema, type SchemaDialect } from '@retort/schema';
import { ModelsCache } from './models-cache.js';
import type { OpenScratch } from './scratch-database.js';

/** What {@link loadModels} needs besides the file. */
export interface LoadModelsOptions {
  readonly dialect: Pick<Dialect, 'splitStatements'>;
  readonly schemaDialect: SchemaDialect;
  /** Needed for a declarative `schema.sql`. */
  readonly openScratch?: OpenScratch;
  /** Package names the models may import, resolved to fixed files (default: those set with `configureModuleAliases`). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Reuse the schema while the models files are unchanged (see {@link ModelsCache}). */
  readonly cacheDir?: string | undefined;
  /** Extra cache key: the versions of the code that normalizes (a rebuilt dialect invalidates). */
  readonly cacheKey?: string | undefined;
}

// Part of the cache key: a new Retort may turn the same models into a different schema.
const SCHEMA_VERSION = (JSON.parse(readFileSync(new URL(import.meta.resolve('@retort/schema/package.json')), 'utf8')) as { version: string }).version;

/**
 * The schema models describe: a TypeScript module of `table()` / `enumType()` / `view()`
 * exports (read fresh on every call, for watch mode), or a declarative `schema.sql` loaded
 * into a scratch database and introspected. A broken file is `E_MODEL` naming it.
 *
 * @example
 * ```ts
 * const target = await loadModels('src/models.ts', { dialect: sqliteDialect, schemaDialect: sqliteSchemaDialect });
 * ```
 */
export async function loadModels(file: string, options: LoadModelsOptions): Promise<Schema> {
  const extension = extname(file);
  if (extension === '.sql') return loadSchemaSql(file, options);
  if (!['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'].includes(extension)) {
    throw new RetortError('E_MODEL', `Models file '${file}' must be a .ts/.js module or a .sql file; point "models" in the config at one.`, {
      facts: { file },
    });
  }
  const cache = options.cacheDir ? new ModelsCache(options.cacheDir, resolve(file), `${options.schemaDialect.name}@${SCHEMA_VERSION}:${options.cacheKey ?? ''}`) : undefined;
  const cached = cache?.read();
  if (cached) return cached;
  let exports: unknown;
  let files: readonly string[] | undefined;
  try {
    exports = await importModule(file, { ...(options.aliases ? { aliases: options.aliases } : {}), onFiles: (used) => (files = used) });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const code = (error as NodeJS.ErrnoException).code;
    const fix = code === 'ENOENT' || /Cannot find module/.test(message ?? '') ? 'check the "models" path in the config' : 'fix it and save again';
    throw new RetortError('E_MODEL', `${file}${locate(error, file)}: ${message}; ${fix}.`, { facts: { file }, cause: error });
  }
  const schema = fromModels((exports ?? {}) as Record<string, unknown>, options.schemaDialect);
  if (cache && files) cache.write(files, schema);
  return schema;
}

async function loadSchemaSql(file: string, options: LoadModelsOptions): Promise<Schema> {
  if (!options.openScratch) throw new Error('loadModels: a schema.sql needs openScratch');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RetortError('E_MODEL', `Models file '${file}' cannot be read (${(error as Error).message}); check the "models" path in the config.`, {
      facts: { file },
      cause: error,
    });
  }
  const cache = options.cacheDir ? new ModelsCache(options.cacheDir, resolve(file), `${options.schemaDialect.name}@${SCHEMA_VERSION}:${options.cacheKey ?? ''}`) : undefined;
  const cached = cache?.read();
  if (cached) return cached;
  const scratch = await options.openScratch();
  try {
    const statements = options.dialect.splitStatements(text);
    try {
      await scratch.connection.runScript({ text, statements });
    } catch (error) {
      if (!(error instanceof StatementError)) throw error;
      const line = error.line ?? statements[error.statementIndex]?.line ?? 1;
      throw new RetortError('E_MODEL', `${file}:${line}: ${error.message}; fix the statement and save again.`, {
        facts: { file, line },
        cause: error,
      });
    }
    const schema = await options.schemaDialect.introspect(scratch.connection, scratch.introspectOptions);
    cache?.write([resolve(file)], schema);
    return schema;
  } finally {
    await scratch.close();
  }
}

function locate(error: unknown, file: string): string {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+)`).exec(stack);
  return match ? `:${match[1]}` : '';
}

import { isAbsolute, resolve } from 'node:path';

type Jiti = ReturnType<typeof import('jiti').createJiti>;
const loaders = new Map<string, Promise<Jiti>>();

/** Options for {@link importModule}. */
export interface ImportModuleOptions {
  /** Return the default export instead of the module namespace. */
  readonly default?: boolean;
  /**
   * Package names resolved to fixed files, so a models.ts can import `retort` or
   * `@retort/schema` even where the project has not installed them (a global CLI).
   */
  readonly aliases?: Readonly<Record<string, string>>;
}

/**
 * Imports a TypeScript or JavaScript module (models.ts, up.ts, retort.config.ts) through
 * jiti, without Node's module cache so a changed file is read again (watch mode), but with
 * jiti's transpile cache keyed by content. Loaded lazily: commands that never import
 * TypeScript never pay for it.
 *
 * @example
 * ```ts
 * const exports = await importModule('models.ts');            // the module namespace
 * const config = await importModule('retort.config.ts', { default: true });
 * ```
 */
export async function importModule(file: string, options: ImportModuleOptions = {}): Promise<unknown> {
  const aliases = options.aliases ?? {};
  const key = JSON.stringify(aliases);
  let loader = loaders.get(key);
  if (!loader) {
    loader = createLoader(aliases);
    loaders.set(key, loader);
  }
  const path = isAbsolute(file) ? file : resolve(file);
  const jiti = await loader;
  return options.default ? jiti.import(path, { default: true }) : jiti.import(path);
}

async function createLoader(aliases: Readonly<Record<string, string>>): Promise<Jiti> {
  const { createJiti } = await import('jiti');
  return createJiti(import.meta.url, { moduleCache: false, interopDefault: true, alias: { ...aliases } });
}

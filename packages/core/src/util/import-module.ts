import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Jiti = ReturnType<typeof import('jiti').createJiti>;
let registered: string | undefined;
let version = 0;
let jiti: Promise<Jiti> | undefined;
let defaultAliases: Readonly<Record<string, string>> = {};

/**
 * Sets the aliases every later {@link importModule} uses when it is given none (the CLI
 * sets `retort` so models.ts and retort.config.ts can import it without a local install).
 *
 * @example
 * ```ts
 * configureModuleAliases({ retort: fileURLToPath(new URL('./index.js', import.meta.url)) });
 * ```
 */
export function configureModuleAliases(aliases: Readonly<Record<string, string>>): void {
  defaultAliases = { ...aliases };
}

/** Options for {@link importModule}. */
export interface ImportModuleOptions {
  /** Return the default export instead of the module namespace. */
  readonly default?: boolean;
  /**
   * Package names resolved to fixed files, so a models.ts can import `retort` or
   * `@retort/schema` where the project has not installed them (a global CLI). The first
   * call's aliases hold for the whole process.
   */
  readonly aliases?: Readonly<Record<string, string>>;
}

/**
 * Imports a TypeScript or JavaScript module (models.ts, up.ts, retort.config.ts) fresh on
 * every call, so a changed file is read again (watch mode). On Node it registers module
 * hooks once (see ts-hooks.ts: sucrase strips types in a few ms, modules stay native ESM);
 * where hooks are unavailable (a test runner's module system) it falls back to jiti.
 *
 * @example
 * ```ts
 * const exports = await importModule('models.ts');            // the module namespace
 * const config = await importModule('retort.config.ts', { default: true });
 * ```
 */
export async function importModule(file: string, options: ImportModuleOptions = {}): Promise<unknown> {
  const path = isAbsolute(file) ? file : resolve(file);
  const aliases = options.aliases ?? defaultAliases;
  const namespace = (await hooksAvailable(aliases))
    ? ((await import(`${pathToFileURL(path).href}?retort-v=${++version}`)) as Record<string, unknown>)
    : ((await (await (jiti ??= createJiti(aliases))).import(path)) as Record<string, unknown>);
  if (!options.default) return namespace;
  return 'default' in namespace ? namespace['default'] : namespace;
}

async function hooksAvailable(aliases: Readonly<Record<string, string>>): Promise<boolean> {
  if (registered !== undefined) return registered === 'hooks';
  const module = await import('node:module');
  // Under jest (or any VM module system) imports bypass Node's hooks: use jiti there.
  const underTestRunner = typeof (globalThis as { jest?: unknown }).jest !== 'undefined' || process.env['JEST_WORKER_ID'] !== undefined;
  if (typeof module.register !== 'function' || underTestRunner) {
    registered = 'jiti';
    return false;
  }
  module.register(new URL('./ts-hooks.js', import.meta.url), { data: { aliases } });
  registered = 'hooks';
  return true;
}

async function createJiti(aliases: Readonly<Record<string, string>>): Promise<Jiti> {
  const { createJiti: create } = await import('jiti');
  return create(import.meta.url, { moduleCache: false, interopDefault: true, alias: { ...aliases } });
}

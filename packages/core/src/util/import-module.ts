import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateTypeScript } from './evaluate-typescript.js';

type Jiti = ReturnType<typeof import('jiti').createJiti>;
let registered: 'hooks' | 'jiti' | undefined;
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
  /** Package names resolved to fixed files (default: those set with {@link configureModuleAliases}). */
  readonly aliases?: Readonly<Record<string, string>>;
  /**
   * Told which project files the module was built from (itself and the local files it
   * imports), or `undefined` when that is unknown (the native fallback): for caches.
   */
  readonly onFiles?: (files: readonly string[] | undefined) => void;
}

/**
 * Imports a TypeScript or JavaScript module (models.ts, up.ts, retort.config.ts) fresh on
 * every call, so a changed file is read again (watch mode). The fast path evaluates it in
 * this thread through sucrase (see evaluate-typescript.ts); files that need real ES module
 * semantics (import.meta, top-level await) load natively through module hooks registered
 * on first need; under a test runner's module system, jiti.
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
  const pick = (namespace: unknown): unknown => {
    if (!options.default) return namespace;
    const record = namespace as Record<string, unknown>;
    return 'default' in record ? record['default'] : namespace;
  };
  if (underTestRunner()) {
    options.onFiles?.(undefined);
    return pick(await (await (jiti ??= createJiti(aliases))).import(path));
  }
  const { transform } = await import('sucrase');
  const loaded = new Map<string, unknown>();
  for (const [name, target] of Object.entries(aliases)) loaded.set(name, await import(pathToFileURL(target).href));
  const modules = new Map<string, { exports: unknown }>();
  try {
    const exports = evaluateTypeScript(path, { transform, aliases: loaded, modules });
    options.onFiles?.([...modules.keys()]);
    return pick(exports);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  options.onFiles?.(undefined);
  await registerHooks(aliases);
  return pick(await import(`${pathToFileURL(path).href}?retort-v=${++version}`));
}

function underTestRunner(): boolean {
  return typeof (globalThis as { jest?: unknown }).jest !== 'undefined' || process.env['JEST_WORKER_ID'] !== undefined;
}

async function registerHooks(aliases: Readonly<Record<string, string>>): Promise<void> {
  if (registered === 'hooks') return;
  const module = await import('node:module');
  // Bundled, this code sits in dist/ and the hooks in dist/util/.
  const candidates = ['./util/ts-hooks.js', './ts-hooks.js'].map((path) => new URL(path, import.meta.url));
  const hooks = candidates.find((url) => existsSync(url)) ?? candidates[0]!;
  module.register(hooks, { data: { aliases } });
  registered = 'hooks';
}

async function createJiti(aliases: Readonly<Record<string, string>>): Promise<Jiti> {
  const { createJiti: create } = await import('jiti');
  return create(import.meta.url, { moduleCache: false, interopDefault: true, alias: { ...aliases } });
}

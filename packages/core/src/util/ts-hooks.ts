/**
 * Node module-customization hooks (registered by `importModule` with `module.register`):
 * TypeScript files are stripped of types with sucrase as they load — a few milliseconds for
 * a large models.ts — and stay native ES modules (import.meta, top-level await work).
 * A `?retort-v=N` on an import URL is carried to the TypeScript files it imports, so watch
 * mode re-reads a models file and its siblings on every save. Fixed aliases let a models
 * file import `retort` where the project has no local install.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface HookData {
  readonly aliases: Readonly<Record<string, string>>;
}

interface ResolveContext {
  readonly parentURL?: string;
  readonly conditions: readonly string[];
}
interface ResolveResult {
  readonly url: string;
  readonly format?: string | null;
  readonly shortCircuit?: boolean;
}
interface LoadResult {
  readonly format: string;
  readonly source?: string | ArrayBuffer | Uint8Array;
  readonly shortCircuit?: boolean;
}

let aliases: Readonly<Record<string, string>> = {};
let transform: typeof import('sucrase').transform | undefined;
const TS = /\.[mc]?tsx?$/;
const VERSION = 'retort-v';

/** Receives the aliases from `module.register`. */
export async function initialize(data: HookData | undefined): Promise<void> {
  aliases = data?.aliases ?? {};
}

/** Maps aliases, tries `.ts` for `.js` specifiers, and carries the watch version. */
export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: (specifier: string, context: ResolveContext) => Promise<ResolveResult>,
): Promise<ResolveResult> {
  const alias = aliases[specifier];
  if (alias !== undefined) return { url: pathToFileURL(alias).href, shortCircuit: true };
  const version = context.parentURL?.startsWith('file:') ? new URL(context.parentURL).searchParams.get(VERSION) : null;
  let result: ResolveResult;
  try {
    result = await next(specifier, context);
  } catch (error) {
    // TypeScript projects import './other.js' meaning './other.ts'.
    if (!/^\.\.?\//.test(specifier) || !/\.[mc]?js$/.test(specifier)) throw error;
    result = await next(specifier.replace(/js$/, 'ts'), context);
  }
  if (version === null || !result.url.startsWith('file:')) return result;
  const url = new URL(result.url);
  if (!TS.test(url.pathname)) return result;
  url.searchParams.set(VERSION, version);
  return { ...result, url: url.href };
}

/** Strips TypeScript types (sucrase) and loads the result as an ES module. */
export async function load(
  url: string,
  context: { format?: string | null },
  next: (url: string, context: { format?: string | null }) => Promise<LoadResult>,
): Promise<LoadResult> {
  if (!url.startsWith('file:') || !TS.test(new URL(url).pathname)) return next(url, context);
  const path = fileURLToPath(url.split('?')[0]!);
  const source = await readFile(path, 'utf8');
  transform ??= (await import('sucrase')).transform;
  const code = transform(source, { transforms: ['typescript'], filePath: path, disableESTransforms: true }).code;
  return { format: 'module', source: code, shortCircuit: true };
}

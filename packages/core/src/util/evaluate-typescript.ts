import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { compileFunction } from 'node:vm';

type Transform = typeof import('sucrase').transform;

/** What one load shares: the aliased modules and the files evaluated so far. */
export interface EvaluateContext {
  readonly transform: Transform;
  /** Package name → module object (imported natively beforehand). */
  readonly aliases: ReadonlyMap<string, unknown>;
  readonly modules: Map<string, { exports: unknown }>;
}

const TS = /\.[mc]?tsx?$/;

/**
 * Evaluates a TypeScript (or JavaScript) file in this thread: sucrase strips the types and
 * turns imports into `require`, which resolves aliases to already-loaded modules, the
 * project's own .ts files to fresh evaluations, and packages through Node. A few
 * milliseconds for a large models.ts, with no loader thread. Syntax it cannot run as
 * CommonJS (import.meta, top-level await) throws a SyntaxError: callers fall back to
 * native ESM loading.
 *
 * @example
 * ```ts
 * const exports = evaluateTypeScript('/app/models.ts', { transform, aliases: new Map(), modules: new Map() });
 * ```
 */
export function evaluateTypeScript(file: string, context: EvaluateContext): unknown {
  const known = context.modules.get(file);
  if (known) return known.exports;
  const source = readFileSync(file, 'utf8');
  const { code } = context.transform(source, {
    transforms: TS.test(file) ? ['typescript', 'imports'] : ['imports'],
    filePath: file,
    preserveDynamicImport: true,
  });
  const module = { exports: {} as unknown };
  context.modules.set(file, module);
  const nodeRequire = createRequire(file);
  const localRequire = (specifier: string): unknown => {
    if (context.aliases.has(specifier)) return context.aliases.get(specifier);
    if (specifier.startsWith('.') || isAbsolute(specifier)) {
      const target = resolveLocal(dirname(file), specifier);
      if (target !== undefined && !target.includes('/node_modules/')) return evaluateTypeScript(target, context);
    }
    return nodeRequire(specifier);
  };
  const run = compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  run(module.exports, localRequire, module, file, dirname(file));
  return module.exports;
}

// './other.js' in TypeScript sources means './other.ts'; extensionless imports are tried
// with the usual extensions and as a folder index.
function resolveLocal(from: string, specifier: string): string | undefined {
  const base = resolve(from, specifier);
  const candidates = [
    base,
    base.replace(/\.([mc]?)js$/, '.$1ts'),
    `${base}.ts`,
    `${base}.mts`,
    `${base}.js`,
    `${base}/index.ts`,
    `${base}/index.js`,
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

#!/usr/bin/env node
// Builds one workspace package: esbuild bundles the package's own sources into a few ES
// modules (one per entry point, shared code in chunks; every bare import stays external,
// so each package still resolves its own dependencies), and tsc writes the declarations.
// Bundling matters for start-up: Node loads a module graph of 50 small files several times
// slower than the same code in one file, and `retort heads` must answer in well under 300 ms.
// A dependency named with --inline is bundled too, with its own dependencies (tree-shaken into
// the package's chunks instead of Node resolving and loading its files at every start);
// everything else stays external.
// Usage (from a package folder):
//   node ../../scripts/build-package.mjs src/index.ts [more entries] [--inline <package>]...
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const entries = [];
const inline = [];
for (let i = 2; i < process.argv.length; i += 1) {
  if (process.argv[i] === '--inline') inline.push(process.argv[++i]);
  else entries.push(process.argv[i]);
}
if (entries.length === 0 || inline.includes(undefined)) {
  console.error('usage: build-package.mjs <entry.ts>... [--inline <package>]...');
  process.exit(2);
}
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: entries,
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [lazyRequiredBuiltins(['node:child_process']), nodeOnlyProbes(), externalExcept(inline)],
  sourcemap: true,
  // Chunks sit beside the entry files, so import.meta.url-relative paths keep their depth.
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
  // CommonJS code inlined into an ES module may call require() for Node's built-ins.
  banner: inline.length === 0 ? undefined : { js: "import { createRequire as __retortCreateRequire } from 'node:module';\nconst require = __retortCreateRequire(import.meta.url);" },
});
// Inlined CommonJS packages require() some built-ins at load that they rarely use (commander
// takes child_process, with net and dgram, ~7 ms, for executable subcommands Retort has none
// of): those requires get a stand-in that loads the built-in on first property access.
function lazyRequiredBuiltins(names) {
  return {
    name: 'lazy-required-builtins',
    setup(builder) {
      const filter = new RegExp(`^(${names.join('|')})$`);
      builder.onResolve({ filter }, (args) => (args.kind === 'require-call' && args.importer.includes('node_modules') ? { path: args.path, namespace: 'lazy-builtin' } : undefined));
      builder.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        contents: `let loaded;\nconst load = () => (loaded ??= require(${JSON.stringify(args.path)}));\nmodule.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });`,
        loader: 'js',
      }));
    },
  };
}

// Inlined code that asks at load which runtime it is in, where the question alone costs time
// on Node and the bundle, built for Node only, knows the answer. node-postgres picks its socket
// implementation by asking whether it runs in Cloudflare Workers: where Node has no
// `navigator` (Node 20), it constructs a `Response`, and that first touch of a fetch global
// makes Node load its bundled undici (~25-30 ms of every PostgreSQL command). The build fails
// if a probe's code has changed, rather than quietly keep paying for it.
function nodeOnlyProbes() {
  const probes = [{ file: /\/node_modules\/pg\/lib\/stream\.js$/, find: 'if (isCloudflareRuntime()) {', replace: 'if (false) {' }];
  return {
    name: 'node-only-probes',
    setup(builder) {
      for (const probe of probes) {
        builder.onLoad({ filter: probe.file }, async (args) => {
          const source = await readFile(args.path, 'utf8');
          if (!source.includes(probe.find)) throw new Error(`${args.path} no longer contains \`${probe.find}\`; update nodeOnlyProbes in build-package.mjs.`);
          return { contents: source.replace(probe.find, probe.replace), loader: 'js' };
        });
      }
    },
  };
}

// Every bare import is external (resolved by Node at run time) except the inlined packages
// and, through them, whatever they import.
function externalExcept(names) {
  return {
    name: 'external-except',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        // Only an inlined package's files are ever read from node_modules.
        if (args.importer.includes('/node_modules/')) return undefined;
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return names.includes(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const types = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
process.exit(types.status ?? 1);

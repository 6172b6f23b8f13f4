#!/usr/bin/env node
// Builds one workspace package: esbuild bundles the package's own sources into a few ES
// modules (one per entry point, shared code in chunks; every bare import stays external,
// so each package still resolves its own dependencies), and tsc writes the declarations.
// Bundling matters for start-up: Node loads a module graph of 50 small files several times
// slower than the same code in one file, and `retort heads` must answer in well under 300 ms.
// A dependency named with --inline is bundled too, with its own dependencies (tree-shaken into
// the package's chunks instead of Node resolving and loading its files at every start);
// everything else stays external.
//
// An entry given with --cjs (at most one) is bundled as CommonJS instead, to dist/<name>.cjs,
// with a generated ES module beside it, dist/<name>.js, that require()s it and re-exports its
// names: importers get ES modules as before, and require() and import share one instance
// (the package's classes and state exist once). Node 20 loads the same code ~2x faster as
// CommonJS than through its ES module loader (core: 9 vs 17 ms; every CLI command pays it).
// The other entries are then bundled one by one as ES modules, and their imports of modules
// the CommonJS bundle contains are pointed at its ES module face (a testkit thus uses the
// package's one instance, not a copy of its own). In that bundle import.meta.url is the
// .cjs file's URL and import.meta.resolve() resolves as require.resolve() does (with the
// "require" export condition).
// Usage (from a package folder):
//   node ../../scripts/build-package.mjs [--cjs <entry.ts>] <entry.ts>... [--inline <package>]...
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const entries = [];
const inline = [];
const cjs = [];
for (let i = 2; i < process.argv.length; i += 1) {
  if (process.argv[i] === '--inline') inline.push(process.argv[++i]);
  else if (process.argv[i] === '--cjs') cjs.push(process.argv[++i]);
  else entries.push(process.argv[i]);
}
if (entries.length + cjs.length === 0 || inline.includes(undefined) || cjs.includes(undefined) || cjs.length > 1) {
  console.error('usage: build-package.mjs [--cjs <entry.ts>] <entry.ts>... [--inline <package>]...');
  process.exit(2);
}
rmSync('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  outbase: 'src',
  outdir: 'dist',
  sourcemap: true,
  logLevel: 'warning',
};
const plugins = () => [lazyRequiredBuiltins(['node:child_process']), nodeOnlyProbes(), externalExcept(inline)];
// CommonJS code inlined into an ES module may call require() for Node's built-ins.
const requireBanner = inline.length === 0 ? undefined : { js: "import { createRequire as __retortCreateRequire } from 'node:module';\nconst require = __retortCreateRequire(import.meta.url);" };

if (cjs.length === 0) {
  await build({
    ...common,
    entryPoints: entries,
    splitting: true,
    format: 'esm',
    plugins: plugins(),
    // Chunks sit beside the entry files, so import.meta.url-relative paths keep their depth.
    chunkNames: '[name]-[hash]',
    banner: requireBanner,
  });
} else {
  const entry = cjs[0];
  const name = join('dist', relative('src', entry)).replace(/\.ts$/, '');
  const { metafile } = await build({
    ...common,
    entryPoints: [entry],
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    plugins: plugins(),
    metafile: true,
    define: { 'import.meta.url': '__retortImportMetaUrl', 'import.meta.resolve': '__retortImportMetaResolve' },
    banner: {
      // The banner comes before esbuild's own "use strict", which would then not count.
      js: [
        "'use strict';",
        "const __retortImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
        "const __retortImportMetaResolve = (specifier) => require('node:url').pathToFileURL(require.resolve(specifier)).href;",
      ].join('\n'),
    },
  });
  writeEsmFace(`${name}.cjs`, `${name}.js`);
  const bundled = new Set(Object.keys(metafile.inputs).map((input) => resolve(input)));
  for (const esmEntry of entries) {
    const outDir = dirname(join('dist', relative('src', esmEntry)));
    let face = relative(outDir, `${name}.js`);
    if (!face.startsWith('.')) face = `./${face}`;
    await build({
      ...common,
      entryPoints: [esmEntry],
      format: 'esm',
      plugins: [toEsmFace(bundled, face), ...plugins()],
      banner: requireBanner,
    });
  }
}

// The ES module face of a CommonJS bundle: its names, read by loading it once here.
function writeEsmFace(cjsFile, esmFile) {
  const names = Object.keys(createRequire(resolve(cjsFile))(resolve(cjsFile))).filter((key) => key !== '__esModule' && key !== 'default');
  const invalid = names.find((key) => !/^[A-Za-z_$][\w$]*$/.test(key));
  if (invalid !== undefined) throw new Error(`${cjsFile} exports ${JSON.stringify(invalid)}, which an ES module cannot re-export by name.`);
  writeFileSync(
    esmFile,
    [
      `// Generated by build-package.mjs: the ES module face of ${basename(cjsFile)} (one instance for import and require).`,
      "import { createRequire } from 'node:module';",
      '',
      `const cjs = createRequire(import.meta.url)('./${basename(cjsFile)}');`,
      `export const { ${names.join(', ')} } = cjs;`,
      '',
    ].join('\n'),
  );
}

// In an ES module entry, a relative import of a module the CommonJS bundle already holds
// becomes an import of that bundle's ES module face (the names are the package's exports).
function toEsmFace(bundled, face) {
  return {
    name: 'to-esm-face',
    setup(builder) {
      builder.onResolve({ filter: /^\./ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.toEsmFace) return undefined;
        const found = await builder.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { toEsmFace: true } });
        if (found.errors.length > 0 || !bundled.has(found.path)) return undefined;
        return { path: face, external: true };
      });
    },
  };
}

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

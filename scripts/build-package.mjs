#!/usr/bin/env node
// Builds one workspace package: esbuild bundles the package's own sources into a few ES
// modules (one per entry point, shared code in chunks; every bare import stays external,
// so each package still resolves its own dependencies), and tsc writes the declarations.
// Bundling matters for start-up: Node loads a module graph of 50 small files several times
// slower than the same code in one file, and `retort heads` must answer in well under 300 ms.
// Usage (from a package folder): node ../../scripts/build-package.mjs src/index.ts [more entries]
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const entries = process.argv.slice(2);
if (entries.length === 0) {
  console.error('usage: build-package.mjs <entry.ts>...');
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
  packages: 'external',
  sourcemap: true,
  // Chunks sit beside the entry files, so import.meta.url-relative paths keep their depth.
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const types = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
process.exit(types.status ?? 1);

import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Retort keeps caches for a project (parsed meta.json files, replayed head schemas):
 * `node_modules/.cache/retort` beside the config when the project has dependencies, else a
 * folder in the system temp directory keyed by the project path; never the migrations folder.
 * `RETORT_CACHE_DIR` overrides it.
 *
 * @example
 * ```ts
 * cacheDir('/repo'); // '/repo/node_modules/.cache/retort'
 * ```
 */
export function cacheDir(root: string, env: NodeJS.ProcessEnv = {}): string {
  const configured = env['RETORT_CACHE_DIR'];
  if (configured) return configured;
  const modules = join(root, 'node_modules');
  if (existsSync(modules)) return join(modules, '.cache', 'retort');
  return join(tmpdir(), `retort-cache-${hash(root)}`);
}

/**
 * A short stable hash of a path or URL, for cache file names: FNV-1a, twice with different
 * seeds (64 bits). Not cryptographic: the first createHash() of a process costs ~7 ms of
 * OpenSSL set-up, a tenth of what `retort heads` may spend.
 *
 * @example
 * ```ts
 * hash('/repo/migrations'); // 16 hex digits, the same on every run
 * ```
 */
export function hash(value: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x01000193) >>> 0;
    b = (b ^ (b >>> 13)) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

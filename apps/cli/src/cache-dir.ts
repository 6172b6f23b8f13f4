import { createHash } from 'node:crypto';
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

/** A short stable hash of a path, for cache file names. */
export function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

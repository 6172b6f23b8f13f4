import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file so readers see the old content or the new, never a part: the data goes to a
 * temporary file beside it (its folder is created if missing), which is then renamed over
 * it. On failure the temporary file is removed and the error thrown.
 *
 * @example
 * ```ts
 * writeFileAtomic('node_modules/.cache/retort/head-1a2b.json', JSON.stringify(schema));
 * ```
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  // Unique per process and call without node:crypto (see sha256.ts).
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

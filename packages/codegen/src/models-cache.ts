import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@retort/core';
import type { Schema } from '@retort/schema';

const FORMAT = 1;

interface Entry {
  readonly format: number;
  readonly key: string;
  readonly files: readonly { readonly path: string; readonly hash: string }[];
  readonly schema: Schema;
}

/**
 * The schema a models file produced, reused while the file and every project file it
 * imported hash the same (checked on each read), for the same dialect and Retort version.
 * `retort check` in CI then skips evaluating a large models.ts.
 *
 * @example
 * ```ts
 * const cache = new ModelsCache('node_modules/.cache/retort', 'models.ts', 'sqlite@0.1.0');
 * const schema = cache.read() ?? compute();
 * ```
 */
export class ModelsCache {
  readonly #file: string;
  readonly #key: string;

  constructor(cacheDir: string, modelsFile: string, key: string) {
    this.#file = join(cacheDir, `models-${hashText(modelsFile).slice(0, 16)}.json`);
    this.#key = key;
  }

  read(): Schema | undefined {
    try {
      const entry = JSON.parse(readFileSync(this.#file, 'utf8')) as Entry;
      if (entry.format !== FORMAT || entry.key !== this.#key) return undefined;
      for (const file of entry.files) if (hashFile(file.path) !== file.hash) return undefined;
      return entry.schema;
    } catch {
      return undefined;
    }
  }

  write(files: readonly string[], schema: Schema): void {
    try {
      const entry: Entry = { format: FORMAT, key: this.#key, files: files.map((path) => ({ path, hash: hashFile(path) })), schema };
      writeFileAtomic(this.#file, JSON.stringify(entry));
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}

function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

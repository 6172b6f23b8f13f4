import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@retort/core';
import type { IntrospectCache, Schema } from '@retort/schema';
import { hash } from './cache-dir.js';

/**
 * The last introspection result of one database, kept in one file of the cache folder.
 * `version` (this Retort and the dialect build) is part of the key, so a new build never
 * reuses what an older one read. Unreadable files are misses; failing to write is ignored.
 *
 * @example
 * ```ts
 * const cache = fileIntrospectCache('node_modules/.cache/retort', 'sqlite:./dev.db', '0.1.0:1732375200000');
 * await sqliteSchemaDialect.introspect(connection, { cache });
 * ```
 */
export function fileIntrospectCache(dir: string, url: string, version: string): IntrospectCache {
  const file = join(dir, `live-${hash(url)}.json`);
  const full = (key: string) => `${version}\0${key}`;
  return {
    get(key) {
      try {
        const stored = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; schema?: Schema };
        return stored.key === full(key) ? stored.schema : undefined;
      } catch {
        return undefined;
      }
    },
    set(key, schema) {
      try {
        writeFileAtomic(file, JSON.stringify({ key: full(key), schema }));
      } catch {
        // A cache that cannot be written only costs speed.
      }
    },
  };
}

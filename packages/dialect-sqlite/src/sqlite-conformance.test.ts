import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConformanceSuite } from '@retort/core/testkit';
import { sqliteDialect } from './sqlite-dialect.js';

// The dialect conformance suite from @retort/core, on real SQLite files.
defineConformanceSuite({
  dialect: sqliteDialect,
  createDatabase: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retort-sqlite-conformance-'));
    return { url: `sqlite:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
});

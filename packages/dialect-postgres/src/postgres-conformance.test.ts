import { defineConformanceSuite } from '@retort/core/testkit';
import { createTestDatabase } from './__fixtures__/test-database.js';
import { postgresDialect } from './postgres-dialect.js';

// The dialect conformance suite from @retort/core, on a real PostgreSQL server: a fresh
// database per test, the version tables in their own schema (?schema=).
defineConformanceSuite({
  dialect: postgresDialect,
  tables: { versionTable: 'retort_version', historyTable: 'retort_history', schema: 'app' },
  createDatabase: async () => {
    const database = await createTestDatabase('conformance');
    return { url: database.urlWith({ schema: 'app' }), drop: () => database.drop() };
  },
});

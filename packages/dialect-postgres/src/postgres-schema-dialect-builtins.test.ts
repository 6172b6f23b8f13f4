import { readFileSync } from 'node:fs';
import { builtinsQueries, renderBuiltins } from './__fixtures__/postgres-builtins-source.mjs';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database.js';

// The built-in catalog the normalizer resolves against is generated from pg_catalog; it
// must still be what the server reports (regenerate with
// `node src/__fixtures__/generate-postgres-builtins.mjs` when this fails after a server upgrade).

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('builtins');
});
afterAll(() => db.drop());

test('postgres-schema-dialect-builtins.ts matches the server catalog', async () => {
  const client = await db.client();
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const [key, sql] of Object.entries(builtinsQueries)) rows[key] = (await client.query(sql)).rows;
  const committed = readFileSync(new URL('./postgres-schema-dialect-builtins.ts', import.meta.url), 'utf8');
  expect(renderBuiltins(rows)).toBe(committed);
});

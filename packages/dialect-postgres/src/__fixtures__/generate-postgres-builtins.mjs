// Regenerates src/postgres-schema-dialect-builtins.ts from a live server's pg_catalog: the
// types, casts, operators and functions the expression normalizer resolves against.
// Run from the package folder: node src/__fixtures__/generate-postgres-builtins.mjs
// (RETORT_TEST_PG_URL picks the server). postgres-schema-dialect-builtins.test.ts checks
// that the committed file still matches the server.
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { builtinsQueries, renderBuiltins } from './postgres-builtins-source.mjs';

const url = process.env.RETORT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const rows = {};
  for (const [key, sql] of Object.entries(builtinsQueries)) rows[key] = (await client.query(sql)).rows;
  writeFileSync(new URL('../postgres-schema-dialect-builtins.ts', import.meta.url), renderBuiltins(rows));
} finally {
  await client.end();
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusRoundTrip } from './__fixtures__/corpus-harness.js';
import { corpusFacts } from './__fixtures__/corpus-facts.js';

// Lago's production schema (getlago/lago-api db/structure.sql, AGPL-3.0): the scale case.
// It is never copied into this repository; the test reads it where the corpus lives.
const DIR = process.env.RETORT_CORPUS_DIR ?? '/work/shared/corpus';
const FILE = join(DIR, 'lago', 'postgres.sql');

function readLago(): string {
  if (!existsSync(FILE)) {
    throw new Error(`The Lago corpus is missing at ${FILE}; set RETORT_CORPUS_DIR to the folder holding lago/postgres.sql (it is AGPL and not part of this repository).`);
  }
  return readFileSync(FILE, 'utf8');
}

test('Lago: empty -> corpus equals the source, a second diff is empty, down -> empty; only a storage parameter is lost', async () => {
  const result = await corpusRoundTrip('lago', readLago());
  expect(corpusFacts(result.source)).toEqual({
    tables: 138, partitioned: 1, partitions: 1, columns: 1675, foreignKeys: 339, checks: 30, indexes: 620, partialIndexes: 118,
    expressionIndexes: 3, enums: 43, sequences: 3, views: 34, materializedViews: 1, viewIndexes: 0, triggers: 2,
  });
  expect(result.source.tables.find((t) => t.name === 'enriched_events_default')?.partitionOf).toEqual({ table: 'enriched_events', bound: 'DEFAULT' });
  expect(result.plan.hazards).toEqual([]);
  expect(result.dependentFunctions).toEqual([]);
  // Table storage parameters (WITH (...)) are not in the IR.
  expect(result.onlyInSource).toEqual(['table events: r p autovacuum_vacuum_scale_factor=0.005   ']);
  expect(result.onlyInRecreated).toEqual(['table events: r p    ']);
}, 300_000);

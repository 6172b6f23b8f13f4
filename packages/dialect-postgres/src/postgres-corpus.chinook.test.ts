import { readFileSync } from 'node:fs';
import { corpusRoundTrip } from './__fixtures__/corpus-harness.js';
import { corpusFacts } from './__fixtures__/corpus-facts.js';

// Chinook for PostgreSQL (lerocha/chinook-database, MIT; see src/__fixtures__/corpus):
// lower-case names, composite keys, foreign keys added by ALTER TABLE, named indexes.
const CHINOOK = readFileSync(new URL('./__fixtures__/corpus/chinook.sql', import.meta.url), 'utf8');

test('Chinook: empty -> corpus equals the source, a second diff is empty, down -> empty, nothing lost', async () => {
  const result = await corpusRoundTrip('chinook', CHINOOK);
  expect(corpusFacts(result.source)).toEqual({
    tables: 11, partitioned: 0, partitions: 0, columns: 64, foreignKeys: 11, checks: 0, indexes: 11, partialIndexes: 0,
    expressionIndexes: 0, enums: 0, sequences: 0, views: 0, materializedViews: 0, viewIndexes: 0, triggers: 0,
  });
  expect(result.source.tables.find((t) => t.name === 'playlist_track')?.primaryKey).toEqual({ columns: ['playlist_id', 'track_id'] });
  expect(result.plan.hazards).toEqual([]);
  expect(result.dependentFunctions).toEqual([]);
  expect(result.onlyInSource).toEqual([]);
  expect(result.onlyInRecreated).toEqual([]);
}, 120_000);

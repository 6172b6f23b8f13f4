import { readFileSync } from 'node:fs';
import { corpusRoundTrip } from './__fixtures__/corpus-harness.js';
import { corpusFacts } from './__fixtures__/corpus-facts.js';

// Pagila (devrimgunduz/pagila, PostgreSQL licence; see src/__fixtures__/corpus): a pg_dump
// with a partitioned payment table and 55 monthly partitions, sequences behind nextval()
// defaults, an enum, domains, views and a materialized view with a unique index, triggers,
// functions and an aggregate.
const PAGILA = readFileSync(new URL('./__fixtures__/corpus/pagila.sql', import.meta.url), 'utf8');

test('Pagila: empty -> corpus equals the source, a second diff is empty, down -> empty, nothing lost', async () => {
  const result = await corpusRoundTrip('pagila', PAGILA);
  expect(corpusFacts(result.source)).toEqual({
    tables: 70, partitioned: 1, partitions: 55, columns: 417, foreignKeys: 36, checks: 0, indexes: 33, partialIndexes: 0,
    expressionIndexes: 0, enums: 1, sequences: 13, views: 8, materializedViews: 1, viewIndexes: 1, triggers: 15,
  });
  const payment = result.source.tables.find((t) => t.name === 'payment');
  expect(payment?.partitionBy).toBe('RANGE (payment_date)');
  expect(result.source.tables.find((t) => t.name === 'payment_p2022_01')?.partitionOf).toEqual({
    table: 'payment',
    bound: "FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00')",
  });
  expect(result.source.enums).toEqual([{ name: 'mpaa_rating', values: ['G', 'PG', 'PG-13', 'R', 'NC-17'] }]);
  // A column of a domain keeps the domain's name; the domain itself stays in place.
  expect(result.source.tables.find((t) => t.name === 'film')?.columns.find((c) => c.name === 'release_year')).toEqual({ name: 'release_year', type: 'year', nullable: true });
  expect(result.source.sequences.find((s) => s.name === 'actor_actor_id_seq')).toEqual({
    name: 'actor_actor_id_seq', type: 'bigint', start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false,
  });
  expect(result.source.tables.find((t) => t.name === 'actor')?.columns[0]).toEqual({ name: 'actor_id', type: 'integer', nullable: false, default: "nextval('actor_actor_id_seq'::regclass)" });
  expect(result.plan.hazards).toEqual([]);
  // rewards_report() returns SETOF customer: it can only exist once customer does, and
  // only be dropped by hand (Retort does not model functions).
  expect(result.dependentFunctions).toEqual(['rewards_report(integer,numeric)']);
  expect(result.onlyInSource).toEqual([]);
  expect(result.onlyInRecreated).toEqual([]);
}, 180_000);

import { readFileSync } from 'node:fs';
import { corpusRoundTrip } from './__fixtures__/corpus-harness.js';
import { corpusFacts } from './__fixtures__/corpus-facts.js';

// Northwind (pthom/northwind_psql, Ms-PL; see src/__fixtures__/corpus): an old pg_dump
// preamble, keys and foreign keys added at the end with ALTER TABLE ONLY, a foreign key
// without a column list, bytea, real and smallint columns.
const NORTHWIND = readFileSync(new URL('./__fixtures__/corpus/northwind.sql', import.meta.url), 'utf8');

test('Northwind: empty -> corpus equals the source, a second diff is empty, down -> empty, nothing lost', async () => {
  const result = await corpusRoundTrip('northwind', NORTHWIND);
  expect(corpusFacts(result.source)).toEqual({
    tables: 14, partitioned: 0, partitions: 0, columns: 92, foreignKeys: 13, checks: 0, indexes: 0, partialIndexes: 0,
    expressionIndexes: 0, enums: 0, sequences: 0, views: 0, materializedViews: 0, viewIndexes: 0, triggers: 0,
  });
  // The foreign key written without a column list points at the target's primary key.
  expect(result.source.tables.find((t) => t.name === 'employees')?.foreignKeys).toEqual([
    { name: 'fk_employees_employees', columns: ['reports_to'], references: { table: 'employees', columns: ['employee_id'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' },
  ]);
  expect(result.plan.hazards).toEqual([]);
  expect(result.onlyInSource).toEqual([]);
  expect(result.onlyInRecreated).toEqual([]);
}, 120_000);

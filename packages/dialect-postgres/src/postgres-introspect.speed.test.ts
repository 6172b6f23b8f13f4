import type { Queryable } from '@retort/core';
import { planMigration } from '@retort/schema';
import { postgresSchemaDialect as dialect } from './postgres-schema-dialect.js';
import { openScratch, type Scratch } from './__fixtures__/pg-schema-harness.js';

// Introspecting 500 tables (8 columns, a foreign key, an index and a unique each) takes one
// round trip and a few tens of milliseconds; `retort check` on such a schema rests on it.
const TABLES = 500;
const RUNS = 10;

let s: Scratch;
beforeAll(async () => {
  s = await openScratch('speed');
  const ddl: string[] = [];
  for (let i = 0; i < TABLES; i++) {
    const ref = i > 0 ? `REFERENCES t${i - 1} (id) ON DELETE CASCADE` : '';
    ddl.push(
      `CREATE TABLE t${i} (id integer PRIMARY KEY, name varchar(100) NOT NULL, email text, price numeric(10,2) DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), active boolean NOT NULL DEFAULT true, parent_id integer ${ref}, note text, UNIQUE (email));`,
      `CREATE INDEX ix_t${i}_name ON t${i} (name);`,
    );
  }
  await s.conn.execute(ddl.join('\n'));
}, 120_000);
afterAll(() => s.close());

function counting(db: Queryable): { db: Queryable; calls: () => number } {
  let calls = 0;
  return {
    db: { runScript: (script) => db.runScript(script), execute: (sql) => db.execute(sql), query: (sql, params) => ((calls += 1), db.query(sql, params)) },
    calls: () => calls,
  };
}

test(`${TABLES} tables: one round trip, a median of a few tens of ms, and a no-op diff`, async () => {
  const probe = counting(s.conn);
  const first = performance.now();
  const schema = await dialect.introspect(probe.db);
  const cold = performance.now() - first;
  expect(probe.calls()).toBe(1);
  expect(schema.tables).toHaveLength(TABLES);
  expect(schema.tables[1]?.foreignKeys).toHaveLength(1);
  expect(schema.tables[1]?.uniques).toEqual([{ columns: ['email'] }]);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await dialect.introspect(s.conn);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)] as number;
  const started = performance.now();
  expect(planMigration(schema, schema, { dialect }).up).toEqual([]);
  const diffMs = performance.now() - started;
  process.stdout.write(`introspect ${TABLES} tables: first ${cold.toFixed(1)} ms, median ${median.toFixed(1)} ms (min ${(times[0] as number).toFixed(1)}), no-op plan ${diffMs.toFixed(1)} ms\n`);
  // Loose enough for a loaded shared machine (the round-trip count above is the exact
  // guard); a per-table or quadratic reader would take seconds.
  expect(median).toBeLessThan(1000);
}, 120_000);

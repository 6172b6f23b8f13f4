import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOperations, diff, planMigration } from '@retort/schema';
import { sqliteSchemaDialect as dialect } from './sqlite-schema-dialect.js';
import { introspect, openMemory, runScript, type Db } from './__fixtures__/sqlite-harness.js';

// Benchmarks against the raw floor (the same work through better-sqlite3 with no tool
// around it), measured side by side. RETORT_BENCH_ROWS sets the rebuilt table's size
// (1000000 for the acceptance figure; CI runs 100000 to stay quick).
const ROWS = Number(process.env.RETORT_BENCH_ROWS ?? 100_000);
const TABLES = 500;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'retort-bench-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CREATE_ITEMS = `CREATE TABLE "items" (
  "id" integer NOT NULL, "sku" text NOT NULL, "name" text, "price" real NOT NULL DEFAULT 0, "qty" integer NOT NULL DEFAULT 0, "note" text,
  PRIMARY KEY ("id")
);
CREATE INDEX "ix_items_sku" ON "items" ("sku");`;

function fill(file: string): Db {
  const db = openMemory(file);
  db.pragma('journal_mode = WAL');
  db.exec(CREATE_ITEMS);
  db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
           INSERT INTO items SELECT i, 'sku' || i, 'item ' || i, i * 0.5, i % 100, NULL FROM n`);
  return db;
}

const RAW_REBUILD = `BEGIN;
CREATE TABLE "new_items" (
  "id" integer NOT NULL, "sku" text NOT NULL, "name" text, "price" real NOT NULL DEFAULT 0, "qty" integer NOT NULL DEFAULT 0, "note" text,
  PRIMARY KEY ("id"), CHECK (qty >= 0)
);
INSERT INTO "new_items" SELECT * FROM "items";
DROP TABLE "items";
ALTER TABLE "new_items" RENAME TO "items";
CREATE INDEX "ix_items_sku" ON "items" ("sku");
COMMIT;`;

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

test(`rebuild of a ${ROWS}-row table costs at most 1.15x the raw floor (best of 5, side by side)`, async () => {
  const raw: number[] = [];
  const retort: number[] = [];
  for (let round = 0; round < 5; round++) {
    const a = fill(join(dir, `raw-${round}.db`));
    raw.push(time(() => a.exec(RAW_REBUILD)));
    expect(a.prepare('SELECT count(*) FROM items').pluck().get()).toBe(ROWS);
    a.close();
    const b = fill(join(dir, `retort-${round}.db`));
    let planned = '';
    const start = process.hrtime.bigint();
    const from = await introspect(b);
    const to = applyOperations(from, [{ kind: 'addCheck', table: 'items', check: { expression: 'qty >= 0' } }]);
    planned = planMigration(from, to, { dialect }).upSql;
    runScript(b, planned);
    retort.push(Number(process.hrtime.bigint() - start) / 1e6);
    expect(planned).toContain('INSERT INTO "retort_new_items"');
    expect(b.prepare('SELECT count(*) FROM items').pluck().get()).toBe(ROWS);
    b.close();
  }
  const ratio = Math.min(...retort) / Math.min(...raw);
  process.stdout.write(`rebuild ${ROWS} rows: raw floor ${Math.min(...raw).toFixed(1)} ms, retort ${Math.min(...retort).toFixed(1)} ms, ratio ${ratio.toFixed(3)}\n`);
  expect(ratio).toBeLessThanOrEqual(1.15);
}, 180_000);

test(`introspection + diff of a ${TABLES}-table schema takes a few tens of milliseconds`, async () => {
  const db = openMemory(join(dir, 'wide.db'));
  const ddl: string[] = [];
  for (let i = 0; i < TABLES; i++) {
    const ref = i > 0 ? `, "parent_id" integer REFERENCES "t${i - 1}" ("id") ON DELETE CASCADE` : '';
    ddl.push(`CREATE TABLE "t${i}" ("id" integer NOT NULL PRIMARY KEY, "name" varchar(100) NOT NULL, "email" text COLLATE NOCASE, "price" numeric(10,2) DEFAULT 0 CHECK (price >= 0), "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, "flag" boolean DEFAULT FALSE${ref}, UNIQUE ("email"));`);
    ddl.push(`CREATE INDEX "ix_t${i}_name" ON "t${i}" ("name");`);
    if (i % 10 === 0) ddl.push(`CREATE INDEX "ix_t${i}_lower" ON "t${i}" (lower(name)) WHERE email IS NOT NULL;`);
  }
  db.exec(ddl.join('\n'));
  const models = await introspect(db);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    times.push(
      await (async () => {
        const start = process.hrtime.bigint();
        const current = await introspect(db);
        expect(diff(current, models)).toEqual([]);
        return Number(process.hrtime.bigint() - start) / 1e6;
      })(),
    );
  }
  const best = Math.min(...times);
  process.stdout.write(`introspect + diff ${TABLES} tables: best ${best.toFixed(1)} ms, all ${times.map((t) => t.toFixed(1)).join(' / ')} ms\n`);
  expect(models.tables).toHaveLength(TABLES);
  // Warm, alone on the machine, this is ~50 ms (see the package report); the bound leaves
  // room for jest running other suites beside it on two cores.
  expect(best).toBeLessThan(500);
  db.close();
}, 60_000);

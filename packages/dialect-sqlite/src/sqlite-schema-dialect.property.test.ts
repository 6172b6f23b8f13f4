import { applyOperations, deepEqual, EMPTY_SCHEMA, normalizeSchema, planMigration, type Schema } from '@retort/schema';
import { randomSchemaPair, sampleRows, seededRandom, type SchemaPair } from '@retort/schema/testing';
import { sqliteSchemaDialect as dialect } from './sqlite-schema-dialect.js';
import { introspect, openMemory, runScript, type Db } from './__fixtures__/sqlite-harness.js';

// Property: for generated schema pairs (A, B), applying the planned up-migration to a
// database at A (holding rows) yields exactly B, down yields A again (column order aside:
// ALTER TABLE appends), and the values of surviving columns are kept both ways.
// Seeds are fixed (BASE_SEED + i); RETORT_PROPERTY_RUNS raises the count. Half the pairs
// are rendered for SQLite 3.35 (the default), half for 3.53.
const BASE_SEED = 20261123;
const RUNS = Number(process.env.RETORT_PROPERTY_RUNS ?? 1000);

function insertRows(db: Db, schema: Schema): void {
  db.exec('BEGIN; PRAGMA defer_foreign_keys = ON;');
  for (const { table, rows } of sampleRows(schema)) {
    for (const row of rows) {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(row));
    }
  }
  db.exec('COMMIT');
}

/** Rows of the columns that survive from `fromTable` to `toTable` with the same type, as sorted JSON. */
function survivingData(db: Db, from: Schema, to: Schema, pair: { tables: Map<string, string>; columns: Map<string, string> }, side: 'from' | 'to'): string[] {
  const out: string[] = [];
  for (const t of from.tables) {
    const targetName = pair.tables.get(t.name);
    const target = to.tables.find((x) => x.name === targetName);
    if (!target) continue;
    const cols = t.columns.flatMap((c) => {
      const name = pair.columns.get(`${t.name}.${c.name}`);
      const tc = target.columns.find((x) => x.name === name);
      return tc && tc.type === c.type && !c.generated && !tc.generated ? [[c.name, tc.name] as const] : [];
    });
    if (cols.length === 0) continue;
    const table = side === 'from' ? t.name : target.name;
    const list = cols.map(([f, tname]) => `"${side === 'from' ? f : tname}"`).join(', ');
    const rows = db.prepare(`SELECT ${list} FROM "${table}"`).raw().all() as unknown[][];
    out.push(`${t.name}: ${rows.map((r) => JSON.stringify(r)).sort().join(' ')}`);
  }
  return out;
}

function sortColumns(s: Schema): Schema {
  return { ...s, tables: s.tables.map((t) => ({ ...t, columns: [...t.columns].sort((x, y) => (x.name < y.name ? -1 : 1)) })) };
}


describe('sqlite schema round trip (property)', () => {
  test(`${RUNS} generated schema pairs: up reaches B, down returns to A, data kept`, async () => {
    for (let i = 0; i < RUNS; i++) {
      const seed = BASE_SEED + i;
      const pair = randomSchemaPair(seededRandom(seed), { dialect: 'sqlite' });
      const a = normalizeSchema(pair.a, dialect);
      const b = normalizeSchema(pair.b, dialect);
      const db = openMemory();
      let stage = 'create A';
      try {
        runScript(db, planMigration(EMPTY_SCHEMA, a, { dialect }).upSql);
        expectEqual(await introspect(db), a, stage);
        stage = 'insert rows';
        insertRows(db, a);
        stage = 'plan A -> B';
        // Odd seeds target SQLite 3.53 (ALTER COLUMN SET/DROP NOT NULL, ADD/DROP CONSTRAINT).
        const plan = planMigration(a, b, { dialect, resolveRename: pair.resolveRename, ...(i % 2 === 1 ? { targetVersion: '3.53' } : {}) });
        expectEqual(applyOperations(a, plan.up), b, 'applyOperations(A, up)');
        const maps = { tables: new Map(pair.tableMap), columns: new Map(pair.columnMap) };
        const before = survivingData(db, a, b, maps, 'from');
        stage = 'up';
        runScript(db, plan.upSql);
        expectEqual(await introspect(db), b, 'introspection after up');
        expectEqual(survivingData(db, a, b, maps, 'to'), before, 'data after up');
        stage = 'down';
        runScript(db, plan.downSql);
        const back = await introspect(db);
        expectEqual(sortColumns(back), sortColumns(a), 'introspection after down');
        expectEqual(survivingData(db, a, b, maps, 'from'), before, 'data after down');
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`seed ${seed} failed at ${stage}: ${message}\nA: ${JSON.stringify(pair.a)}\nB: ${JSON.stringify(pair.b)}`);
      } finally {
        db.close();
      }
    }
  });
});

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (!deepEqual(actual, expected)) {
    throw new Error(`${what} differs:\n  expected ${JSON.stringify(expected)}\n  actual   ${JSON.stringify(actual)}`);
  }
}

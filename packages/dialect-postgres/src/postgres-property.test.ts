import { applyOperations, EMPTY_SCHEMA, normalizeSchema, planMigration, type Schema } from '@retort/schema';
import { randomSchemaPair, sampleRows, seededRandom, type SchemaPair } from '@retort/schema/testing';
import type { PostgresConnection } from './postgres-driver.js';
import { postgresSchemaDialect as dialect } from './postgres-schema-dialect.js';
import { renameColumnInExpression } from './postgres-schema-dialect-model.js';
import { expectSame, introspect, openScratch, resetPublic, runScript, type Scratch } from './__fixtures__/pg-schema-harness.js';

// Property: for generated schema pairs (A, B), applying the planned up-migration to a
// database at A (holding rows) yields exactly B, down yields A again (column order aside:
// ADD COLUMN appends), and the values of surviving columns are kept both ways. One database
// for the whole run, its public schema dropped and recreated between pairs. Seeds are fixed
// (BASE_SEED + i); RETORT_PROPERTY_RUNS changes the count.
const BASE_SEED = 20261123;
const RUNS = Number(process.env.RETORT_PROPERTY_RUNS ?? 1000);

let s: Scratch;
beforeAll(async () => {
  s = await openScratch('property');
});
afterAll(() => s.close());

function literal(value: number | string): string {
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

/** Sample rows as one script; foreign keys are not checked while loading (they hold anyway, cycles included). */
async function insertRows(conn: PostgresConnection, schema: Schema): Promise<void> {
  const inserts = sampleRows(schema).flatMap(({ table, rows }) => {
    const first = rows[0];
    if (!first) return [];
    const cols = Object.keys(first);
    if (cols.length === 0) return [`INSERT INTO "${table}" DEFAULT VALUES`];
    const values = rows.map((r) => `(${cols.map((c) => literal(r[c] as number | string)).join(', ')})`).join(', ');
    return [`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`];
  });
  await runScript(conn, ['SET LOCAL session_replication_role = replica', ...inserts].join(';\n') + ';\n');
}

/** Rows of the columns that survive from A to B with the same type, per table, as sorted JSON. */
async function survivingData(conn: PostgresConnection, pair: SchemaPair, a: Schema, b: Schema, side: 'a' | 'b'): Promise<string[]> {
  const out: string[] = [];
  for (const t of a.tables) {
    const targetName = pair.tableMap.get(t.name);
    const target = b.tables.find((x) => x.name === targetName);
    if (!target) continue;
    const cols = t.columns.flatMap((c) => {
      const name = pair.columnMap.get(`${t.name}.${c.name}`);
      const tc = target.columns.find((x) => x.name === name);
      return tc && tc.type === c.type && !c.generated && !tc.generated ? [[c.name, tc.name] as const] : [];
    });
    if (cols.length === 0) continue;
    const table = side === 'a' ? t.name : target.name;
    const list = cols.map(([from, to]) => `"${side === 'a' ? from : to}"`).join(', ');
    const rows = await conn.query<Record<string, unknown>>(`SELECT ${list} FROM "${table}"`);
    out.push(`${t.name}: ${rows.map((r) => JSON.stringify(Object.values(r))).sort().join(' ')}`);
  }
  return out;
}

function sortColumns(schema: Schema): Schema {
  return { ...schema, tables: schema.tables.map((t) => ({ ...t, columns: [...t.columns].sort((x, y) => (x.name < y.name ? -1 : 1)) })) };
}

describe('postgres schema round trip (property)', () => {
  test(`${RUNS} generated schema pairs: up reaches B, down returns to A, data kept`, async () => {
    for (let i = 0; i < RUNS; i++) {
      const seed = BASE_SEED + i;
      const pair = randomSchemaPair(seededRandom(seed), { dialect: 'postgres' });
      const a = normalizeSchema(pair.a, dialect);
      const b = normalizeSchema(pair.b, dialect);
      let stage = 'reset';
      try {
        await resetPublic(s.conn);
        stage = 'create A';
        await runScript(s.conn, planMigration(EMPTY_SCHEMA, a, { dialect }).upSql);
        expectSame(await introspect(s.conn), a, 'introspection of A');
        stage = 'insert rows';
        await insertRows(s.conn, a);
        stage = 'plan A -> B';
        const plan = planMigration(a, b, { dialect, resolveRename: pair.resolveRename });
        expectSame(normalizeSchema(applyOperations(a, plan.up, { renameInExpression: renameColumnInExpression }), dialect), b, 'applyOperations(A, up)');
        const before = await survivingData(s.conn, pair, a, b, 'a');
        stage = `up:\n${plan.upSql}`;
        await runScript(s.conn, plan.upSql);
        expectSame(await introspect(s.conn), b, 'introspection after up');
        expectSame(await survivingData(s.conn, pair, a, b, 'b'), before, 'data after up');
        stage = `down:\n${plan.downSql}`;
        await runScript(s.conn, plan.downSql);
        expectSame(sortColumns(await introspect(s.conn)), sortColumns(a), 'introspection after down');
        expectSame(await survivingData(s.conn, pair, a, b, 'a'), before, 'data after down');
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`seed ${seed} failed at ${stage}\n${message}\nA: ${JSON.stringify(pair.a)}\nB: ${JSON.stringify(pair.b)}`);
      }
    }
  }, 1_800_000);
});

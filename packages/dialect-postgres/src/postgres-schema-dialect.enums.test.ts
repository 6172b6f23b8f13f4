import { StatementError } from '@retort/core';
import { EMPTY_SCHEMA, enumType, fromModels, integer, planMigration, table, type Schema } from '@retort/schema';
import { postgresSchemaDialect as dialect } from './postgres-schema-dialect.js';
import { expectSame, introspect, openScratch, resetPublic, runScript, type Scratch } from './__fixtures__/pg-schema-harness.js';

// Postgres enums, the case Alembic users complain about most: created with the table,
// values added in place (even when the same migration uses them), values removed by
// rebuilding the type (a hazard; rows holding the value make it fail and roll back).

let s: Scratch;
beforeAll(async () => {
  s = await openScratch('enums');
});
afterAll(() => s.close());

function model(values: readonly string[], defaultValue = 'pending'): Schema {
  const status = enumType('order_status', values);
  const orders = table('orders', { id: integer().primaryKey(), status: status.column().notNull().default(defaultValue) });
  return fromModels({ status, orders }, dialect);
}

async function statuses(): Promise<string[]> {
  return (await s.conn.query<{ status: string }>('SELECT status::text AS status FROM orders ORDER BY id')).map((r) => r.status);
}

beforeEach(async () => {
  await resetPublic(s.conn);
  await runScript(s.conn, planMigration(EMPTY_SCHEMA, model(['pending', 'paid', 'shipped']), { dialect }).upSql);
  await s.conn.execute("INSERT INTO orders (id, status) VALUES (1, 'pending'), (2, 'paid'), (3, 'shipped')");
});

test('create: the type comes before the table using it, and its default round-trips without churn', async () => {
  const current = await introspect(s.conn);
  expect(current.enums).toEqual([{ name: 'order_status', values: ['pending', 'paid', 'shipped'] }]);
  expect(current.tables[0]?.columns[1]).toEqual({ name: 'status', type: 'order_status', nullable: false, default: "'pending'::order_status" });
  expect(planMigration(current, model(['pending', 'paid', 'shipped']), { dialect }).up).toEqual([]);
});

test('add value: ALTER TYPE ... ADD VALUE in place, in the runner transaction; down takes it out again by rebuilding the type', async () => {
  const a = await introspect(s.conn);
  const b = model(['pending', 'paid', 'refunded', 'shipped']);
  const plan = planMigration(a, b, { dialect });
  expect(plan.upSql).toBe(`ALTER TYPE "order_status" ADD VALUE 'refunded' BEFORE 'shipped';\n`);
  expect(plan.hazards).toEqual([]);
  await runScript(s.conn, plan.upSql);
  expectSame(await introspect(s.conn), b, 'after up');
  expect(planMigration(b, a, { dialect }).hazards.map((h) => h.code)).toEqual(['ENUM_VALUE_REMOVED']);
  await runScript(s.conn, plan.downSql);
  expectSame(await introspect(s.conn), a, 'after down');
  expect(await statuses()).toEqual(['pending', 'paid', 'shipped']);
});

test('add value used as the new default in the same migration: committed first, the rest in its own transaction', async () => {
  const a = await introspect(s.conn);
  const b = model(['pending', 'paid', 'shipped', 'draft'], 'draft');
  const plan = planMigration(a, b, { dialect });
  expect(plan.upSql).toBe(
    [
      "-- retort:no-transaction",
      '-- hazard NO_TRANSACTION: Runs outside the runner\'s transaction, in its own BEGIN/COMMIT blocks, because CREATE INDEX CONCURRENTLY or a newly added enum value cannot run in or be used by the transaction that adds it; a failure can leave the blocks before it applied.',
      '',
      `ALTER TYPE "order_status" ADD VALUE IF NOT EXISTS 'draft';`,
      'BEGIN;',
      `ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'draft'::order_status;`,
      'COMMIT;',
      '',
    ].join('\n'),
  );
  await runScript(s.conn, plan.upSql);
  expectSame(await introspect(s.conn), b, 'after up');
  await s.conn.execute('INSERT INTO orders (id) VALUES (4)');
  expect(await statuses()).toEqual(['pending', 'paid', 'shipped', 'draft']);
});

test('remove value: ENUM_VALUE_REMOVED, the type is rebuilt and rows keep their values', async () => {
  await s.conn.execute("UPDATE orders SET status = 'pending' WHERE status = 'shipped'");
  const a = await introspect(s.conn);
  const b = model(['pending', 'paid']);
  const plan = planMigration(a, b, { dialect });
  expect(plan.hazards).toEqual([{ code: 'ENUM_VALUE_REMOVED', message: "Removes value 'shipped' from enum 'order_status'; rows holding it make the migration fail." }]);
  await runScript(s.conn, plan.upSql);
  expectSame(await introspect(s.conn), b, 'after up');
  expect(await statuses()).toEqual(['pending', 'paid', 'pending']);
  await runScript(s.conn, plan.downSql);
  expectSame(await introspect(s.conn), a, 'after down');
});

test('remove a value rows still hold: the migration fails and rolls back to A', async () => {
  const a = await introspect(s.conn);
  const plan = planMigration(a, model(['pending', 'paid']), { dialect });
  const failure = await runScript(s.conn, plan.upSql).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(StatementError);
  expect((failure as StatementError).message).toBe('invalid input value for enum order_status: "shipped"');
  expectSame(await introspect(s.conn), a, 'after the failed migration');
  expect(await statuses()).toEqual(['pending', 'paid', 'shipped']);
});

test('drop: the column goes, then the type', async () => {
  const a = await introspect(s.conn);
  const b = fromModels({ orders: table('orders', { id: integer().primaryKey() }) }, dialect);
  const plan = planMigration(a, b, { dialect });
  expect(plan.up.map((op) => op.kind)).toEqual(['dropColumn', 'dropEnum']);
  await runScript(s.conn, plan.upSql);
  expectSame(await introspect(s.conn), b, 'after up');
  await runScript(s.conn, plan.downSql);
  expectSame(await introspect(s.conn), a, 'after down');
});

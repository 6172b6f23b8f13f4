import {
  EMPTY_SCHEMA,
  bigint,
  boolean,
  enumType,
  fromModels,
  index,
  integer,
  jsonb,
  numeric,
  planMigration,
  serial,
  sql,
  table,
  text,
  timestamp,
  timestamptz,
  uuid,
  varchar,
  view,
} from '@retort/schema';
import { postgresSchemaDialect as dialect } from './postgres-schema-dialect.js';
import { expectSame, introspect, openScratch, runScript, type Scratch } from './__fixtures__/pg-schema-harness.js';

let s: Scratch;
beforeAll(async () => {
  s = await openScratch('roundtrip');
});
afterAll(() => s.close());

const status = enumType('order_status', ['pending', 'paid', 'shipped']);
const users = table('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull().unique(),
  name: text(),
  active: boolean().notNull().default(true),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  uid: uuid().notNull().default(sql`gen_random_uuid()`),
  settings: jsonb().notNull().default(sql`'{}'`),
});
const orders = table(
  'orders',
  {
    id: bigint().identity('always').primaryKey(),
    user_id: integer().notNull().references(() => users.id, { onDelete: 'CASCADE' }),
    status: status.column().notNull().default('pending'),
    total: numeric(10, 2).notNull().default(0).check(sql`total >= 0`),
    note: varchar(200).default('none'),
    paid_at: timestamptz(),
  },
  (t) => [index('orders_user_idx').on(t.user_id), index('orders_unpaid_idx').on(t.user_id).where(sql`paid_at IS NULL`), index('orders_note_lower').on(sql`lower(note)`)],
);
const summary = view('user_order_counts', 'SELECT u.id, count(o.id) AS orders FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id');

test('models -> apply -> introspection equals the models; a second diff is empty; down -> empty', async () => {
  const target = fromModels({ status, users, orders, summary }, dialect);
  const plan = planMigration(EMPTY_SCHEMA, target, { dialect });
  await runScript(s.conn, plan.upSql);
  const applied = await introspect(s.conn);
  const { views: _v, ...withoutViews } = applied;
  const { views: _w, ...targetWithoutViews } = target;
  expectSame(withoutViews, targetWithoutViews, 'introspection');
  expect(planMigration(applied, applied, { dialect }).up).toEqual([]);
  await runScript(s.conn, plan.downSql);
  expectSame(await introspect(s.conn), EMPTY_SCHEMA, 'after down');
});

import {
  EMPTY_SCHEMA, bigint, boolean, date, doublePrecision, enumType, fromModels, integer, jsonb, numeric, planMigration, real, sequence, serial, sql, table, text,
  timestamp, timestamptz, customType, uuid, varchar,
} from '@retort/schema';
import { postgresSchemaDialect as dialect } from './postgres-schema-dialect.js';
import { expectSame, introspect, openScratch, runScript, type Scratch } from './__fixtures__/pg-schema-harness.js';

// Server defaults compared without false positives: a model's default, however it is
// spelled, equals what the catalog reports once applied, so the next autogenerate is empty.

let s: Scratch;
beforeAll(async () => {
  s = await openScratch('defaults');
});
afterAll(() => s.close());

const mood = enumType('mood', ['sad', 'ok']);
const counter = sequence('counter_seq', { start: '10' });
const DEFAULTS = table('defaults', {
  id: serial().primaryKey(),
  now_fn: timestamptz().default(sql`now()`),
  now_upper: timestamptz().default(sql`NOW()`),
  current_ts: timestamp().default(sql`CURRENT_TIMESTAMP`),
  current_ts_lower: timestamp().default(sql`current_timestamp`),
  current_ts_now: timestamp().default(sql`now()`),
  today: date().default(sql`CURRENT_DATE`),
  label: text().default('x'),
  quoted: varchar(20).default("it's"),
  empty: text().default(''),
  zero: integer().default(0),
  negative: integer().default(-1),
  big: bigint().default(sql`0::bigint`),
  money: numeric(10, 2).default(9.99),
  ratio: real().default(0.5),
  precise: doublePrecision().default(2),
  flag: boolean().default(true),
  flag_upper: boolean().default(sql`FALSE`),
  flag_text: boolean().default(sql`'yes'`),
  uid: uuid().default(sql`gen_random_uuid()`),
  next_number: bigint().default(sql`nextval('counter_seq')`),
  doc: jsonb().default(sql`'{}'`),
  doc_cast: jsonb().default(sql`'{"b": 1, "a": [1,2]}'::jsonb`),
  tags: customType('text[]').default(sql`ARRAY[]::text[]`),
  codes: customType('integer[]').default(sql`'{}'`),
  delay: customType('interval').default(sql`interval '90 minutes'`),
  later: timestamptz().default(sql`now() + interval '1 day'`),
  feeling: mood.column().default('ok'),
  upper_name: text().default(sql`upper('abc')`),
  legacy: customType('serial'),
});

test('every default spelling round-trips: the second autogenerate is empty', async () => {
  const target = fromModels({ mood, counter, DEFAULTS }, dialect);
  await runScript(s.conn, planMigration(EMPTY_SCHEMA, target, { dialect }).upSql);
  const applied = await introspect(s.conn);
  expectSame(applied, target, 'introspection');
  expect(planMigration(applied, fromModels({ mood, counter, DEFAULTS }, dialect), { dialect }).up).toEqual([]);
  const columns = Object.fromEntries((applied.tables[0]?.columns ?? []).map((c) => [c.name, c.default]));
  expect(columns).toEqual({
    id: undefined,
    now_fn: 'now()',
    now_upper: 'now()',
    current_ts: 'CURRENT_TIMESTAMP',
    current_ts_lower: 'CURRENT_TIMESTAMP',
    current_ts_now: 'now()',
    today: 'CURRENT_DATE',
    label: "'x'::text",
    quoted: "'it''s'::character varying",
    empty: "''::text",
    zero: '0',
    negative: "'-1'::integer",
    big: '(0)::bigint',
    money: '9.99',
    ratio: '0.5',
    precise: '2',
    flag: 'true',
    flag_upper: 'false',
    flag_text: 'true',
    uid: 'gen_random_uuid()',
    next_number: "nextval('counter_seq'::regclass)",
    doc: "'{}'::jsonb",
    doc_cast: `'{"a": [1, 2], "b": 1}'::jsonb`,
    tags: 'ARRAY[]::text[]',
    codes: "'{}'::integer[]",
    delay: "'01:30:00'::interval",
    later: "now() + '1 day'::interval",
    feeling: "'ok'::mood",
    upper_name: "upper('abc'::text)",
    legacy: "nextval('defaults_legacy_seq'::regclass)",
  });
  expect(applied.tables[0]?.columns[0]).toEqual({ name: 'id', type: 'integer', nullable: false, identity: 'by-default' });
  expect(applied.sequences.map((q) => [q.name, q.ownedBy])).toEqual([
    ['counter_seq', undefined],
    ['defaults_legacy_seq', { table: 'defaults', column: 'legacy' }],
  ]);
});

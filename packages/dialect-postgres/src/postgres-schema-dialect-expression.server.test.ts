import type pg from 'pg';
import { normalizePostgresExpression, type ExpressionRole } from './postgres-schema-dialect-expression.js';
import { typeNameOf } from './postgres-schema-dialect-type.js';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database.js';

// The normalizer must print a model's expression exactly as the server prints what it
// stored, and be a fixed point on the server's own text. Each case is applied to a real
// table; the server's pg_get_expr text is normalized and compared with the model's.

const COLUMNS: Record<string, string> = {
  i: 'integer', s: 'smallint', b: 'bigint', n: 'numeric(10,2)', r: 'real', d: 'double precision', t: 'text',
  v: 'varchar(20)', ch: 'char(2)', bo: 'boolean', m: 'mood', ts: 'timestamp', tz: 'timestamptz', dt: 'date',
  j: 'jsonb', js: 'json', arr: 'text[]', iarr: 'integer[]', u: 'uuid', iv: 'interval', by: 'bytea', "Mixed": 'integer', timestamp: 'timestamptz',
};

const CHECKS = [
  'i >= 0', 'n >= 0', 'r >= 0', 'd >= 0', 's >= 0', 'b >= 0', 'n >= 1.5', 'i >= 1.5', 'r > 1.5', 'length(t) < 1000', 'length(v) < 1000',
  'i is not null or i is null', "t = 'x'", "v = 'x'", "ch = 'x'", "m = 'ok'", "t in ('a','b')", "v in ('a','b')", "m in ('ok','sad')",
  'i in (1,2)', 'i not in (1,2)', 'i in (1)', 'i between 1 and 10', 'i not between 1 and 10', "t like 'a%'", "t ilike 'a%'", "t not like 'a%'",
  "v like 'a%'", 'not bo', 'bo', 'bo = true', 'i > 0 and b > 0 and s > 0', 'i > 0 or (b > 0 and s > 0)', 'i > 0 and (b > 0 and s > 0)',
  'ts > now()', 'tz > now()', "dt > '2020-01-01'", 'i + 1 > b', 'n * 2 > 0', "t || v <> ''", "v || 'x' <> ''", "lower(v) <> ''",
  'coalesce(i, 0) >= 0', 'coalesce(n, 0) >= 0', 'i <> -1', 'i != 2', '-i < 0', "j ? 'a'", "j->>'a' = 'b'", "js->>'a' = 'b'", "i::text <> ''",
  'cast(i as bigint) > 0', 'char_length(t) > 0', "t ~ '^a'", "t is distinct from 'x'", "i is not distinct from 1",
  'case when i > 0 then true else false end', 'upper(t) = t', 't <> all(arr)', 'array_length(arr, 1) > 0', '(i)::numeric > 0',
  'i = any (array[1, 2])', 'nullif(i, 0) > 0', 'greatest(i, 0) > 0', 'i % 2 = 0', "ts >= current_timestamp - interval '1 day'",
  "substring(t from 1 for 2) <> ''", "trim(t) <> ''", "position('a' in t) > 0", 'extract(year from ts) > 2000',
  "u <> '00000000-0000-0000-0000-000000000000'", "date_trunc('day', ts) = ts", '(i < 2) is true', 'i::bigint = b', "v = 'x'::text",
  "v::text = 'x'", "\"Mixed\" > 0", '"timestamp" > now()', "t = E'a\\\\b'", "t = 'it''s'", 'r = 1', 'd > i', 'n > r', 's + i > b * 2',
  "iv > '1 hour'", "octet_length(by) < 100", "t similar to 'a%'", "abs(i) < 10", "round(n) > 0", "round(n, 1) > 0", "i = 1 or i = 2 or i = 3",
  "(i > 0) = bo", "not (i > 0 and b > 0)", "iarr @> array[1]", "arr && array['x']", "i < 3000000000", "n > 1e5", "n > .5", "dt < current_date",
  "tz > '2020-01-01 00:00:00+00'", "left(t, 2) <> 'ab'", "replace(t, 'a', 'b') <> ''", "t collate \"C\" > 'a'", "i is null", "bo is not false",
  "extract(epoch from iv) > 0", "(j -> 'a') is not null", "jsonb_typeof(j) = 'object'", "t = lower(t) and v = upper(v)", "md5(t) <> ''",
  "arr[1] <> ''", "i = any ('{1,2}')", "t = any (arr)", "n between 0 and 100.5", "mod(i, 2) = 0", "i >= 0 and i <= 100",
  "t ~* '^.+@.+$'", "char_length(v) = 3", "starts_with(t, 'A')", "m = any ('{ok,sad}')", "n::numeric(10,2) > 0", "ts <= now()", "(j->>'x') is not null",
  "coalesce(t, v) is not null", "length(trim(t)) > 0", "upper(v) in ('A', 'B')", "i > 0 or b is null", "d >= 0 and d < 1", "r between 0 and 1",
  "lower(t) = t", "dt between '2020-01-01' and '2030-12-31'", "tz >= timestamptz '2020-01-01 00:00:00+00'", "iv <= interval '1 day'", "s in (1, 2, 3)",
  "b <> 0", "not (t = '')", "t is not null and t <> ''", "jsonb_typeof(j -> 'a') = 'array'", "i + s + b > 0", "-n < 0", "abs(n) < 100",
];

const DEFAULTS: [string, string][] = [
  ['integer', '-1'], ['integer', '7'], ['smallint', '0'], ['bigint', '0'], ['bigint', '-5'], ['numeric(10,2)', '0'], ['numeric(10,2)', '9.99'],
  ['numeric', '-1.5'], ['numeric(10,2)', "'-1'"], ['real', '1.5'], ['real', '0.0'], ['real', '-1.5'], ['double precision', '2'],
  ['text', "'x'"], ['text', "'it''s'"], ['text', "''"], ['varchar(20)', "'x'"], ['varchar', "'y'"], ['char(2)', "'ab'"], ['boolean', 'true'],
  ['boolean', 'false'], ['mood', "'ok'"], ['timestamp', 'CURRENT_TIMESTAMP'], ['timestamp', 'now()'], ['timestamptz', 'now()'],
  ['timestamptz', 'current_timestamp'], ['date', 'current_date'], ['date', "'2020-01-01'"], ['uuid', 'gen_random_uuid()'], ['jsonb', "'{}'"],
  ['jsonb', "'{}'::jsonb"], ['text[]', "'{}'"], ['integer[]', 'array[1,2]'], ['interval', "'1 day'"], ['timestamptz', "now() + interval '1 day'"],
  ['bigint', '0::bigint'], ['text', "'a'::varchar"], ['timestamp', 'localtimestamp'], ['text', 'current_user'], ['timestamp(3)', 'current_timestamp(3)'],
  ['timestamptz', "('now'::text)::timestamp(6) with time zone"], ['bytea', "'\\x00'"], ['inet', "'127.0.0.1'"], ['numeric', '1e5'],
  ['jsonb', '\'{"b": 1, "a": [1,2], "aa": {"c": null}}\''], ['boolean', "'yes'"], ['uuid', "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'"],
  ['text[]', "array[]::text[]"], ['integer', '1 + 2'], ['text', "'a' || 'b'"], ['varchar(10)', "'abc'::varchar(5)"], ['timestamptz', 'clock_timestamp()'],
  ['text', "md5(random()::text)"], ['integer', "(random() * 100)::integer"], ['numeric(12,4)', '0.5'], ['double precision', "'NaN'"],
  ['integer', 'null'], ['text', "concat('a', 'b')"], ['date', "date '2020-01-02'"], ['text', "lower('ABC')"], ['bigint', '3000000000'],
  ['timestamp(6)', 'NULL::timestamp'], ['varchar(20)', 'null'], ['text', 'NULL::text'], ['numeric(10,2)', 'NULL::numeric'],
  ['interval', "'90 minutes'"], ['interval', "'1 day 2 hours'"], ['interval', "'-1 day'"], ['interval', "'1 year 13 months'"], ['interval', "'2 weeks'"],
  ['text', "to_char(now(), 'YYYY')"], ['numeric(12,2)', '0.00'], ['smallint', '1'], ['varchar(3)', "'USD'"], ['date', "current_date + 30"],
  ['timestamptz', "current_timestamp"], ['timestamp(0)', 'now()'], ['jsonb', "'[]'"], ['text', "E'a\\nb'"], ['integer', '+5'], ['bigint', '-9223372036854775808'],
  ['char(1)', "'Y'"], ['uuid', "md5(random()::text || clock_timestamp()::text)::uuid"], ['real', '1.25::real'], ['json', '\'{"b":1,"a":2}\''], ['timestamp', "(now() at time zone 'utc')"],
];

const INDEX_KEYS = ['lower(v)', 'lower(t)', '(i + 1)', "to_tsvector('english', t)", '(t || v)', 'upper(t)', "(j->>'a')", 'coalesce(i, 0)', "date_trunc('day', ts)", '(lower(t))'];
const PREDICATES = ['v is not null', 'i > 0', "v = 'a'", "m in ('ok', 'sad')", 'n > 0', 'ts is null and i > 0', 'bo', "t <> ''", 'not bo'];

const columnTypes = new Map(Object.entries(COLUMNS).map(([name, type]) => [name, typeNameOf(type)]));
const normalize = (sql: string, role: ExpressionRole): string | undefined => normalizePostgresExpression(sql, role, columnTypes);

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('pgexpr');
  client = await db.client();
  const columns = Object.entries(COLUMNS).map(([name, type]) => `"${name}" ${type}`).join(', ');
  await client.query(`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE c (${columns}); CREATE TABLE d (id integer)`);
});

afterAll(() => db.drop());

async function serverText(sql: string, read: string): Promise<(string | null)[]> {
  await client.query(sql);
  return (await client.query<{ expr: string | null }>(read)).rows.map((r) => r.expr);
}

function expectAgreement(cases: readonly string[], server: readonly (string | null)[], role: (i: number) => ExpressionRole): void {
  const mismatches: string[] = [];
  cases.forEach((model, i) => {
    const text = server[i];
    const fromServer = text === null || text === undefined ? undefined : normalize(text, role(i));
    const fromModel = normalize(model, role(i));
    const again = fromServer === undefined ? undefined : normalize(fromServer, role(i));
    if (fromModel !== fromServer || again !== fromServer) {
      mismatches.push(`${model}\n    server: ${text}\n    model:  ${fromModel}\n    canon:  ${fromServer}\n    again:  ${again}`);
    }
  });
  expect(mismatches).toEqual([]);
}

test('CHECK expressions: the model text normalizes to what the server stores', async () => {
  const adds = CHECKS.map((e, i) => `ALTER TABLE c ADD CONSTRAINT ck_${i} CHECK (${e});`).join('\n');
  const server = await serverText(
    adds,
    "SELECT pg_get_expr(conbin, conrelid) AS expr FROM pg_constraint WHERE conrelid = 'c'::regclass AND contype = 'c' ORDER BY substring(conname from 4)::int",
  );
  expectAgreement(CHECKS, server, () => ({ kind: 'condition' }));
});

test('column defaults: the model text normalizes to what the server stores', async () => {
  const adds = DEFAULTS.map(([type, e], i) => `ALTER TABLE d ADD COLUMN c${i} ${type} DEFAULT ${e};`).join('\n');
  const server = await serverText(
    adds,
    "SELECT pg_get_expr(ad.adbin, ad.adrelid) AS expr FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum WHERE a.attrelid = 'd'::regclass AND a.attnum > 1 ORDER BY a.attnum",
  );
  expectAgreement(
    DEFAULTS.map(([, e]) => e),
    server,
    (i) => ({ kind: 'default', type: typeNameOf((DEFAULTS[i] as [string, string])[0]) }),
  );
});

test('index expressions and partial-index predicates', async () => {
  const keys = INDEX_KEYS.map((e, i) => `CREATE INDEX ix_k${i} ON c ((${e}));`).join('\n');
  const keyText = await serverText(keys, "SELECT pg_get_indexdef(indexrelid, 1, false) AS expr FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid WHERE x.relname LIKE 'ix\\_k%' ORDER BY substring(x.relname from 5)::int");
  expectAgreement(INDEX_KEYS, keyText, () => ({ kind: 'value' }));
  const preds = PREDICATES.map((e, i) => `CREATE INDEX ix_p${i} ON c (i) WHERE ${e};`).join('\n');
  const predText = await serverText(preds, "SELECT pg_get_expr(indpred, indrelid) AS expr FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid WHERE x.relname LIKE 'ix\\_p%' ORDER BY substring(x.relname from 5)::int");
  expectAgreement(PREDICATES, predText, () => ({ kind: 'condition' }));
});

import { normalizeSchema } from '@retort/schema';
import { postgresSchemaDialect as dialect } from './postgres-schema-dialect.js';
import { readPostgresCatalog } from './postgres-introspect.js';
import { introspect, openScratch, type Scratch } from './__fixtures__/pg-schema-harness.js';

// What the catalog reader reports for hand-written DDL, exactly, and what it leaves alone.

let s: Scratch;
beforeAll(async () => {
  s = await openScratch('introspect');
  await s.conn.execute(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    COMMENT ON TYPE mood IS 'How it feels';
    CREATE TABLE accounts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email varchar(120) COLLATE "C" NOT NULL,
      name text,
      feeling mood DEFAULT 'ok',
      balance numeric(12, 2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
      doubled numeric GENERATED ALWAYS AS (balance * 2) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT accounts_email_uq UNIQUE NULLS NOT DISTINCT (email) DEFERRABLE INITIALLY DEFERRED
    );
    COMMENT ON TABLE accounts IS 'Money holders';
    COMMENT ON COLUMN accounts.name IS 'Shown name';
    CREATE TABLE transfers (
      id serial PRIMARY KEY,
      account_id bigint REFERENCES accounts ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
      amount numeric(12, 2),
      memo text,
      CONSTRAINT positive CHECK (amount > 0)
    );
    CREATE INDEX transfers_memo_trgm ON transfers USING gin (memo gin_trgm_ops);
    CREATE INDEX transfers_recent ON transfers (account_id DESC NULLS LAST, amount NULLS FIRST) INCLUDE (memo) WHERE amount IS NOT NULL;
    CREATE UNIQUE INDEX transfers_lower_memo ON transfers ((lower(memo)));
    CREATE TABLE events (at timestamptz NOT NULL, kind text) PARTITION BY RANGE (at);
    CREATE INDEX events_kind ON events (kind);
    CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
    CREATE INDEX events_2024_at ON events_2024 (at);
    CREATE VIEW rich AS SELECT id, email FROM accounts WHERE balance > 1000;
    CREATE MATERIALIZED VIEW totals AS SELECT count(*) AS n FROM transfers;
    CREATE UNIQUE INDEX totals_n ON totals (n);
    CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
    CREATE TRIGGER touch_accounts BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();
    CREATE TABLE retort_version (revision text PRIMARY KEY);
    CREATE SCHEMA other;
    CREATE TABLE other.things (id integer PRIMARY KEY);
  `);
});
afterAll(() => s.close());

test('tables, columns, keys, checks, indexes, partitions, enums, sequences, views and triggers, exactly', async () => {
  expect(await introspect(s.conn)).toEqual({
    tables: [
      {
        name: 'accounts',
        columns: [
          { name: 'id', type: 'bigint', nullable: false, identity: 'always' },
          { name: 'email', type: 'varchar(120)', nullable: false, collation: 'C' },
          { name: 'name', type: 'text', nullable: true, comment: 'Shown name' },
          { name: 'feeling', type: 'mood', nullable: true, default: "'ok'::mood" },
          { name: 'balance', type: 'numeric(12,2)', nullable: false, default: '0' },
          { name: 'doubled', type: 'numeric', nullable: true, generated: { expression: 'balance * (2)::numeric', stored: true } },
          { name: 'created_at', type: 'timestamptz', nullable: false, default: 'now()' },
        ],
        primaryKey: { columns: ['id'] },
        uniques: [{ name: 'accounts_email_uq', columns: ['email'], nullsNotDistinct: true, deferrable: 'deferred' }],
        foreignKeys: [],
        checks: [{ expression: 'balance >= (0)::numeric' }],
        indexes: [],
        comment: 'Money holders',
      },
      {
        name: 'events',
        columns: [
          { name: 'at', type: 'timestamptz', nullable: false },
          { name: 'kind', type: 'text', nullable: true },
        ],
        uniques: [],
        foreignKeys: [],
        checks: [],
        indexes: [{ name: 'events_kind', keys: [{ column: 'kind' }], unique: false }],
        partitionBy: 'RANGE (at)',
      },
      {
        name: 'events_2024',
        columns: [
          { name: 'at', type: 'timestamptz', nullable: false },
          { name: 'kind', type: 'text', nullable: true },
        ],
        uniques: [],
        foreignKeys: [],
        checks: [],
        indexes: [{ name: 'events_2024_at', keys: [{ column: 'at' }], unique: false }],
        partitionOf: { table: 'events', bound: "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')" },
      },
      {
        name: 'transfers',
        columns: [
          { name: 'id', type: 'integer', nullable: false, default: "nextval('transfers_id_seq'::regclass)" },
          { name: 'account_id', type: 'bigint', nullable: true },
          { name: 'amount', type: 'numeric(12,2)', nullable: true },
          { name: 'memo', type: 'text', nullable: true },
        ],
        primaryKey: { columns: ['id'] },
        uniques: [],
        foreignKeys: [{ columns: ['account_id'], references: { table: 'accounts', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'NO ACTION', deferrable: 'deferred' }],
        checks: [{ name: 'positive', expression: 'amount > (0)::numeric' }],
        indexes: [
          { name: 'transfers_lower_memo', keys: [{ expression: 'lower(memo)' }], unique: true },
          { name: 'transfers_memo_trgm', keys: [{ column: 'memo', opclass: 'gin_trgm_ops' }], unique: false, method: 'gin' },
          {
            name: 'transfers_recent',
            keys: [{ column: 'account_id', descending: true, nulls: 'last' }, { column: 'amount', nulls: 'first' }],
            unique: false,
            where: 'amount IS NOT NULL',
            include: ['memo'],
          },
        ],
      },
    ],
    views: [
      { name: 'rich', definition: 'SELECT accounts.id, accounts.email FROM accounts WHERE accounts.balance > 1000::numeric' },
      { name: 'totals', definition: 'SELECT count(*) AS n FROM transfers', materialized: true, indexes: [{ name: 'totals_n', keys: [{ column: 'n' }], unique: true }] },
    ],
    enums: [{ name: 'mood', values: ['sad', 'ok', 'happy'], comment: 'How it feels' }],
    sequences: [
      { name: 'transfers_id_seq', type: 'integer', start: '1', increment: '1', min: '1', max: '2147483647', cache: '1', cycle: false, ownedBy: { table: 'transfers', column: 'id' } },
    ],
    triggers: [
      { name: 'accounts.touch_accounts', table: 'accounts', definition: 'CREATE TRIGGER touch_accounts BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch()' },
    ],
  });
});

test('the normalized schema is a fixed point of normalization', async () => {
  const schema = await introspect(s.conn);
  expect(normalizeSchema(schema, dialect)).toEqual(schema);
});

test('another schema is read by name; excluded tables are left out', async () => {
  const other = await introspect(s.conn, 'other');
  expect(other.tables.map((t) => t.name)).toEqual(['things']);
  const raw = await readPostgresCatalog(s.conn, { excludeTables: ['accounts', 'transfers'] });
  expect(raw.tables.map((t) => t.name)).toEqual(['events', 'events_2024', 'retort_version']);
});

test('the session keeps its settings, inside a transaction too', async () => {
  await s.conn.execute("SET search_path = other, public; SET TimeZone = 'America/New_York'; SET DateStyle = 'German'");
  const settings = "SELECT current_setting('search_path') AS sp, current_setting('TimeZone') AS tz, current_setting('DateStyle') AS ds";
  const before = await s.conn.query(settings);
  await introspect(s.conn);
  expect(await s.conn.query(settings)).toEqual(before);
  await s.conn.transaction(async (tx) => {
    await dialect.introspect(tx);
    expect(await tx.query(settings)).toEqual(before);
  });
  expect(await s.conn.query(settings)).toEqual(before);
  // The reading itself is not affected by the session's settings.
  expect((await introspect(s.conn)).tables.find((t) => t.name === 'events_2024')?.partitionOf?.bound).toBe("FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')");
  await s.conn.execute('RESET search_path; RESET TimeZone; RESET DateStyle');
});

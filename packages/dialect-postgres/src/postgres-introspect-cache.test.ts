import type { Queryable } from '@retort/core';
import type { IntrospectCache, Schema } from '@retort/schema';
import { connect, type PostgresConnection } from './postgres-driver.js';
import { POSTGRES_CATALOG_QUERY, POSTGRES_FINGERPRINT_QUERY } from './postgres-introspect.js';
import { postgresSchemaDialect as dialect } from './postgres-schema-dialect.js';
import { openScratch, type Scratch } from './__fixtures__/pg-schema-harness.js';

// The introspection cache on PostgreSQL: a fingerprint of the system catalogs decides
// whether the last result still holds. Every kind of change the catalog statement can see
// must move it; data changes must not.

let s: Scratch;
beforeAll(async () => {
  s = await openScratch('introspect_cache');
  await s.conn.execute(`
    CREATE TYPE mood AS ENUM ('happy', 'sad');
    CREATE FUNCTION default_code() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;
    CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL, code text DEFAULT default_code(), mood mood);
    CREATE TABLE books (id integer PRIMARY KEY, author_id integer REFERENCES authors (id), title varchar(200) NOT NULL);
    CREATE INDEX books_title ON books (title);
    CREATE VIEW titles AS SELECT title FROM books;
  `);
});
afterAll(() => s.close());

interface Recorded {
  cache: IntrospectCache;
  hits: () => number;
  sets: () => number;
  store: Map<string, Schema>;
}

function memoryCache(): Recorded {
  const store = new Map<string, Schema>();
  let hits = 0;
  let sets = 0;
  return {
    store,
    cache: {
      get: (key) => {
        const found = store.get(key);
        if (found) hits += 1;
        return found;
      },
      set: (key, schema) => {
        sets += 1;
        store.set(key, schema);
      },
    },
    hits: () => hits,
    sets: () => sets,
  };
}

/** The statements a connection is asked to run, by their first words. */
function recording(db: Queryable, sent: string[], afterCatalog?: () => Promise<void>): Queryable {
  return {
    runScript: (script) => db.runScript(script),
    execute: (sql) => db.execute(sql),
    query: async (sql, params) => {
      sent.push(sql === POSTGRES_CATALOG_QUERY ? 'catalog' : sql === POSTGRES_FINGERPRINT_QUERY ? 'fingerprint' : sql);
      const rows = await db.query(sql, params);
      if (sql === POSTGRES_CATALOG_QUERY) await afterCatalog?.();
      return rows as never;
    },
  };
}

test('a hit costs the fingerprint query alone and returns what a full read returns', async () => {
  const { cache, hits } = memoryCache();
  const first = await dialect.introspect(s.conn, { cache });
  expect(first).toEqual(await dialect.introspect(s.conn));
  const sent: string[] = [];
  expect(await dialect.introspect(recording(s.conn, sent), { cache })).toEqual(first);
  expect(sent).toEqual(['fingerprint']);
  expect(hits()).toBe(1);
  // Rows written, updated and deleted are data, not schema.
  await s.conn.execute("INSERT INTO authors (name) VALUES ('Ann'), ('Bo'); UPDATE authors SET name = 'Al' WHERE name = 'Ann'; DELETE FROM authors WHERE name = 'Bo'");
  await dialect.introspect(s.conn, { cache });
  expect(hits()).toBe(2);
});

test.each([
  ['a column added', 'ALTER TABLE books ADD COLUMN isbn text'],
  ['a column dropped', 'ALTER TABLE books DROP COLUMN isbn'],
  ['a column retyped', 'ALTER TABLE authors ALTER COLUMN name TYPE varchar(300)'],
  ['a default set', "ALTER TABLE books ALTER COLUMN title SET DEFAULT 'untitled'"],
  ['a default dropped', 'ALTER TABLE books ALTER COLUMN title DROP DEFAULT'],
  ['NOT NULL dropped', 'ALTER TABLE books ALTER COLUMN title DROP NOT NULL'],
  ['a column renamed', 'ALTER TABLE books RENAME COLUMN title TO name'],
  ['an index dropped', 'DROP INDEX books_title'],
  ['an index created', 'CREATE UNIQUE INDEX books_name ON books (lower(name)) WHERE author_id IS NOT NULL'],
  ['a check added', 'ALTER TABLE books ADD CONSTRAINT books_id_positive CHECK (id > 0)'],
  ['a foreign key changed', 'ALTER TABLE books DROP CONSTRAINT books_author_id_fkey, ADD FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE'],
  ['a comment', "COMMENT ON COLUMN books.name IS 'the title'"],
  ['an enum value added', "ALTER TYPE mood ADD VALUE 'calm'"],
  ['a view replaced', 'CREATE OR REPLACE VIEW titles AS SELECT name AS title FROM books WHERE id > 1'],
  ['a function a default calls renamed', 'ALTER FUNCTION default_code() RENAME TO make_code'],
  ['a sequence changed', 'ALTER SEQUENCE authors_id_seq INCREMENT BY 5'],
  ['a table renamed', 'ALTER TABLE books RENAME TO volumes'],
  ['a trigger created', "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER volumes_touch BEFORE UPDATE ON volumes FOR EACH ROW EXECUTE FUNCTION touch()"],
  ['a table dropped', 'DROP TABLE volumes CASCADE'],
])('re-read after %s', async (_what, change) => {
  const { cache, hits } = memoryCache();
  await dialect.introspect(s.conn, { cache });
  await s.conn.execute(change);
  const fresh = await dialect.introspect(s.conn);
  expect(await dialect.introspect(s.conn, { cache })).toEqual(fresh);
  expect(hits()).toBe(0);
  expect(await dialect.introspect(s.conn, { cache })).toEqual(fresh);
  expect(hits()).toBe(1);
});

test('another schema or other excluded tables are other keys', async () => {
  const { cache, store } = memoryCache();
  await s.conn.execute('CREATE SCHEMA IF NOT EXISTS other; CREATE TABLE IF NOT EXISTS other.notes (id integer PRIMARY KEY)');
  const mine = await dialect.introspect(s.conn, { cache });
  const other = await dialect.introspect(s.conn, { cache, schema: 'other' });
  const fewer = await dialect.introspect(s.conn, { cache, excludeTables: ['authors'] });
  expect(store.size).toBe(3);
  expect(other.tables.map((t) => t.name)).toEqual(['notes']);
  expect(mine.tables.map((t) => t.name)).toContain('authors');
  expect(fewer.tables.map((t) => t.name)).not.toContain('authors');
});

test('a change committed while the catalog is read is never cached', async () => {
  const { cache, sets, hits } = memoryCache();
  const other: PostgresConnection = await connect({ url: s.db.url });
  try {
    const sent: string[] = [];
    // Another session changes a table between the catalog statement and the second fingerprint.
    const db = recording(s.conn, sent, async () => {
      await other.execute('ALTER TABLE authors ADD COLUMN passing text');
      await other.execute('ALTER TABLE authors DROP COLUMN passing');
    });
    await dialect.introspect(db, { cache });
    expect(sent).toEqual(['fingerprint', 'catalog', 'fingerprint']);
    expect(sets()).toBe(0);
    await dialect.introspect(s.conn, { cache });
    expect(sets()).toBe(1);
    expect(hits()).toBe(0);
  } finally {
    await other.close();
  }
});

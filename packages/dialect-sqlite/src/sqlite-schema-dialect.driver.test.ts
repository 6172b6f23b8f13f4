import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOperations, planMigration, type IntrospectCache, type Schema } from '@retort/schema';
import { connect } from './sqlite-driver.js';
import { sqliteSchemaDialect as dialect } from './sqlite-schema-dialect.js';
import { splitStatements } from './sqlite-split.js';

// Through the real driver, as the runner drives it: a transactional script in one
// transaction, a no-transaction script statement by statement.
test('introspect and both kinds of rebuild scripts run through the SQLite driver', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'retort-driver-'));
  const conn = await connect({ url: `sqlite:${join(dir, 'app.db')}` });
  try {
    await conn.execute(`CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors (id) ON DELETE CASCADE, title TEXT);
      INSERT INTO authors VALUES (1, 'A'); INSERT INTO books VALUES (1, 1, 'T'), (2, 1, 'U');`);
    const from = await dialect.introspect(conn);
    const inTx = applyOperations(from, [{ kind: 'addCheck', table: 'books', check: { expression: "title <> ''" } }]);
    const first = planMigration(from, inTx, { dialect });
    expect(first.upSql.includes('retort:no-transaction')).toBe(false);
    await conn.transaction((tx) => tx.runScript({ text: first.upSql, statements: splitStatements(first.upSql) }));
    expect(await dialect.introspect(conn)).toEqual(inTx);

    const outside = applyOperations(inTx, [{ kind: 'addUnique', table: 'authors', unique: { columns: ['name'] } }]);
    const second = planMigration(inTx, outside, { dialect });
    for (const statement of splitStatements(second.upSql)) {
      await conn.runScript({ text: `${statement.sql};`, statements: [{ sql: statement.sql, offset: 0, line: 1 }] });
    }
    expect(await dialect.introspect(conn)).toEqual(outside);
    expect(await conn.query('SELECT count(*) AS n FROM books')).toEqual([{ n: 2 }]);
    expect(await conn.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  } finally {
    await conn.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('introspect with a cache: reused while the sqlite_schema rows are unchanged, re-read after any change', async () => {
  const conn = await connect({ url: 'sqlite::memory:' });
  const store = new Map<string, Schema>();
  const hits: string[] = [];
  const cache: IntrospectCache = {
    get: (key) => {
      const found = store.get(key);
      if (found) hits.push(key);
      return found;
    },
    set: (key, schema) => void store.set(key, schema),
  };
  try {
    await conn.execute('CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL); CREATE INDEX a_name ON a (name);');
    const first = await dialect.introspect(conn, { cache });
    expect(first).toEqual(await dialect.introspect(conn));
    expect(hits).toHaveLength(0);
    expect(await dialect.introspect(conn, { cache })).toEqual(first);
    expect(hits).toHaveLength(1);
    // Data changes are not schema changes.
    await conn.execute("INSERT INTO a (name) VALUES ('x')");
    await dialect.introspect(conn, { cache });
    expect(hits).toHaveLength(2);
    for (const change of ['ALTER TABLE a ADD COLUMN note TEXT', 'DROP INDEX a_name', 'CREATE VIEW v AS SELECT id FROM a']) {
      await conn.execute(change);
      const fresh = await dialect.introspect(conn);
      expect(await dialect.introspect(conn, { cache })).toEqual(fresh);
      expect(hits).toHaveLength(2);
    }
    // Other excluded tables are another key.
    await dialect.introspect(conn, { cache, excludeTables: ['a'] });
    expect(hits).toHaveLength(2);
    expect(store.size).toBe(5);
  } finally {
    await conn.close();
  }
});

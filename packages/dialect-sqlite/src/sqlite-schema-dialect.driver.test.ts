import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOperations, planMigration } from '@retort/schema';
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

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOperations, planMigration, type Operation, type Schema } from '@retort/schema';
import { sqliteSchemaDialect as dialect } from './sqlite-schema-dialect.js';
import { introspect, openMemory, runScript, type Db } from './__fixtures__/sqlite-harness.js';

const SHOP = `
  CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, parent_id INTEGER REFERENCES customers (id) ON DELETE CASCADE);
  CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE, total NUMERIC NOT NULL DEFAULT 0);
  CREATE TABLE audit (at TEXT, what TEXT);
  CREATE INDEX ix_orders_customer ON orders (customer_id);
  CREATE VIEW big_orders AS SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > 100;
  CREATE TRIGGER log_order AFTER INSERT ON orders BEGIN INSERT INTO audit (at, what) VALUES ('now', 'order ' || NEW.id); END;
  INSERT INTO customers VALUES (1, 'a@x', NULL), (2, 'b@x', 1);
  INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 150), (11, 2, 50), (12, 2, 500);
`;

async function planFor(db: Db, change: (s: Schema) => Operation[], renames: Record<string, string> = {}) {
  const from = await introspect(db);
  const to = applyOperations(from, change(from));
  return { to, plan: planMigration(from, to, { dialect, resolveRename: (q) => renames[`${q.table}.${q.from}`] ?? null }) };
}

const count = (db: Db, table: string): number => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

describe('table rebuilds on a real database', () => {
  test('rebuilding a parent with CASCADE children keeps every child row, the view and the trigger', async () => {
    const db = openMemory();
    db.exec(SHOP);
    const { to, plan } = await planFor(db, () => [
      { kind: 'alterColumn', table: 'customers', from: { name: 'email', type: 'text', nullable: false }, to: { name: 'email', type: 'varchar(200)', nullable: false } },
      { kind: 'addUnique', table: 'customers', unique: { name: 'uq_email', columns: ['email'] } },
    ]);
    expect(plan.upSql.startsWith('-- retort:no-transaction\n')).toBe(true);
    runScript(db, plan.upSql);
    expect(await introspect(db)).toEqual(to);
    expect(count(db, 'customers')).toBe(2);
    expect(count(db, 'orders')).toBe(3);
    expect(db.prepare('SELECT id, email FROM big_orders ORDER BY id').all()).toEqual([
      { id: 10, email: 'a@x' },
      { id: 12, email: 'b@x' },
    ]);
    db.exec("INSERT INTO orders (id, customer_id) VALUES (13, 1)");
    expect(db.prepare('SELECT what FROM audit').pluck().all()).toEqual(['order 10', 'order 11', 'order 12', 'order 13']);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    runScript(db, plan.downSql);
    expect(count(db, 'orders')).toBe(4);
    db.close();
  });

  test('rebuilding an unreferenced table runs inside the transaction and keeps its rows', async () => {
    const db = openMemory();
    db.exec(SHOP);
    const { to, plan } = await planFor(db, () => [{ kind: 'addCheck', table: 'orders', check: { name: 'ck_total', expression: 'total >= 0' } }]);
    expect(plan.upSql.startsWith('-- hazard TABLE_REWRITE')).toBe(true);
    runScript(db, plan.upSql);
    expect(await introspect(db)).toEqual(to);
    expect(db.prepare('SELECT id, customer_id, total FROM orders ORDER BY id').raw().all()).toEqual([
      [10, 1, 150],
      [11, 2, 50],
      [12, 2, 500],
    ]);
    db.close();
  });

  test('a foreign-key violation found after the rebuild fails the script and changes nothing', async () => {
    const db = openMemory();
    db.exec(SHOP);
    db.pragma('foreign_keys = OFF');
    db.exec('INSERT INTO orders (id, customer_id) VALUES (99, 42)');
    db.pragma('foreign_keys = ON');
    const before = await introspect(db);
    const { plan } = await planFor(db, () => [{ kind: 'addUnique', table: 'customers', unique: { columns: ['email'] } }]);
    expect(() => runScript(db, plan.upSql)).toThrow('CHECK constraint failed: foreign_key_check_failed');
    expect(await introspect(db)).toEqual(before);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  test('a new foreign-key column is added in place and enforced', async () => {
    const db = openMemory();
    db.exec(SHOP);
    const { to, plan } = await planFor(db, () => [
      { kind: 'addColumn', table: 'orders', column: { name: 'referrer_id', type: 'integer', nullable: true } },
      { kind: 'addForeignKey', table: 'orders', foreignKey: { columns: ['referrer_id'], references: { table: 'customers', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'NO ACTION' } },
    ]);
    expect(plan.upSql).toBe('ALTER TABLE "orders" ADD COLUMN "referrer_id" integer REFERENCES "customers" ("id") ON DELETE SET NULL;\n');
    runScript(db, plan.upSql);
    expect(await introspect(db)).toEqual(to);
    expect(() => db.exec('UPDATE orders SET referrer_id = 42 WHERE id = 10')).toThrow('FOREIGN KEY constraint failed');
    runScript(db, plan.downSql);
    expect(count(db, 'orders')).toBe(3);
    db.close();
  });

  test('a failed constraint during the copy leaves the table as it was', async () => {
    const db = openMemory();
    db.exec(SHOP);
    const before = await introspect(db);
    const { plan } = await planFor(db, () => [{ kind: 'addCheck', table: 'orders', check: { expression: 'total > 100' } }]);
    expect(() => runScript(db, plan.upSql)).toThrow('CHECK constraint failed: total > 100');
    expect(await introspect(db)).toEqual(before);
    expect(count(db, 'orders')).toBe(3);
    db.close();
  });
});

describe('rendered SQL through the sqlite3 shell (3.35+ syntax)', () => {
  const SHELL = '/usr/bin/sqlite3';

  test('a rebuild script with its own transaction runs in the shell and keeps the data', async () => {
    if (!existsSync(SHELL)) throw new Error(`${SHELL} is missing: install the sqlite3 package (apt-get install sqlite3) to run this test.`);
    const dir = mkdtempSync(join(tmpdir(), 'retort-shell-'));
    try {
      const file = join(dir, 'shop.db');
      const setup = openMemory(file);
      setup.exec(SHOP);
      const { to, plan } = await planFor(setup, () => [
        { kind: 'renameColumn', table: 'customers', from: 'email', to: 'mail' },
        { kind: 'addUnique', table: 'customers', unique: { columns: ['mail'] } },
        { kind: 'dropColumn', table: 'orders', column: { name: 'total', type: 'numeric', nullable: false, default: '0' } },
      ], { 'customers.email': 'mail' });
      setup.close();
      writeFileSync(join(dir, 'up.sql'), plan.upSql);
      execFileSync(SHELL, ['-bail', file, `.read ${join(dir, 'up.sql')}`], { stdio: 'pipe' });
      const db = openMemory(file);
      expect(await introspect(db)).toEqual(to);
      expect(count(db, 'orders')).toBe(3);
      db.close();
      writeFileSync(join(dir, 'down.sql'), plan.downSql);
      execFileSync(SHELL, ['-bail', file, `.read ${join(dir, 'down.sql')}`], { stdio: 'pipe' });
      expect(readFileSync(join(dir, 'up.sql'), 'utf8')).toContain('PRAGMA foreign_keys = OFF;');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a rebuild keeps the AUTOINCREMENT counter: ids of deleted rows are not reused', async () => {
  const db = openMemory();
  db.exec(`CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT);
           INSERT INTO tickets (title) VALUES ('a'), ('b'), ('c'); DELETE FROM tickets;`);
  const { to, plan } = await planFor(db, () => [{ kind: 'addCheck', table: 'tickets', check: { expression: "title <> ''" } }]);
  expect(plan.upSql).toContain(
    `DELETE FROM sqlite_sequence WHERE name = 'retort_new_tickets';\nINSERT INTO sqlite_sequence (name, seq) SELECT 'retort_new_tickets', seq FROM sqlite_sequence WHERE name = 'tickets';\n`,
  );
  runScript(db, plan.upSql);
  expect(await introspect(db)).toEqual(to);
  db.exec("INSERT INTO tickets (title) VALUES ('d')");
  expect(db.prepare('SELECT id FROM tickets ORDER BY id').pluck().all()).toEqual([4]);
  db.close();
});

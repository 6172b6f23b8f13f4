// Every data migration keeps the data: rows seeded before a revision are checked after its
// upgrade and again after its downgrade, on SQLite and on PostgreSQL.
import { DIALECTS, migrate, retort, type LabDatabase } from './harness.js';
import { REV } from './revisions.js';

describe.each(DIALECTS)('e-commerce data migrations on %s', (_name, create) => {
  let db: LabDatabase;
  beforeAll(async () => {
    db = await create('ecommerce_data');
  });
  afterAll(() => db?.dispose());
  beforeEach(() => db.reset());

  test('split name: every name moves into first_name / last_name, and down joins them back', async () => {
    migrate(db, 'upgrade', REV.profileFields);
    await db.execute(`INSERT INTO users (id, username, email, name) VALUES
      (1, 'ada', 'ada@example.com', 'Ada King Lovelace'),
      (2, 'grace', 'grace@example.com', 'Grace Hopper'),
      (3, 'plato', 'plato@example.com', 'Plato'),
      (4, 'anon', 'anon@example.com', NULL),
      (5, 'alan', 'alan@example.com', '  Alan   Turing ')`);

    migrate(db, 'upgrade', REV.splitName);
    expect(await db.columns('users')).not.toContain('name');
    expect(await db.query('SELECT id, first_name, last_name FROM users ORDER BY id')).toEqual([
      { id: 1, first_name: 'Ada', last_name: 'King Lovelace' },
      { id: 2, first_name: 'Grace', last_name: 'Hopper' },
      { id: 3, first_name: 'Plato', last_name: null },
      { id: 4, first_name: null, last_name: null },
      { id: 5, first_name: 'Alan', last_name: 'Turing' },
    ]);

    migrate(db, 'downgrade', REV.profileFields);
    expect(await db.query('SELECT id, name, first_name, last_name FROM users ORDER BY id')).toEqual([
      { id: 1, name: 'Ada King Lovelace', first_name: 'Ada', last_name: 'King Lovelace' },
      { id: 2, name: 'Grace Hopper', first_name: 'Grace', last_name: 'Hopper' },
      { id: 3, name: 'Plato', first_name: 'Plato', last_name: null },
      { id: 4, name: null, first_name: null, last_name: null },
      { id: 5, name: 'Alan Turing', first_name: 'Alan', last_name: 'Turing' },
    ]);
  });

  async function seedOrders(statuses: readonly string[]): Promise<void> {
    await db.execute(`INSERT INTO users (id, username, email) VALUES (1, 'ada', 'ada@example.com');
      INSERT INTO products (id, name, price) VALUES (1, 'Kettle', 25);`);
    const rows = statuses.map((status, i) => `(${i + 1}, 1, '${status}', ${(i + 1) * 10})`).join(', ');
    await db.execute(`INSERT INTO orders (id, user_id, status, total) VALUES ${rows};
      INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES (1, 1, 1, 2, 25), (2, ${statuses.length}, 1, 1, 25);`);
  }

  test('normalize order status: five statuses, every order mapped, fk_order_status enforced, and a full down', async () => {
    migrate(db, 'upgrade', REV.categories);
    const statuses = ['pending', 'processing', 'shipped', 'delivered', 'cancelled', 'shipped'];
    await seedOrders(statuses);

    migrate(db, 'upgrade', REV.orderStatuses);
    expect(await db.query('SELECT id, name FROM order_statuses ORDER BY id')).toEqual([
      { id: 1, name: 'pending' }, { id: 2, name: 'processing' }, { id: 3, name: 'shipped' }, { id: 4, name: 'delivered' }, { id: 5, name: 'cancelled' },
    ]);
    expect(await db.columns('orders')).toEqual(['id', 'user_id', 'total', 'created_at', 'status_id']);
    expect(await db.query('SELECT id, status_id FROM orders ORDER BY id')).toEqual([1, 2, 3, 4, 5, 3].map((statusId, i) => ({ id: i + 1, status_id: statusId })));
    expect(await db.query('SELECT count(*) AS n FROM order_items')).toEqual([{ n: db.dialect === 'sqlite' ? 2 : '2' }]);
    await expect(db.execute('INSERT INTO orders (id, user_id, status_id) VALUES (99, 1, 9)')).rejects.toThrow(/FOREIGN KEY|fk_order_status/);
    expect(await db.query('SELECT status_id FROM orders WHERE id = 1')).toEqual([{ status_id: 1 }]);

    migrate(db, 'downgrade', REV.categories);
    expect(await db.tables()).not.toContain('order_statuses');
    expect(await db.query('SELECT id, status FROM orders ORDER BY id')).toEqual(statuses.map((status, i) => ({ id: i + 1, status })));
    expect(await db.indexes('orders')).toContain('idx_order_status');
    expect(await db.query('SELECT id, order_id FROM order_items ORDER BY id')).toEqual([{ id: 1, order_id: 1 }, { id: 2, order_id: 6 }]);
  });

  test('normalize order status stops on an unknown status and leaves the database at the previous revision', async () => {
    migrate(db, 'upgrade', REV.categories);
    await seedOrders(['pending', 'refunded']);

    const run = retort(['upgrade', REV.orderStatuses, '--url', db.url()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      db.dialect === 'sqlite'
        ? "error migrations/e5ae5387ec52_normalize_order_status/up.sql:35: NOT NULL constraint failed: retort_new_orders.status_id (revision 'e5ae5387ec52', up); the database is still at 'ebb65a272b2a'. Fix the file and run the command again.\n"
        : 'error migrations/e5ae5387ec52_normalize_order_status/up.postgres.sql:22: column "status_id" of relation "orders" contains null values (revision \'e5ae5387ec52\', up); the database is still at \'ebb65a272b2a\'. Fix the file and run the command again.\n',
    );
    expect(await db.query('SELECT revision FROM retort_version')).toEqual([{ revision: REV.categories }]);
    expect(await db.tables()).not.toContain('order_statuses');
    expect(await db.query('SELECT id, status FROM orders ORDER BY id')).toEqual([{ id: 1, status: 'pending' }, { id: 2, status: 'refunded' }]);
  });

  test('raise prices: 1,234 products in batches of 500 with progress, +10 %, and down restores every cent', async () => {
    migrate(db, 'upgrade', REV.orderStatuses);
    const cents = Array.from({ length: 1234 }, (_, i) => 1 + ((i * 7919) % 99999));
    for (let start = 0; start < cents.length; start += 250) {
      const rows = cents.slice(start, start + 250).map((c, j) => `(${start + j + 1}, 'product ${start + j + 1}', ${(c / 100).toFixed(2)})`);
      await db.execute(`INSERT INTO products (id, name, price) VALUES ${rows.join(', ')}`);
    }
    const pricesInCents = async () =>
      (await db.query<{ cents: number | string }>('SELECT CAST(round(price * 100) AS integer) AS cents FROM products ORDER BY id')).map((r) => Number(r.cents));

    const up = migrate(db, 'upgrade', REV.prices);
    expect(up.stderr).toContain('  products: 500/1234 rows\n  products: 1000/1234 rows\n  products: 1234/1234 rows\n  raised 1234 prices by 10 % in 3 batches\n');
    expect(await pricesInCents()).toEqual(cents.map((c) => Math.round((c * 11) / 10)));
    expect((await pricesInCents())[0]).toBe(1);

    migrate(db, 'downgrade', REV.orderStatuses);
    expect(await pricesInCents()).toEqual(cents);
  });

  test('ensure phone and email index: adds only what a hand-patched database lacks', async () => {
    migrate(db, 'upgrade', REV.merge);
    const clean = migrate(db, 'upgrade', REV.ensurePhone);
    expect(clean.stderr).toContain('  users.phone exists: kept\n  idx_user_email exists: kept\n');
    migrate(db, 'downgrade', REV.merge);

    await db.execute('DROP INDEX idx_user_email');
    await db.execute('ALTER TABLE users DROP COLUMN phone');
    const repaired = migrate(db, 'upgrade', REV.ensurePhone);
    expect(repaired.stderr).toContain('  users.phone was missing: added\n  idx_user_email was missing: created\n');
    expect(await db.columns('users')).toContain('phone');
    expect(await db.indexes('users')).toContain('idx_user_email');

    migrate(db, 'downgrade', REV.merge);
    expect(await db.columns('users')).toContain('phone');
  });

  test('trigram index: a GIN index on PostgreSQL, nothing on SQLite, one history on both', async () => {
    migrate(db, 'upgrade', 'head');
    expect(await db.query('SELECT revision FROM retort_version')).toEqual([{ revision: REV.trigram }]);
    if (db.dialect === 'postgres') {
      expect(await db.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_product_name_trgm'")).toEqual([
        { indexdef: 'CREATE INDEX idx_product_name_trgm ON public.products USING gin (name gin_trgm_ops)' },
      ]);
      await db.execute("INSERT INTO products (name, price) VALUES ('Kettle', 25), ('Teapot', 30)");
      expect(await db.query("SELECT name FROM products WHERE name % 'kettel'")).toEqual([{ name: 'Kettle' }]);
      migrate(db, 'downgrade', '-1');
      expect(await db.indexes('products')).toEqual(['idx_product_name', 'products_pkey']);
    } else {
      expect(await db.indexes('products')).toEqual(['idx_product_name']);
      migrate(db, 'downgrade', '-1');
      expect(await db.indexes('products')).toEqual(['idx_product_name']);
    }
  });
});

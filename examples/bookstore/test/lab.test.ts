// The tutorial solutions as tests: upgrade head, downgrade base, up -> down -> up, each
// downgrade restoring the schema before it, the fill-details data migration and the
// reviews' cascade delete, on SQLite and PostgreSQL.
import { HEAD } from '../migrations/schema.js';
import { DIALECTS, ignoringColumnOrder, migrate, retortJson, type LabDatabase } from './harness.js';
import { PATH } from './revisions.js';
import type { Schema } from 'retort';

describe.each(DIALECTS)('the bookstore on %s', (_name, create) => {
  let db: LabDatabase;
  beforeAll(async () => {
    db = await create('bookstore_lab');
  });
  afterAll(() => db?.dispose());
  beforeEach(() => db.reset());

  test('upgrade head creates the tables, downgrade base leaves only the version tables', async () => {
    const result = retortJson<{ steps: { revision: string }[]; heads: string[] }>(['upgrade', 'head', '--url', db.url()]);
    expect(result.steps.map((s) => s.revision)).toEqual([...PATH]);
    expect(result.heads).toEqual([HEAD]);
    expect(await db.tables()).toEqual(['books', 'retort_history', 'retort_version', 'reviews', 'user_preferences', 'users']);
    expect(await db.columns('books')).toEqual(['id', 'isbn', 'title', 'author', 'publisher', 'published_year', 'genre', 'created_at', 'price', 'page_count', 'description']);
    migrate(db, 'downgrade', 'base');
    expect(await db.tables()).toEqual(['retort_history', 'retort_version']);
  });

  test('up -> down -> up leaves the same schema, and each downgrade restores the one before', async () => {
    const before = new Map<string, Schema>();
    for (const target of PATH) {
      migrate(db, 'upgrade', target);
      before.set(target, ignoringColumnOrder(await db.introspect()));
    }
    const atHead = await db.introspect();
    for (const target of [...PATH].reverse().slice(1)) {
      migrate(db, 'downgrade', target);
      expect({ target, schema: ignoringColumnOrder(await db.introspect()) }).toEqual({ target, schema: before.get(target) });
    }
    migrate(db, 'downgrade', 'base');
    migrate(db, 'upgrade', 'head');
    expect(await db.introspect()).toEqual(atHead);
  });

  test('0003 fills descriptions, prices and page counts, and its down clears only what it filled', async () => {
    migrate(db, 'upgrade', '0002');
    await db.execute(`INSERT INTO books (id, isbn, title, author, price, page_count, description) VALUES
      (1, '9780141439518', 'Pride and Prejudice', 'Jane Austen', NULL, NULL, NULL),
      (2, '9780451524935', '1984', 'George Orwell', 9.99, 328, 'A dystopia.'),
      (3, '9780743273565', 'The Great Gatsby', 'F. Scott Fitzgerald', NULL, 180, NULL)`);
    const details = 'SELECT id, CAST(round(price * 100) AS integer) AS cents, page_count, description FROM books ORDER BY id';

    migrate(db, 'upgrade', '0003');
    expect(await db.query(details)).toEqual([
      { id: 1, cents: 1999, page_count: 300, description: 'Pride and Prejudice by Jane Austen' },
      { id: 2, cents: 999, page_count: 328, description: 'A dystopia.' },
      { id: 3, cents: 1999, page_count: 180, description: 'The Great Gatsby by F. Scott Fitzgerald' },
    ]);

    migrate(db, 'downgrade', '0002');
    expect(await db.query(details)).toEqual([
      { id: 1, cents: null, page_count: null, description: null },
      { id: 2, cents: 999, page_count: 328, description: 'A dystopia.' },
      { id: 3, cents: null, page_count: 180, description: null },
    ]);
  });

  test('deleting a book deletes its reviews (ON DELETE CASCADE); ratings stay within 1..5', async () => {
    migrate(db, 'upgrade', 'head');
    await db.execute(`INSERT INTO books (id, isbn, title, author) VALUES (1, '9780141439518', 'Pride and Prejudice', 'Jane Austen'), (2, '9780451524935', '1984', 'George Orwell');
      INSERT INTO reviews (book_id, reviewer_name, rating) VALUES (1, 'Ada', 5), (1, 'Grace', 4), (2, 'Alan', 3);`);
    await expect(db.execute("INSERT INTO reviews (book_id, reviewer_name, rating) VALUES (2, 'Edsger', 6)")).rejects.toThrow(/CHECK|ck_reviews_rating/);
    await db.execute('DELETE FROM books WHERE id = 1');
    expect(await db.query('SELECT book_id, reviewer_name FROM reviews ORDER BY id')).toEqual([{ book_id: 2, reviewer_name: 'Alan' }]);
  });

  test('users get a phone number and preferences with defaults, removed with their user', async () => {
    migrate(db, 'upgrade', 'head');
    await db.execute(`INSERT INTO users (id, email, name, phone_number) VALUES (1, 'ada@example.com', 'Ada', '+44 20 7946 0000');
      INSERT INTO user_preferences (user_id) VALUES (1);`);
    expect(await db.query('SELECT user_id, theme, language FROM user_preferences')).toEqual([{ user_id: 1, theme: 'light', language: 'en' }]);
    await db.execute('DELETE FROM users WHERE id = 1');
    expect(await db.query('SELECT user_id FROM user_preferences')).toEqual([]);
  });
});

import { EMPTY_SCHEMA, fromModels, planMigration, integer, varchar, table, type Schema } from '@retort/schema';
import { sqliteSchemaDialect as dialect } from './sqlite-schema-dialect.js';
import { labBlog, labBookstore as bookstore, labEcommerce as ecommerce } from '@retort/schema/testing';

// The blog's view body as this dialect prints it (view bodies are compared as text).
const blog = labBlog('SELECT id, title, published_at FROM posts WHERE published = TRUE');
import { introspect, openMemory, runScript } from './__fixtures__/sqlite-harness.js';
import { splitStatements } from './sqlite-split.js';

describe.each([
  ['e-commerce', ecommerce],
  ['blog', blog],
  ['bookstore', bookstore],
] as const)('%s lab on SQLite', (_name, models) => {
  test('empty -> models: introspection equals the models, a second autogenerate is empty, down -> empty', async () => {
    const target = fromModels(models, dialect);
    const db = openMemory();
    const plan = planMigration(EMPTY_SCHEMA, target, { dialect });
    runScript(db, plan.upSql);
    const applied = await introspect(db);
    expect(applied).toEqual(target);
    expect(planMigration(applied, fromModels(models, dialect), { dialect }).up).toEqual([]);
    runScript(db, plan.downSql);
    expect(await introspect(db)).toEqual(EMPTY_SCHEMA);
    db.close();
  });
});

test('blog: the enum becomes a CHECK listing its values', () => {
  const users = fromModels(blog, dialect).tables.find((t) => t.name === 'users');
  expect(users?.columns.find((c) => c.name === 'role')).toEqual({ name: 'role', type: 'text', nullable: false, default: "'author'" });
  expect(users?.checks).toEqual([{ expression: `"role" IN ('admin', 'editor', 'author')` }]);
});

test('bookstore evolves with data: a renamed column and a new table keep every review', async () => {
  const db = openMemory();
  const v1 = fromModels(bookstore, dialect);
  runScript(db, planMigration(EMPTY_SCHEMA, v1, { dialect }).upSql);
  db.exec(`INSERT INTO books (id, isbn, title, author, price) VALUES (1, '9780000000001', 'A', 'X', 10);
           INSERT INTO users (id, email, name) VALUES (1, 'u@x', 'U');
           INSERT INTO reviews (id, book_id, user_id, rating) VALUES (1, 1, 1, 5), (2, 1, 1, 4);`);
  const publishers = table('publishers', { id: integer().primaryKey(), name: varchar(100).notNull() });
  const books2 = { ...bookstore.books, $columns: { ...Object.fromEntries(Object.entries(bookstore.books.$columns).map(([k, v]) => [k === 'author' ? 'author_name' : k, v])) } };
  const v2: Schema = fromModels({ ...bookstore, books: books2, publishers }, dialect);
  const plan = planMigration(v1, v2, { dialect, resolveRename: (q) => (q.from === 'author' ? 'author_name' : null) });
  expect(plan.upSql).toBe(
    [
      'ALTER TABLE "books" RENAME COLUMN "author" TO "author_name";',
      'CREATE TABLE "publishers" (',
      '  "id" integer NOT NULL,',
      '  "name" varchar(100) NOT NULL,',
      '  PRIMARY KEY ("id")',
      ');',
      '',
    ].join('\n'),
  );
  runScript(db, plan.upSql);
  expect(await introspect(db)).toEqual(v2);
  expect(db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(2);
  expect(db.prepare('SELECT author_name FROM books').pluck().get()).toBe('X');
  runScript(db, plan.downSql);
  expect(await introspect(db)).toEqual(v1);
  expect(db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(2);
  db.close();
});

test("rendered scripts split back into exactly the rendered statements (the runner's splitter)", () => {
  const target = fromModels(blog, dialect);
  const withTrigger: Schema = {
    ...target,
    triggers: [{ name: 'tr', table: 'posts', definition: `CREATE TRIGGER "tr" AFTER INSERT ON "posts" BEGIN UPDATE posts SET body = 'x;y' WHERE id = NEW.id; SELECT 1; END` }],
  };
  const plan = planMigration(EMPTY_SCHEMA, withTrigger, { dialect });
  expect(splitStatements(plan.upSql).map((s) => s.sql.trim())).toEqual(dialect.render(plan.up, { from: EMPTY_SCHEMA }).statements);
  const users = withTrigger.tables.find((t) => t.name === 'users');
  const rebuilt: Schema = { ...withTrigger, tables: withTrigger.tables.map((t) => (t === users ? { ...t, uniques: [] } : t)) };
  const rebuild = planMigration(withTrigger, rebuilt, { dialect });
  expect(rebuild.upSql.startsWith('-- retort:no-transaction\n')).toBe(true);
  expect(splitStatements(rebuild.upSql).map((s) => s.sql.trim())).toEqual(dialect.render(rebuild.up, { from: withTrigger }).statements);
});

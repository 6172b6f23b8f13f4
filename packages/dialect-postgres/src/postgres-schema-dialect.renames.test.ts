import {
  EMPTY_SCHEMA, fromModels, integer, parseRenameHints, planMigration, renameResolverFromHints, sql, table, text, varchar, type ModelColumnRef,
} from '@retort/schema';
import { postgresSchemaDialect as dialect } from './postgres-schema-dialect.js';
import { expectSame, introspect, openScratch, runScript, type Scratch } from './__fixtures__/pg-schema-harness.js';

// Renames via hints (`--rename users.name=full_name`, `--rename posts=articles`): the data
// stays, constraints that carry default names follow the new names, and down undoes it.

let s: Scratch;
beforeAll(async () => {
  s = await openScratch('renames');
});
afterAll(() => s.close());

function v1(): Record<string, unknown> {
  const users = table('users', { id: integer().primaryKey(), name: varchar(80).notNull().unique().check(sql`length(name) > 0`), bio: text() });
  const posts = table('posts', { id: integer().primaryKey(), author_id: integer().notNull().references((): ModelColumnRef => users.id), title: text().notNull() });
  return { users, posts };
}

function v2(): Record<string, unknown> {
  const users = table('users', { id: integer().primaryKey(), full_name: varchar(80).notNull().unique().check(sql`length(full_name) > 0`), bio: text() });
  const articles = table('articles', { id: integer().primaryKey(), author_id: integer().notNull().references((): ModelColumnRef => users.id), title: text().notNull() });
  return { users, articles };
}

test('a table and a column renamed by hints keep their rows; default names follow; down restores them', async () => {
  const a = fromModels(v1(), dialect);
  const b = fromModels(v2(), dialect);
  await runScript(s.conn, planMigration(EMPTY_SCHEMA, a, { dialect }).upSql);
  await s.conn.execute("INSERT INTO users VALUES (1, 'Ada', 'math'); INSERT INTO posts VALUES (10, 1, 'Notes')");
  const resolveRename = renameResolverFromHints(parseRenameHints(['users.name=full_name', 'posts=articles']));
  const plan = planMigration(a, b, { dialect, resolveRename });
  expect(plan.upSql).toBe(
    [
      'ALTER TABLE "posts" RENAME TO "articles";',
      'ALTER TABLE "articles" RENAME CONSTRAINT "posts_pkey" TO "articles_pkey";',
      'ALTER TABLE "articles" RENAME CONSTRAINT "posts_author_id_fkey" TO "articles_author_id_fkey";',
      'ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";',
      'ALTER TABLE "users" RENAME CONSTRAINT "users_name_key" TO "users_full_name_key";',
      'ALTER TABLE "users" RENAME CONSTRAINT "users_name_check" TO "users_full_name_check";',
      '',
    ].join('\n'),
  );
  expect(plan.hazards).toEqual([]);
  await runScript(s.conn, plan.upSql);
  expectSame(await introspect(s.conn), b, 'after up');
  expect(planMigration(await introspect(s.conn), b, { dialect }).up).toEqual([]);
  expect(await s.conn.query('SELECT u.full_name, a.title FROM articles a JOIN users u ON u.id = a.author_id')).toEqual([{ full_name: 'Ada', title: 'Notes' }]);
  await runScript(s.conn, plan.downSql);
  expectSame(await introspect(s.conn), a, 'after down');
  expect(await s.conn.query('SELECT u.name, p.title FROM posts p JOIN users u ON u.id = p.author_id')).toEqual([{ name: 'Ada', title: 'Notes' }]);
});

test('without a hint the rename is a question, not a silent drop', () => {
  const a = fromModels(v1(), dialect);
  const b = fromModels(v2(), dialect);
  expect(() => planMigration(a, b, { dialect })).toThrow("Table 'posts' was dropped and 'articles' added; pass --rename posts=articles to rename it, or --rename posts= to drop it.");
});

import { EMPTY_SCHEMA, fromModels, planMigration } from '@retort/schema';
import { postgresSchemaDialect as dialect } from './postgres-schema-dialect.js';
import { labBlog, labBookstore as bookstore, labEcommerce as ecommerce } from '@retort/schema/testing';

// The blog's view body as this dialect prints it (view bodies are compared as text).
const blog = labBlog('SELECT posts.id, posts.title, posts.published_at FROM posts WHERE posts.published = true');
import { expectSame, introspect, openScratch, resetPublic, runScript, type Scratch } from './__fixtures__/pg-schema-harness.js';

// The three lab schemas in the model DSL on PostgreSQL: what the models say is exactly what
// the catalog reports after applying them (identity keys, enums, checks with BETWEEN, partial
// and expression indexes, defaults), so a second autogenerate finds nothing.

let s: Scratch;
beforeAll(async () => {
  s = await openScratch('labs');
});
afterAll(() => s.close());

describe.each([
  ['e-commerce', ecommerce],
  ['blog', blog],
  ['bookstore', bookstore],
] as const)('%s lab on PostgreSQL', (_name, models) => {
  test('empty -> models: introspection equals the models, a second autogenerate is empty, down -> empty', async () => {
    await resetPublic(s.conn);
    const target = fromModels(models, dialect);
    const plan = planMigration(EMPTY_SCHEMA, target, { dialect });
    expect(plan.hazards).toEqual([]);
    await runScript(s.conn, plan.upSql);
    const applied = await introspect(s.conn);
    expectSame(applied, target, 'introspection');
    expect(planMigration(applied, fromModels(models, dialect), { dialect }).up).toEqual([]);
    await runScript(s.conn, plan.downSql);
    expectSame(await introspect(s.conn), EMPTY_SCHEMA, 'after down');
  });
});

test('bookstore: BETWEEN in a CHECK is stored as two comparisons, and the model says so too', () => {
  const books = fromModels(bookstore, dialect).tables.find((t) => t.name === 'books');
  expect(books?.checks).toEqual([{ expression: '(published_year >= 1450) AND (published_year <= 2100)' }]);
});

test('blog: the enum is a type of its own and the role default is labelled with it', () => {
  const schema = fromModels(blog, dialect);
  expect(schema.enums).toEqual([{ name: 'user_role', values: ['admin', 'editor', 'author'] }]);
  expect(schema.tables.find((t) => t.name === 'users')?.columns.find((c) => c.name === 'role')).toEqual({ name: 'role', type: 'user_role', nullable: false, default: "'author'::user_role" });
});

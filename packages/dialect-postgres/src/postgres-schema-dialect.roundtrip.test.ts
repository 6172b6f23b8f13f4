import { EMPTY_SCHEMA, normalizeSchema, planMigration, type Column, type Operation, type Schema, type Table } from '@retort/schema';
import type { PostgresConnection } from './postgres-driver.js';
import { postgresSchemaDialect as dialect } from './postgres-schema-dialect.js';
import { expectSame, introspect, openScratch, resetPublic, runScript, type Scratch } from './__fixtures__/pg-schema-harness.js';

// Round trips per operation kind on a real server: a database at A holding rows is
// migrated to B (introspection equals B, the rows are still there), a second diff finds
// nothing, and down brings back A with its rows.

let s: Scratch;
beforeAll(async () => {
  s = await openScratch('ops');
  await s.conn.execute("CREATE SCHEMA extras; CREATE FUNCTION extras.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'");
});
afterAll(() => s.close());

const t = (name: string, parts: Partial<Table> = {}): Table => ({ name, columns: [], uniques: [], foreignKeys: [], checks: [], indexes: [], ...parts });
const c = (name: string, type: string, extra: Partial<Column> = {}): Column => ({ name, type, nullable: true, ...extra });
const id = c('id', 'integer', { nullable: false });
const base = (extra: Partial<Table> = {}): Table =>
  t('items', { columns: [id, c('name', 'varchar(40)'), c('qty', 'integer', { default: '0' }), c('price', 'numeric(10,2)')], primaryKey: { columns: ['id'] }, ...extra });
const withTables = (...tables: Table[]): Schema => ({ ...EMPTY_SCHEMA, tables });
const ROWS = "INSERT INTO items (id, name, qty, price) VALUES (1, 'one', 1, 1.50), (2, 'two', 2, 2.50);";

/** The values of some columns as text, rows in order (names and driver types aside). */
async function rows(conn: PostgresConnection, table: string, columns: string): Promise<string> {
  const list = columns.split(', ').map((col) => `${col}::text`).join(', ');
  return JSON.stringify((await conn.query<Record<string, unknown>>(`SELECT ${list} FROM ${table} ORDER BY 1`)).map((r) => Object.values(r)));
}

interface Case {
  readonly a: Schema;
  readonly b: Schema;
  readonly kinds: readonly Operation['kind'][];
  readonly rename?: (q: { from: string }) => string | null;
  /** Rows to keep: the table and columns as seen at A and at B. */
  readonly keep?: readonly [string, string, string, string];
}

const CASES: Record<string, Case> = {
  'create and drop a table': { a: withTables(base()), b: withTables(base(), t('tags', { columns: [c('label', 'text', { nullable: false, collation: 'C' })] })), kinds: ['createTable'] },
  'rename a table (hint)': {
    a: withTables(base()),
    b: withTables({ ...base(), name: 'products' }),
    kinds: ['renameTable'],
    rename: (q) => (q.from === 'items' ? 'products' : null),
    keep: ['items', 'id, name, qty, price', 'products', 'id, name, qty, price'],
  },
  'add and drop columns (identity, generated, default)': {
    a: withTables(base()),
    b: withTables(base({ columns: [...base().columns, c('seq', 'bigint', { nullable: false, identity: 'by-default' }), c('double_qty', 'integer', { generated: { expression: 'qty * 2', stored: true } }), c('note', 'text', { default: "'none'" })] })),
    kinds: ['addColumn', 'addColumn', 'addColumn'],
    keep: ['items', 'id, name, qty, price', 'items', 'id, name, qty, price'],
  },
  'rename a column (hint) used by a check and an expression index': {
    a: withTables(base({ checks: [{ expression: 'qty >= 0' }], indexes: [{ name: 'items_lower_name', keys: [{ expression: 'lower(name)' }], unique: false }] })),
    b: withTables(
      base({
        columns: [id, c('title', 'varchar(40)'), c('qty', 'integer', { default: '0' }), c('price', 'numeric(10,2)')],
        checks: [{ expression: 'qty >= 0' }],
        indexes: [{ name: 'items_lower_name', keys: [{ expression: 'lower(title)' }], unique: false }],
      }),
    ),
    kinds: ['renameColumn'],
    rename: (q) => (q.from === 'name' ? 'title' : null),
    keep: ['items', 'id, name, qty', 'items', 'id, title, qty'],
  },
  'alter columns (type, nullability, default, comment, collation)': {
    a: withTables(base()),
    b: withTables(base({ columns: [id, c('name', 'text', { collation: 'C', comment: 'Display name' }), c('qty', 'bigint', { nullable: false, default: '1' }), c('price', 'numeric(12,2)')] })),
    kinds: ['alterColumn', 'alterColumn', 'alterColumn'],
    keep: ['items', 'id, name, qty, price', 'items', 'id, name, qty, price'],
  },
  'primary key, unique, check and foreign key constraints': {
    a: withTables(base({ primaryKey: undefined }), t('orders', { columns: [c('item_id', 'integer')] })),
    b: withTables(
      base({ uniques: [{ columns: ['name'], deferrable: 'deferred' }, { name: 'uq_qty_price', columns: ['qty', 'price'], nullsNotDistinct: true }], checks: [{ name: 'ck_price', expression: 'price > 0' }] }),
      t('orders', { columns: [c('item_id', 'integer')], foreignKeys: [{ columns: ['item_id'], references: { table: 'items', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'CASCADE', deferrable: 'immediate' }] }),
    ),
    kinds: ['addPrimaryKey', 'addUnique', 'addUnique', 'addCheck', 'addForeignKey'],
    keep: ['items', 'id, name, qty, price', 'items', 'id, name, qty, price'],
  },
  'indexes (partial, expression, method, include, descending, opclass)': {
    a: withTables(base()),
    b: withTables(
      base({
        indexes: [
          { name: 'ix_partial', keys: [{ column: 'qty' }], unique: true, where: "name <> 'x'" },
          { name: 'ix_expr', keys: [{ expression: "coalesce(name, '')", descending: true }, { column: 'price', nulls: 'first' }], unique: false },
          { name: 'ix_hash', keys: [{ column: 'name' }], unique: false, method: 'hash' },
          { name: 'ix_include', keys: [{ column: 'qty' }], unique: false, include: ['price'] },
          { name: 'ix_pattern', keys: [{ column: 'name', opclass: 'varchar_pattern_ops', collation: 'C' }], unique: false },
          // A parenthesized column is stored as a plain column key.
          { name: 'ix_paren', keys: [{ expression: '(qty)' }], unique: false },
        ],
      }),
    ),
    kinds: ['createIndex', 'createIndex', 'createIndex', 'createIndex', 'createIndex', 'createIndex'],
    keep: ['items', 'id, name, qty, price', 'items', 'id, name, qty, price'],
  },
  'comments, views and materialized views': {
    a: withTables(base()),
    b: {
      ...withTables(base({ comment: 'Stock' })),
      views: [
        { name: 'cheap', definition: 'SELECT items.id, items.name FROM items WHERE items.price < 10::numeric' },
        { name: 'totals', definition: 'SELECT count(*) AS n FROM items', materialized: true, indexes: [{ name: 'totals_n', keys: [{ column: 'n' }], unique: true }], comment: 'Cached' },
      ],
    },
    kinds: ['setTableComment', 'createView', 'createView'],
  },
  'enums, sequences and triggers': {
    a: withTables(base()),
    b: {
      ...withTables(base({ columns: [...base().columns, c('state', 'state', { nullable: false, default: "'new'" })] })),
      enums: [{ name: 'state', values: ['new', 'done'], comment: 'Item state' }],
      sequences: [{ name: 'tickets', type: 'bigint', start: '100', increment: '5', min: '1', max: '100000', cache: '1', cycle: true }],
      triggers: [{ name: 'items.touch_items', table: 'items', definition: 'CREATE TRIGGER touch_items BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION extras.touch()' }],
    },
    kinds: ['createEnum', 'createSequence', 'addColumn', 'createTrigger'],
    keep: ['items', 'id, name', 'items', 'id, name'],
  },
};

describe.each(Object.entries(CASES))('%s', (_name, k) => {
  test('up reaches B with the rows kept, a second diff is empty, down returns to A', async () => {
    const a = normalizeSchema(k.a, dialect);
    const b = normalizeSchema(k.b, dialect);
    await resetPublic(s.conn);
    await runScript(s.conn, planMigration(EMPTY_SCHEMA, a, { dialect }).upSql);
    expectSame(await introspect(s.conn), a, 'A');
    await s.conn.execute(ROWS);
    const plan = planMigration(a, b, { dialect, ...(k.rename ? { resolveRename: k.rename } : {}) });
    expect(plan.up.map((op) => op.kind)).toEqual(k.kinds);
    const before = k.keep ? await rows(s.conn, k.keep[0], k.keep[1]) : '';
    await runScript(s.conn, plan.upSql);
    const applied = await introspect(s.conn);
    expectSame(applied, b, 'after up');
    expect(planMigration(applied, b, { dialect }).up).toEqual([]);
    if (k.keep) expect(await rows(s.conn, k.keep[2], k.keep[3])).toBe(before);
    await runScript(s.conn, plan.downSql);
    const back = await introspect(s.conn);
    const sorted = (x: Schema): Schema => ({ ...x, tables: x.tables.map((tb) => ({ ...tb, columns: [...tb.columns].sort((p, q) => (p.name < q.name ? -1 : 1)) })) });
    expectSame(sorted(back), sorted(a), 'after down');
    if (k.keep) expect(await rows(s.conn, k.keep[0], k.keep[1])).toBe(before);
  });
});

test('concurrentIndexes: the script runs outside the runner transaction and builds CONCURRENTLY', async () => {
  const a = normalizeSchema(withTables(base()), dialect);
  const b = normalizeSchema(withTables(base({ uniques: [{ columns: ['name'] }], indexes: [{ name: 'ix_qty', keys: [{ column: 'qty' }], unique: false }] })), dialect);
  await resetPublic(s.conn);
  await runScript(s.conn, planMigration(EMPTY_SCHEMA, a, { dialect }).upSql);
  await s.conn.execute(ROWS);
  const plan = planMigration(a, b, { dialect, concurrentIndexes: true });
  expect(plan.upSql.startsWith('-- retort:no-transaction\n')).toBe(true);
  expect(plan.upSql).toContain('CREATE INDEX CONCURRENTLY "ix_qty" ON "items" ("qty");');
  expect(plan.hazards.map((h) => h.code)).toEqual(['NO_TRANSACTION']);
  await runScript(s.conn, plan.upSql);
  expectSame(await introspect(s.conn), b, 'after up');
  await runScript(s.conn, plan.downSql);
  expectSame(await introspect(s.conn), a, 'after down');
});

test('type changes that need USING convert the values', async () => {
  const a = normalizeSchema({ ...withTables(t('codes', { columns: [c('n', 'text'), c('state', 'varchar(10)', { default: "'new'" })] })), enums: [{ name: 'state', values: ['new', 'done'] }] }, dialect);
  const b = normalizeSchema({ ...withTables(t('codes', { columns: [c('n', 'integer'), c('state', 'state', { default: "'new'" })] })), enums: [{ name: 'state', values: ['new', 'done'] }] }, dialect);
  await resetPublic(s.conn);
  await runScript(s.conn, planMigration(EMPTY_SCHEMA, a, { dialect }).upSql);
  await s.conn.execute("INSERT INTO codes VALUES ('42', 'done'), ('7', 'new')");
  const plan = planMigration(a, b, { dialect });
  expect(plan.hazards.map((h) => h.code)).toEqual(['NARROWING_TYPE', 'NARROWING_TYPE', 'TABLE_REWRITE', 'TABLE_REWRITE']);
  await runScript(s.conn, plan.upSql);
  expectSame(await introspect(s.conn), b, 'after up');
  expect(await rows(s.conn, 'codes', 'n, state')).toBe(JSON.stringify([['42', 'done'], ['7', 'new']]));
  await runScript(s.conn, plan.downSql);
  expectSame(await introspect(s.conn), a, 'after down');
});

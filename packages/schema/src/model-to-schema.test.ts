import { isRetortError } from '@retort/core';
import { boolean, integer, numeric, serial, text, timestamp, varchar } from './dsl/column-builder.js';
import { enumType, sequence, trigger, view } from './dsl/objects.js';
import { sql, type ModelColumnRef } from './dsl/sql-tag.js';
import { check, foreignKey, index, primaryKey, table, unique, uniqueIndex } from './dsl/table.js';
import { fromModels } from './model-to-schema.js';
import { testDialect } from './__fixtures__/test-dialect.js';

const dialect = testDialect();

describe('fromModels', () => {
  test('columns, keys, references (self and forward), defaults, checks, indexes, enums', () => {
    const status = enumType('order_status', ['pending', 'paid']);
    const categories = table('categories', {
      id: serial().primaryKey(),
      name: varchar(50).notNull().unique('uq_category_name'),
      parent_id: integer().references((): ModelColumnRef => categories.id, { onDelete: 'SET NULL' }),
    });
    const orders = table(
      'orders',
      {
        id: integer().primaryKey(),
        category_id: integer().notNull().references('categories', { onDelete: 'CASCADE', deferrable: 'deferred', name: 'fk_category' }),
        status: status.column().notNull().default('pending'),
        total: numeric(10, 2).notNull().default(0).check(sql`total >= ${0}`, 'ck_total'),
        paid: boolean().notNull().default(false),
        created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
        note: text().collate('NOCASE').comment('free text'),
      },
      (t) => [
        index('ix_orders_created').on(t.created_at).desc(true),
        uniqueIndex('uq_orders_open').on(t.category_id, sql`lower(${t.note})`).where(sql`${t.paid} = FALSE`),
        check('ck_paid_total', sql`NOT paid OR total > 0`),
      ],
      { comment: 'orders placed' },
    );
    const schema = fromModels({ status, categories, orders, other: 42, listing: view('open_orders', sql`SELECT id FROM orders WHERE NOT paid`) }, dialect);
    expect(schema).toEqual({
      tables: [
        {
          name: 'categories',
          columns: [
            { name: 'id', type: 'integer', nullable: false, identity: 'by-default' },
            { name: 'name', type: 'varchar(50)', nullable: false },
            { name: 'parent_id', type: 'integer', nullable: true },
          ],
          primaryKey: { columns: ['id'] },
          uniques: [{ name: 'uq_category_name', columns: ['name'] }],
          foreignKeys: [{ columns: ['parent_id'], references: { table: 'categories', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'NO ACTION' }],
          checks: [],
          indexes: [],
        },
        {
          name: 'orders',
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'category_id', type: 'integer', nullable: false },
            { name: 'status', type: 'order_status', nullable: false, default: "'pending'" },
            { name: 'total', type: 'numeric(10,2)', nullable: false, default: '0' },
            { name: 'paid', type: 'boolean', nullable: false, default: 'FALSE' },
            { name: 'created_at', type: 'timestamp', nullable: false, default: 'CURRENT_TIMESTAMP' },
            { name: 'note', type: 'text', nullable: true, collation: 'NOCASE', comment: 'free text' },
          ],
          primaryKey: { columns: ['id'] },
          uniques: [],
          foreignKeys: [
            { name: 'fk_category', columns: ['category_id'], references: { table: 'categories', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION', deferrable: 'deferred' },
          ],
          checks: [
            { name: 'ck_paid_total', expression: 'NOT paid OR total > 0' },
            { name: 'ck_total', expression: 'total >= 0' },
          ],
          indexes: [
            { name: 'ix_orders_created', keys: [{ column: 'created_at', descending: true }], unique: false },
            { name: 'uq_orders_open', keys: [{ column: 'category_id' }, { expression: 'lower("note")' }], unique: true, where: '"paid" = FALSE' },
          ],
          comment: 'orders placed',
        },
      ],
      views: [{ name: 'open_orders', definition: 'SELECT id FROM orders WHERE NOT paid' }],
      enums: [{ name: 'order_status', values: ['pending', 'paid'] }],
      sequences: [],
      triggers: [],
    });
  });

  test('composite keys and foreign keys, sequences, triggers', () => {
    const lines = table('order_lines', { order_id: integer().notNull(), line: integer().notNull(), sku: text() }, (t) => [primaryKey('pk_lines', t.order_id, t.line), unique(undefined, t.sku, t.line)]);
    const refunds = table('refunds', { order_id: integer(), line: integer() }, (t) => [
      foreignKey({ columns: [t.order_id, t.line], references: [lines.order_id, lines.line], onDelete: 'CASCADE' }),
    ]);
    const schema = fromModels([lines, refunds, sequence('invoice_seq', { start: '100' }), trigger('tr', 'refunds', 'CREATE TRIGGER tr AFTER INSERT ON refunds BEGIN SELECT 1; END')], dialect);
    expect(schema.tables[0]).toEqual({
      name: 'order_lines',
      columns: [
        { name: 'order_id', type: 'integer', nullable: false },
        { name: 'line', type: 'integer', nullable: false },
        { name: 'sku', type: 'text', nullable: true },
      ],
      primaryKey: { name: 'pk_lines', columns: ['order_id', 'line'] },
      uniques: [{ columns: ['sku', 'line'] }],
      foreignKeys: [],
      checks: [],
      indexes: [],
    });
    expect(schema.tables[1]?.foreignKeys).toEqual([{ columns: ['order_id', 'line'], references: { table: 'order_lines', columns: ['order_id', 'line'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' }]);
    expect(schema.sequences).toEqual([{ name: 'invoice_seq', type: 'bigint', start: '100', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false }]);
    expect(schema.triggers).toEqual([{ name: 'tr', table: 'refunds', definition: 'CREATE TRIGGER tr AFTER INSERT ON refunds BEGIN SELECT 1; END' }]);
  });

  test.each([
    [() => [table('a', { x: integer().references('missing') })], 'E_MODEL', "Column 'a.x' references table 'missing', which no model declares; export a table('missing', ...) model."],
    [() => [table('a', { x: integer().references('a.nope') })], 'E_MODEL', "Column 'a.x' references 'a.nope', which does not exist; use a column of 'a'."],
    [() => [table('a', { x: integer() }), table('a', { y: integer() })], 'E_MODEL', "Table 'a' is declared twice; rename one of them."],
    [
      () => {
        const b = table('b', { y: integer() });
        return [b, table('a', { x: integer() }, () => [index('ix').on(b.y)])];
      },
      'E_MODEL',
      "Index 'ix' of table 'a' names column 'b.y', which is not in 'a'; use a column of 'a'.",
    ],
    [
      () => [table('a', { x: integer() }, (t) => [index('ix').on(t.x)]), table('b', { y: integer() }, (t) => [index('ix').on(t.y)])],
      'E_MODEL',
      "Index 'ix' is declared on both 'a' and 'b'; give each index its own name.",
    ],
    [() => [table('a', { x: integer().primaryKey() }, (t) => [primaryKey(undefined, t.x)])], 'E_MODEL', "Table 'a' declares its primary key twice; keep either .primaryKey() on columns or primaryKey(...)."],
    [() => [table('p', { a: integer(), b: integer() }, (t) => [primaryKey(undefined, t.a, t.b)]), table('c', { x: integer().references('p') })], 'E_MODEL', "Column 'c.x' references table 'p', whose primary key is not one column; name the column: 'p.<column>'."],
  ])('rejects a broken model (%#)', (models, code, message) => {
    let error: unknown;
    try {
      fromModels(models(), dialect);
    } catch (e) {
      error = e;
    }
    expect(isRetortError(error, code as 'E_MODEL')).toBe(true);
    expect((error as Error).message).toBe(message);
  });

  test('referential actions in any case; a misspelt one is refused', () => {
    const users = table('users', { id: integer().primaryKey() });
    const posts = table('posts', {
      id: integer().primaryKey(),
      user_id: integer().references(() => users.id, { onDelete: 'cascade', onUpdate: 'set null' }),
    });
    const fk = fromModels({ users, posts }, dialect).tables.find((t) => t.name === 'posts')?.foreignKeys[0];
    expect([fk?.onDelete, fk?.onUpdate]).toEqual(['CASCADE', 'SET NULL']);
    const bad = table('bad', { id: integer().primaryKey(), u: integer().references(() => users.id, { onDelete: 'cascades' as never }) });
    expect(() => fromModels({ users, bad }, dialect)).toThrow(
      "onDelete 'cascades' on bad.u is not a referential action; use one of 'NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT'.",
    );
  });

  test('check() takes an expression alone or a name and an expression', () => {
    expect(check(sql`qty >= 0`)).toEqual({ kind: 'check', expression: 'qty >= 0' });
    expect(check('qty_positive', sql`qty >= 0`)).toEqual({ kind: 'check', name: 'qty_positive', expression: 'qty >= 0' });
    expect(() => check('oops' as never)).toThrow("check('oops') has no expression; write check(sql`...`) or check('name', sql`...`).");
  });

  test('builders are immutable templates', () => {
    const money = numeric(10, 2).notNull();
    const withDefault = money.default(0);
    expect(money.spec.default).toBeUndefined();
    expect(withDefault.spec).toEqual({ type: 'numeric(10,2)', nullable: false, primaryKey: false, checks: [], default: '0' });
  });
});

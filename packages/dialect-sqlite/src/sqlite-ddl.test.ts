import { isRetortError } from '@retort/core';
import { EMPTY_SCHEMA, type Column, type Operation, type Schema, type Table } from '@retort/schema';
import { renderSqlite } from './sqlite-ddl.js';

const id: Column = { name: 'id', type: 'integer', nullable: false };
function tbl(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { name, columns: [id, ...columns], primaryKey: { columns: ['id'] }, uniques: [], foreignKeys: [], checks: [], indexes: [], ...extra };
}
const name: Column = { name: 'name', type: 'text', nullable: true };
const users = tbl('users', [name], { indexes: [{ name: 'ix_users_name', keys: [{ column: 'name' }], unique: false }] });
const posts = tbl('posts', [{ name: 'user_id', type: 'integer', nullable: true }], {
  foreignKeys: [{ columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' }],
});
const schema = (tables: Table[], extra: Partial<Schema> = {}): Schema => ({ ...EMPTY_SCHEMA, tables, ...extra });

describe('renderSqlite', () => {
  test('CREATE TABLE with every column and table feature', () => {
    const table = tbl(
      'orders',
      [
        { name: 'code', type: 'varchar(20)', nullable: false, collation: 'NOCASE', default: "'new'" },
        { name: 'total', type: 'numeric(10,2)', nullable: true, default: 'abs(-1)' },
        { name: 'twice', type: 'integer', nullable: true, generated: { expression: 'total * 2', stored: false } },
        { name: 'user_id', type: 'integer', nullable: true },
      ],
      {
        primaryKey: { name: 'pk_orders', columns: ['id'] },
        uniques: [{ name: 'uq_code', columns: ['code'] }],
        checks: [{ expression: 'total >= 0' }],
        foreignKeys: [{ name: 'fk_user', columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'CASCADE', deferrable: 'deferred' }],
        indexes: [{ name: 'ix_expr', keys: [{ expression: 'lower(code)', descending: true }, { column: 'total', collation: 'BINARY' }], unique: true, where: 'total > 0' }],
        strict: true,
      },
    );
    expect(renderSqlite([{ kind: 'createTable', table }], { from: EMPTY_SCHEMA })).toEqual({
      statements: [
        [
          'CREATE TABLE "orders" (',
          '  "id" integer NOT NULL,',
          `  "code" varchar(20) NOT NULL COLLATE NOCASE DEFAULT 'new',`,
          '  "total" numeric(10,2) DEFAULT (abs(-1)),',
          '  "twice" integer GENERATED ALWAYS AS (total * 2) VIRTUAL,',
          '  "user_id" integer,',
          '  CONSTRAINT "pk_orders" PRIMARY KEY ("id"),',
          '  CONSTRAINT "uq_code" UNIQUE ("code"),',
          '  CHECK (total >= 0),',
          '  CONSTRAINT "fk_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED',
          ') STRICT',
        ].join('\n'),
        'CREATE UNIQUE INDEX "ix_expr" ON "orders" ((lower(code)) DESC, "total" COLLATE BINARY) WHERE total > 0',
      ],
      transactional: true,
      hazards: [],
    });
  });

  test('AUTOINCREMENT puts the primary key on the column', () => {
    const t = tbl('t', [], { primaryKey: { name: 'pk', columns: ['id'] }, columns: [{ ...id, autoincrement: true }] });
    expect(renderSqlite([{ kind: 'createTable', table: t }], { from: EMPTY_SCHEMA }).statements).toEqual([
      'CREATE TABLE "t" (\n  "id" integer CONSTRAINT "pk" PRIMARY KEY AUTOINCREMENT NOT NULL\n)',
    ]);
  });

  test('what ALTER TABLE does in place', () => {
    const from = schema([users], { views: [{ name: 'v', definition: 'SELECT 1' }], triggers: [{ name: 'tr', table: 'users', definition: 'CREATE TRIGGER "tr" AFTER INSERT ON "users" BEGIN SELECT 1; END' }] });
    const ops: Operation[] = [
      { kind: 'dropTrigger', trigger: from.triggers[0] as Schema['triggers'][number] },
      { kind: 'dropView', view: { name: 'v', definition: 'SELECT 1' } },
      { kind: 'renameTable', from: 'users', to: 'people' },
      { kind: 'renameColumn', table: 'people', from: 'name', to: 'full_name' },
      { kind: 'dropIndex', table: 'people', index: users.indexes[0] as Table['indexes'][number] },
      { kind: 'addColumn', table: 'people', column: { name: 'age', type: 'integer', nullable: false, default: '0' } },
      { kind: 'addColumn', table: 'people', column: { name: 'nick', type: 'text', nullable: true } },
      { kind: 'dropColumn', table: 'people', column: { name: 'full_name', type: 'text', nullable: true } },
      { kind: 'createIndex', table: 'people', index: { name: 'ix_age', keys: [{ column: 'age' }], unique: false } },
      { kind: 'createView', view: { name: 'w', definition: 'SELECT age FROM people', columns: ['a'] } },
      { kind: 'createTrigger', trigger: { name: 'tr2', table: 'people', definition: 'CREATE TRIGGER "tr2" AFTER INSERT ON "people" BEGIN SELECT 2; END' } },
    ];
    expect(renderSqlite(ops, { from })).toEqual({
      statements: [
        'DROP TRIGGER "tr"',
        'DROP VIEW "v"',
        'ALTER TABLE "users" RENAME TO "people"',
        'ALTER TABLE "people" RENAME COLUMN "name" TO "full_name"',
        'DROP INDEX "ix_users_name"',
        'ALTER TABLE "people" ADD COLUMN "age" integer NOT NULL DEFAULT 0',
        'ALTER TABLE "people" ADD COLUMN "nick" text',
        'ALTER TABLE "people" DROP COLUMN "full_name"',
        'CREATE INDEX "ix_age" ON "people" ("age")',
        'CREATE VIEW "w" ("a") AS SELECT age FROM people',
        'CREATE TRIGGER "tr2" AFTER INSERT ON "people" BEGIN SELECT 2; END',
      ],
      transactional: true,
      hazards: [],
    });
  });

  test('a rebuild keeps indexes, triggers and views, inside the transaction when nothing references the table', () => {
    const from = schema([users], {
      views: [{ name: 'names', definition: 'SELECT name FROM users' }, { name: 'unrelated', definition: 'SELECT 1' }],
      triggers: [{ name: 'tr', table: 'users', definition: 'CREATE TRIGGER "tr" AFTER INSERT ON "users" BEGIN SELECT 1; END' }],
    });
    const ops: Operation[] = [
      { kind: 'alterColumn', table: 'users', from: name, to: { ...name, type: 'varchar(10)' } },
      { kind: 'addColumn', table: 'users', column: { name: 'created_at', type: 'timestamp', nullable: true, default: 'CURRENT_TIMESTAMP' } },
      { kind: 'addCheck', table: 'users', check: { expression: 'length(name) < 10' } },
    ];
    expect(renderSqlite(ops, { from })).toEqual({
      statements: [
        'CREATE TABLE "retort_new_users" (\n  "id" integer NOT NULL,\n  "name" varchar(10),\n  "created_at" timestamp DEFAULT CURRENT_TIMESTAMP,\n  PRIMARY KEY ("id"),\n  CHECK (length(name) < 10)\n)',
        'INSERT INTO "retort_new_users" ("id", "name") SELECT "id", "name" FROM "users"',
        'DROP VIEW "names"',
        'DROP TABLE "users"',
        'ALTER TABLE "retort_new_users" RENAME TO "users"',
        'CREATE INDEX "ix_users_name" ON "users" ("name")',
        'CREATE TRIGGER "tr" AFTER INSERT ON "users" BEGIN SELECT 1; END',
        'CREATE VIEW "names" AS SELECT name FROM users',
      ],
      transactional: true,
      hazards: [{ code: 'TABLE_REWRITE', message: "Rebuilds table 'users' (copies every row and recreates its indexes) because SQLite cannot alter column 'name' in place.", table: 'users' }],
    });
  });

  test('rebuilding a table that foreign keys point at turns foreign keys off around its own transaction', () => {
    const ops: Operation[] = [{ kind: 'addUnique', table: 'users', unique: { columns: ['name'] } }];
    const rendered = renderSqlite(ops, { from: schema([users, posts]) });
    expect(rendered.transactional).toBe(false);
    expect(rendered.statements).toEqual([
      'PRAGMA foreign_keys = OFF',
      'BEGIN',
      'CREATE TABLE "retort_new_users" (\n  "id" integer NOT NULL,\n  "name" text,\n  PRIMARY KEY ("id"),\n  UNIQUE ("name")\n)',
      'INSERT INTO "retort_new_users" ("id", "name") SELECT "id", "name" FROM "users"',
      'DROP TABLE "users"',
      'ALTER TABLE "retort_new_users" RENAME TO "users"',
      'CREATE INDEX "ix_users_name" ON "users" ("name")',
      'CREATE TEMP TABLE "retort_fk_check" ("violations" INTEGER CONSTRAINT "foreign_key_check_failed" CHECK ("violations" = 0))',
      'INSERT INTO temp."retort_fk_check" SELECT count(*) FROM pragma_foreign_key_check',
      'DROP TABLE temp."retort_fk_check"',
      'COMMIT',
      'PRAGMA foreign_keys = ON',
    ]);
    expect(rendered.hazards.map((h) => h.code)).toEqual(['TABLE_REWRITE', 'NO_TRANSACTION']);
  });

  test('one rebuild per table however many operations it takes, with renamed columns copied', () => {
    const ops: Operation[] = [
      { kind: 'renameColumn', table: 'users', from: 'name', to: 'title' },
      { kind: 'addColumn', table: 'users', column: { name: 'n', type: 'integer', nullable: false } },
      { kind: 'addUnique', table: 'users', unique: { columns: ['title'] } },
      { kind: 'createIndex', table: 'users', index: { name: 'ix_n', keys: [{ column: 'n' }], unique: false } },
    ];
    const statements = renderSqlite(ops, { from: schema([users]) }).statements;
    expect(statements.filter((s) => s.startsWith('CREATE TABLE'))).toHaveLength(1);
    expect(statements).toContain('INSERT INTO "retort_new_users" ("id", "title") SELECT "id", "name" FROM "users"');
    expect(statements.slice(-2)).toEqual(['CREATE INDEX "ix_n" ON "users" ("n")', 'CREATE INDEX "ix_users_name" ON "users" ("title")']);
  });

  test.each<[string, Operation, boolean]>([
    ['NOT NULL without default', { kind: 'addColumn', table: 'users', column: { name: 'x', type: 'integer', nullable: false } }, true],
    ['CURRENT_TIMESTAMP default', { kind: 'addColumn', table: 'users', column: { name: 'x', type: 'timestamp', nullable: true, default: 'CURRENT_TIMESTAMP' } }, true],
    ['expression default', { kind: 'addColumn', table: 'users', column: { name: 'x', type: 'integer', nullable: true, default: 'abs(1)' } }, true],
    ['stored generated', { kind: 'addColumn', table: 'users', column: { name: 'x', type: 'integer', nullable: true, generated: { expression: 'id * 2', stored: true } } }, true],
    ['virtual generated', { kind: 'addColumn', table: 'users', column: { name: 'x', type: 'integer', nullable: true, generated: { expression: 'id * 2', stored: false } } }, false],
    ['NOT NULL with a constant', { kind: 'addColumn', table: 'users', column: { name: 'x', type: 'text', nullable: false, default: "'a'" } }, false],
    ['indexed column', { kind: 'dropColumn', table: 'users', column: name }, true],
  ])('%s: rebuild is %s', (_what, op, rebuilds) => {
    const statements = renderSqlite([op], { from: schema([users]) }).statements;
    expect(statements.some((s) => s.includes('retort_new_users'))).toBe(rebuilds);
  });

  test('target 3.53 uses ALTER COLUMN SET/DROP NOT NULL and DROP CONSTRAINT for named checks', () => {
    const from = schema([tbl('t', [name], { checks: [{ name: 'ck_old', expression: 'id > 0' }] })]);
    const ops: Operation[] = [
      { kind: 'alterColumn', table: 't', from: name, to: { ...name, nullable: false } },
      { kind: 'dropCheck', table: 't', check: { name: 'ck_old', expression: 'id > 0' } },
    ];
    expect(renderSqlite(ops, { from, targetVersion: '3.53' }).statements).toEqual([
      'ALTER TABLE "t" ALTER COLUMN "name" SET NOT NULL',
      'ALTER TABLE "t" DROP CONSTRAINT "ck_old"',
    ]);
    expect(renderSqlite(ops, { from }).statements[0]).toMatch(/^CREATE TABLE "retort_new_t"/);
  });

  test('adding a CHECK rebuilds even for 3.53: its ADD CONSTRAINT rejects rows whose check is NULL', () => {
    const op: Operation = { kind: 'addCheck', table: 'users', check: { name: 'ck_name', expression: 'length(name) < 10' } };
    expect(renderSqlite([op], { from: schema([users]), targetVersion: '3.53' }).statements[0]).toMatch(/^CREATE TABLE "retort_new_users"/);
  });

  test('a new nullable column with its foreign key is one ALTER TABLE ADD COLUMN ... REFERENCES', () => {
    const fk = { name: 'fk_owner', columns: ['owner_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'NO ACTION' } as const;
    const ops: Operation[] = [
      { kind: 'addColumn', table: 'posts', column: { name: 'owner_id', type: 'integer', nullable: true } },
      { kind: 'addForeignKey', table: 'posts', foreignKey: fk },
    ];
    expect(renderSqlite(ops, { from: schema([users, posts]) })).toEqual({
      statements: ['ALTER TABLE "posts" ADD COLUMN "owner_id" integer CONSTRAINT "fk_owner" REFERENCES "users" ("id") ON DELETE SET NULL'],
      transactional: true,
      hazards: [],
    });
    const withDefault: Operation[] = [{ kind: 'addColumn', table: 'posts', column: { name: 'owner_id', type: 'integer', nullable: false, default: '1' } }, ops[1] as Operation];
    expect(renderSqlite(withDefault, { from: schema([users, posts]) }).statements[0]).toMatch(/^CREATE TABLE "retort_new_posts"/);
  });

  test('dropping tables defers foreign keys so cycles can go', () => {
    expect(renderSqlite([{ kind: 'dropTable', table: posts }], { from: schema([users, posts]) }).statements).toEqual(['PRAGMA defer_foreign_keys = ON', 'DROP TABLE "posts"']);
  });

  test('errors: Postgres-only operations and bad target versions', () => {
    const attempt = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        if (isRetortError(e)) return `${e.code}: ${e.message}`;
      }
      return 'no error';
    };
    expect(attempt(() => renderSqlite([{ kind: 'createEnum', enum: { name: 'mood', values: ['a'] } }], { from: EMPTY_SCHEMA }))).toBe(
      "E_UNSUPPORTED: Operation 'createEnum' has no SQLite form; SQLite has no enum types or sequences, so build the schema with the sqlite dialect (fromModels turns enums into CHECKs).",
    );
    expect(attempt(() => renderSqlite([], { from: EMPTY_SCHEMA, targetVersion: 'latest' }))).toBe("E_CONFIG: SQLite target version 'latest' is not a version; write it like '3.35' or '3.53'.");
  });
});

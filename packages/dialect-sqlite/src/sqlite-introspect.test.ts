import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queryable } from '@retort/core';
import { sqliteSchemaDialect } from './sqlite-schema-dialect.js';
import { openMemory, queryable, type Db } from './__fixtures__/sqlite-harness.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retort-introspect-'));
  db = openMemory(join(dir, 'test.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function counting(inner: Queryable): { q: Queryable; count: () => number } {
  let n = 0;
  return {
    q: { ...inner, query: (sql, params) => ((n += 1), inner.query(sql, params)) },
    count: () => n,
  };
}

describe('sqliteSchemaDialect.introspect', () => {
  test('reads every part of a hand-written schema', async () => {
    db.exec(`
      CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, Email TEXT NOT NULL COLLATE NOCASE, name VARCHAR( 50 ) DEFAULT ('anon'), created DATETIME DEFAULT CURRENT_TIMESTAMP, CONSTRAINT uq_email UNIQUE (email));
      CREATE TABLE posts (
        id INTEGER NOT NULL, author INT REFERENCES Users DEFERRABLE INITIALLY DEFERRED, body TEXT, score REAL DEFAULT -1,
        words INT GENERATED ALWAYS AS (length(body)) VIRTUAL,
        CONSTRAINT pk_posts PRIMARY KEY (id), CONSTRAINT ck_score CHECK (score >= -1)
      ) STRICT;
      CREATE TABLE tags (post INT, tag TEXT, PRIMARY KEY (post, tag), FOREIGN KEY (post) REFERENCES posts (id) ON DELETE CASCADE) WITHOUT ROWID;
      CREATE INDEX ix_posts_body ON posts (lower(body) DESC, score) WHERE body IS NOT NULL;
      CREATE UNIQUE INDEX ix_users_name ON users (name COLLATE NOCASE);
      CREATE VIEW recent (id, title) AS SELECT id, body FROM posts ORDER BY id DESC;
      CREATE TRIGGER touch AFTER UPDATE ON posts BEGIN UPDATE posts SET score = score + 1 WHERE id = NEW.id; END;
      CREATE TABLE retort_version (revision TEXT);
    `);
    const { q, count } = counting(queryable(db));
    const schema = await sqliteSchemaDialect.introspect(q);
    expect(count()).toBe(4);
    expect(schema).toEqual({
      tables: [
        {
          name: 'posts',
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'author', type: 'int', nullable: true },
            { name: 'body', type: 'text', nullable: true },
            { name: 'score', type: 'real', nullable: true, default: '-1' },
            { name: 'words', type: 'int', nullable: true, generated: { expression: 'length(body)', stored: false } },
          ],
          primaryKey: { name: 'pk_posts', columns: ['id'] },
          uniques: [],
          foreignKeys: [{ columns: ['author'], references: { table: 'users', columns: ['id'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION', deferrable: 'deferred' }],
          checks: [{ name: 'ck_score', expression: 'score >= -1' }],
          indexes: [{ name: 'ix_posts_body', keys: [{ expression: 'lower(body)', descending: true }, { column: 'score' }], unique: false, where: 'body IS NOT NULL' }],
          strict: true,
        },
        {
          name: 'tags',
          columns: [
            { name: 'post', type: 'int', nullable: false },
            { name: 'tag', type: 'text', nullable: false },
          ],
          primaryKey: { columns: ['post', 'tag'] },
          uniques: [],
          foreignKeys: [{ columns: ['post'], references: { table: 'posts', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' }],
          checks: [],
          indexes: [],
          withoutRowid: true,
        },
        {
          name: 'users',
          columns: [
            { name: 'id', type: 'integer', nullable: false, autoincrement: true },
            { name: 'Email', type: 'text', nullable: false, collation: 'NOCASE' },
            { name: 'name', type: 'varchar(50)', nullable: true, default: "'anon'" },
            { name: 'created', type: 'datetime', nullable: true, default: 'CURRENT_TIMESTAMP' },
          ],
          primaryKey: { columns: ['id'] },
          uniques: [{ name: 'uq_email', columns: ['Email'] }],
          foreignKeys: [],
          checks: [],
          indexes: [{ name: 'ix_users_name', keys: [{ column: 'name', collation: 'NOCASE' }], unique: true }],
        },
      ],
      views: [{ name: 'recent', columns: ['id', 'title'], definition: 'SELECT id, body FROM posts ORDER BY id DESC' }],
      enums: [],
      sequences: [],
      triggers: [{ name: 'touch', table: 'posts', definition: 'CREATE TRIGGER touch AFTER UPDATE ON posts BEGIN UPDATE posts SET score = score + 1 WHERE id = NEW.id; END' }],
    });
  });

  test('excludeTables replaces the default of the version and history tables', async () => {
    db.exec('CREATE TABLE retort_version (revision TEXT); CREATE TABLE app (x INT);');
    expect((await sqliteSchemaDialect.introspect(queryable(db))).tables.map((t) => t.name)).toEqual(['app']);
    expect((await sqliteSchemaDialect.introspect(queryable(db), { excludeTables: ['app'] })).tables.map((t) => t.name)).toEqual(['retort_version']);
  });

  test('an empty database is the empty schema', async () => {
    expect(await sqliteSchemaDialect.introspect(queryable(db))).toEqual({ tables: [], views: [], enums: [], sequences: [], triggers: [] });
  });
});

import { lintSql } from './lint-sql.js';

const lint = (sql: string, dialect = 'postgres') =>
  lintSql(
    sql,
    sql
      .split(';')
      .map((s, i, all) => ({ sql: s.trim(), line: all.slice(0, i).join(';').split('\n').length + (s.match(/^\s*\n/) ? 1 : 0) }))
      .filter((s) => s.sql),
    dialect,
  );

describe('lintSql', () => {
  test('drops and deletes lose data', () => {
    expect(lint('DROP TABLE IF EXISTS public.users;\nALTER TABLE posts DROP COLUMN IF EXISTS body, DROP CONSTRAINT x;\nDELETE FROM logs;')).toEqual([
      { code: 'DATA_LOSS', message: "Drops table 'users' and its rows.", line: 1, source: 'sql' },
      { code: 'DATA_LOSS', message: "Drops column 'posts.body' and the data in it.", line: 2, source: 'sql' },
      { code: 'DATA_LOSS', message: "Deletes rows from table 'logs'.", line: 3, source: 'sql' },
    ]);
  });

  test('NOT NULL without default, type changes and non-concurrent indexes', () => {
    expect(
      lint(
        'ALTER TABLE users ADD COLUMN age integer NOT NULL, ADD COLUMN ok boolean NOT NULL DEFAULT true;\nALTER TABLE users ALTER COLUMN name TYPE varchar(50);\nCREATE INDEX i ON users (name);\nCREATE TABLE t (id int);\nCREATE INDEX j ON t (id);\nCREATE INDEX CONCURRENTLY k ON users (age)',
      ).map((f) => [f.code, f.line]),
    ).toEqual([
      ['NOT_NULL_WITHOUT_DEFAULT', 1],
      ['TABLE_REWRITE', 2],
      ['INDEX_NOT_CONCURRENT', 3],
    ]);
  });

  test('a rebuilt table (copy, drop, rename back) loses nothing', () => {
    expect(
      lint('CREATE TABLE new_posts (id int);\nINSERT INTO new_posts SELECT id FROM posts;\nDROP TABLE posts;\nALTER TABLE new_posts RENAME TO posts;\nDROP TABLE old;', 'sqlite'),
    ).toEqual([{ code: 'DATA_LOSS', message: "Drops table 'old' and its rows.", line: 5, source: 'sql' }]);
  });

  test('dropping a table the script created itself loses nothing', () => {
    expect(lint('CREATE TEMP TABLE "retort_fk_check" (v INTEGER);\nDROP TABLE temp."retort_fk_check";', 'sqlite')).toEqual([]);
  });

  test('SQLite has no concurrent indexes or in-place type changes to warn about', () => {
    expect(lint('CREATE INDEX i ON users (name);', 'sqlite')).toEqual([]);
  });

  test('hazard comments are reported and not repeated from the statements', () => {
    expect(lint("-- hazard DATA_LOSS: Drops column 'users.bio' and the data in it.\n\nALTER TABLE users DROP COLUMN bio;")).toEqual([
      { code: 'DATA_LOSS', message: "Drops column 'users.bio' and the data in it.", line: 1, source: 'comment' },
    ]);
  });
});

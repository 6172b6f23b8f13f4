import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database.js';
import { splitStatements } from './postgres-split.js';

const sqls = (text: string): string[] => splitStatements(text).map((s) => s.sql);

describe('splitStatements', () => {
  it('returns each statement with its offset and 1-based line', () => {
    const text = 'CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n\n  SELECT 1';
    expect(splitStatements(text)).toEqual([
      { sql: 'CREATE TABLE a (id int)', offset: 0, line: 1 },
      { sql: 'INSERT INTO a VALUES (1)', offset: 25, line: 2 },
      { sql: 'SELECT 1', offset: 54, line: 4 },
    ]);
  });

  it('starts a statement at its first real character, after comments and blanks', () => {
    const text = '-- retort:no-transaction\n/* header\n   two lines */\n\n\tCREATE INDEX CONCURRENTLY i ON t (a);';
    expect(splitStatements(text)).toEqual([
      { sql: 'CREATE INDEX CONCURRENTLY i ON t (a)', offset: 53, line: 5 },
    ]);
  });

  it('keeps semicolons inside standard strings with doubled quotes', () => {
    expect(sqls("INSERT INTO t VALUES ('a;''b;'); SELECT ';'")).toEqual([
      "INSERT INTO t VALUES ('a;''b;')",
      "SELECT ';'",
    ]);
  });

  it('treats a backslash in a standard string as an ordinary character', () => {
    expect(sqls("SELECT 'C:\\'; SELECT 2")).toEqual(["SELECT 'C:\\'", 'SELECT 2']);
  });

  it('honours backslash escapes in E strings, upper or lower case', () => {
    expect(sqls("SELECT E'it\\'s; fine'; SELECT e'\\\\'; SELECT 3")).toEqual([
      "SELECT E'it\\'s; fine'",
      "SELECT e'\\\\'",
      'SELECT 3',
    ]);
  });

  it('does not take the e at the end of an identifier for an E string prefix', () => {
    expect(sqls("SELECT type'x\\'; SELECT 2")).toEqual(["SELECT type'x\\'", 'SELECT 2']);
  });

  it('keeps semicolons inside double-quoted identifiers with doubled quotes', () => {
    expect(sqls('CREATE TABLE "a;""b" (id int); SELECT 1')).toEqual(['CREATE TABLE "a;""b" (id int)', 'SELECT 1']);
  });

  it('reads U& strings and identifiers', () => {
    expect(sqls("SELECT U&'d\\0061t;a', U&\"x;y\"; SELECT 2")).toEqual([
      "SELECT U&'d\\0061t;a', U&\"x;y\"",
      'SELECT 2',
    ]);
  });

  it('keeps $$ function bodies whole', () => {
    const body = 'CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql';
    expect(sqls(`${body};\nSELECT f();`)).toEqual([body, 'SELECT f()']);
  });

  it('matches $tag$ quotes by tag, so $$ inside them does not close them', () => {
    const body = "DO $body$ BEGIN EXECUTE $$SELECT ';'$$; END $body$";
    expect(sqls(`${body}; SELECT 2`)).toEqual([body, 'SELECT 2']);
  });

  it('reads $1 as a parameter and a$b$ as an identifier, not as dollar quotes', () => {
    expect(sqls('PREPARE p AS SELECT $1; SELECT a$b$ FROM t; SELECT 3')).toEqual([
      'PREPARE p AS SELECT $1',
      'SELECT a$b$ FROM t',
      'SELECT 3',
    ]);
  });

  it('ignores semicolons in line comments and drops comments after the last token', () => {
    expect(splitStatements('SELECT 1 -- one; two\n; -- tail; comment\nSELECT 2 -- end')).toEqual([
      { sql: 'SELECT 1', offset: 0, line: 1 },
      { sql: 'SELECT 2', offset: 40, line: 3 },
    ]);
  });

  it('keeps comments between tokens of a statement', () => {
    expect(sqls('SELECT /* a; */ 1 -- b;\n + 2;')).toEqual(['SELECT /* a; */ 1 -- b;\n + 2']);
  });

  it('nests block comments', () => {
    expect(sqls('/* outer /* inner; */ still comment; */ SELECT 1; SELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('drops empty statements and returns nothing for comment-only text', () => {
    expect(sqls(';; SELECT 1;;\n;')).toEqual(['SELECT 1']);
    expect(splitStatements('-- retort:no-transaction\n/* nothing */\n')).toEqual([]);
    expect(splitStatements('')).toEqual([]);
  });

  it('keeps semicolons inside parentheses, as CREATE RULE actions need', () => {
    const rule = 'CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2))';
    expect(sqls(`${rule}; SELECT 1`)).toEqual([rule, 'SELECT 1']);
  });

  it('keeps BEGIN ATOMIC bodies of SQL-standard functions whole, CASE ... END included', () => {
    const fn =
      'CREATE OR REPLACE FUNCTION sign_of(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n' +
      '  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n  SELECT 2;\nEND';
    const proc = 'CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END';
    expect(sqls(`${fn};\n${proc};\nSELECT 3;`)).toEqual([fn, proc, 'SELECT 3']);
  });

  it('does not nest on transaction BEGIN, or on CASE outside routine bodies', () => {
    expect(sqls('BEGIN; SELECT CASE WHEN true THEN 1 END; END; SELECT 4')).toEqual([
      'BEGIN',
      'SELECT CASE WHEN true THEN 1 END',
      'END',
      'SELECT 4',
    ]);
  });

  it('counts lines across CRLF, LF and lone CR', () => {
    expect(splitStatements('SELECT 1;\r\nSELECT 2;\rSELECT 3;\n\r\nSELECT 4').map((s) => s.line)).toEqual([1, 2, 3, 5]);
  });

  it('runs an unterminated string or comment to the end of the text', () => {
    expect(sqls("SELECT 1; SELECT 'open; SELECT 2")).toEqual(['SELECT 1', "SELECT 'open; SELECT 2"]);
    expect(sqls('SELECT 1; /* open; SELECT 2')).toEqual(['SELECT 1']);
    expect(sqls('SELECT 1; SELECT $x$ open; SELECT 2')).toEqual(['SELECT 1', 'SELECT $x$ open; SELECT 2']);
  });

  it('counts offsets in UTF-16 code units, like JavaScript strings', () => {
    expect(splitStatements("SELECT '😀;'; SELECT \"é\"")).toEqual([
      { sql: "SELECT '😀;'", offset: 0, line: 1 },
      { sql: 'SELECT "é"', offset: 14, line: 1 },
    ]);
  });

  it('reads numbers with letters and dots as one token', () => {
    expect(sqls('SELECT 1.5e3; SELECT 2')).toEqual(['SELECT 1.5e3', 'SELECT 2']);
  });
});

describe('splitStatements agrees with the server', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase('split');
    client = await db.client();
  });
  afterAll(async () => {
    await db.drop();
  });

  const scripts: Record<string, string> = {
    'quotes and comments':
      "-- head; comment\nCREATE TABLE \"a;b\" (v text);\nINSERT INTO \"a;b\" VALUES ('x;''y'), (E'z\\';'); /* c; /* d; */ */\nSELECT 1",
    'dollar quotes':
      "CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $fn$ BEGIN RETURN $$;$$; END $fn$;\nSELECT f();\nDO $$ BEGIN PERFORM 1; END $$;",
    'begin atomic':
      'CREATE TABLE t (x int);\nCREATE FUNCTION g(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; END;\nSELECT g(2);',
    'create rule':
      'CREATE TABLE src (x int); CREATE TABLE log (x int);\nCREATE RULE r AS ON INSERT TO src DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2));\nINSERT INTO src VALUES (0);',
  };

  it.each(Object.entries(scripts))('splits %s into as many statements as the server runs', async (_name, text) => {
    await client.query('BEGIN');
    try {
      const result = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      const serverCount = Array.isArray(result) ? result.length : 1;
      expect(splitStatements(text)).toHaveLength(serverCount);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('yields statements that each run alone', async () => {
    const text = scripts['begin atomic'] ?? '';
    await client.query('BEGIN');
    try {
      for (const statement of splitStatements(text)) await client.query(statement.sql);
      expect((await client.query('SELECT g(5) AS v')).rows).toEqual([{ v: 1 }]);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

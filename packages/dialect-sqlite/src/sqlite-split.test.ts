import { splitStatements } from './sqlite-split.js';

const sqls = (text: string): string[] => splitStatements(text).map((s) => s.sql);

describe('splitStatements', () => {
  it('splits at top-level semicolons with offsets and lines of the first real character', () => {
    const text = '-- users\nCREATE TABLE u (id int);\n\n  INSERT INTO u VALUES (1);\n';
    expect(splitStatements(text)).toEqual([
      { sql: 'CREATE TABLE u (id int)', offset: 9, line: 2 },
      { sql: 'INSERT INTO u VALUES (1)', offset: 37, line: 4 },
    ]);
  });

  it('keeps a last statement without a semicolon', () => {
    expect(splitStatements('SELECT 1;\nSELECT 2')).toEqual([
      { sql: 'SELECT 1', offset: 0, line: 1 },
      { sql: 'SELECT 2', offset: 10, line: 2 },
    ]);
  });

  it('gives [] for empty, blank and comment-only text', () => {
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements(' \n\t\r\n')).toEqual([]);
    expect(splitStatements('-- retort:no-transaction\n/* nothing ; here */\n-- end')).toEqual([]);
    expect(splitStatements(';;\n;')).toEqual([]);
  });

  it('drops empty statements and comment-only tails', () => {
    expect(splitStatements('SELECT 1;;\n; -- trailing ; comment\n/* tail; */')).toEqual([
      { sql: 'SELECT 1', offset: 0, line: 1 },
    ]);
  });

  it('keeps comments inside a statement and drops the ones after its last token', () => {
    expect(sqls('SELECT /* a; b */ 1 -- one;\n , 2 -- two\n;')).toEqual(['SELECT /* a; b */ 1 -- one;\n , 2']);
  });

  it('does not split inside single-quoted strings, including doubled quotes', () => {
    expect(sqls("INSERT INTO t VALUES ('a;b', 'it''s; ok', '');SELECT ';'")).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; ok', '')",
      "SELECT ';'",
    ]);
  });

  it('does not split inside "...", `...` and [...] identifiers', () => {
    expect(sqls('CREATE TABLE "a;""b" (`c;``d` int, [e;f] int);SELECT 1')).toEqual([
      'CREATE TABLE "a;""b" (`c;``d` int, [e;f] int)',
      'SELECT 1',
    ]);
  });

  it('treats comment markers inside strings as text', () => {
    expect(sqls("SELECT '--;', '/*;';SELECT 2")).toEqual(["SELECT '--;', '/*;'", 'SELECT 2']);
  });

  it('treats quotes inside comments as text', () => {
    expect(splitStatements("-- don't\nSELECT 1; /* it's */ SELECT 2")).toEqual([
      { sql: 'SELECT 1', offset: 9, line: 2 },
      { sql: 'SELECT 2', offset: 30, line: 2 },
    ]);
  });

  it('runs an unterminated string or block comment to the end of the text', () => {
    expect(sqls("SELECT 1; SELECT 'open; still")).toEqual(['SELECT 1', "SELECT 'open; still"]);
    expect(sqls('SELECT 1; /* open; comment')).toEqual(['SELECT 1']);
  });

  it('keeps a CREATE TRIGGER body with its inner semicolons as one statement', () => {
    const trigger =
      'CREATE TRIGGER audit AFTER INSERT ON u\nBEGIN\n  INSERT INTO log VALUES (new.id);\n  UPDATE c SET n = n + 1;\nEND';
    expect(splitStatements(`${trigger};\nSELECT 1;`)).toEqual([
      { sql: trigger, offset: 0, line: 1 },
      { sql: 'SELECT 1', offset: trigger.length + 2, line: 6 },
    ]);
  });

  it('nests CASE ... END inside a trigger body', () => {
    const trigger =
      'create temp trigger t before update on u when new.a > 0 begin\n' +
      "  update u set b = case when new.a > 1 then 'x;' else case new.a when 1 then 'y' end end;\n" +
      "  select raise(abort, 'no; way') where new.a = 9;\nend";
    expect(sqls(`${trigger};select 2`)).toEqual([trigger, 'select 2']);
  });

  it('recognises CREATE TEMPORARY TRIGGER and keywords split by comments', () => {
    const trigger = 'CREATE /* c */ TEMPORARY -- x\n TRIGGER t AFTER DELETE ON u BEGIN DELETE FROM v; END';
    expect(sqls(`${trigger}; SELECT 1`)).toEqual([trigger, 'SELECT 1']);
  });

  it('does not treat a column named end after a dot as the end of a trigger body', () => {
    const trigger = 'CREATE TRIGGER t AFTER INSERT ON r BEGIN INSERT INTO s VALUES (new.end); SELECT 1; END';
    expect(sqls(`${trigger};SELECT 3`)).toEqual([trigger, 'SELECT 3']);
  });

  it('splits normally after a trigger and in statements that merely mention triggers', () => {
    expect(sqls('DROP TRIGGER t; CREATE TABLE begin_end (x); SELECT "trigger"; SELECT 4')).toEqual([
      'DROP TRIGGER t',
      'CREATE TABLE begin_end (x)',
      'SELECT "trigger"',
      'SELECT 4',
    ]);
    expect(sqls('CREATE TABLE t (x); BEGIN; SELECT 1; END;')).toEqual(['CREATE TABLE t (x)', 'BEGIN', 'SELECT 1', 'END']);
  });

  it('does not mistake words containing keywords for keywords', () => {
    const trigger = 'CREATE TRIGGER t AFTER INSERT ON r BEGIN UPDATE s SET endx = casey; END';
    expect(sqls(`${trigger};SELECT 5`)).toEqual([trigger, 'SELECT 5']);
  });

  it('counts lines across CRLF and lone CR line breaks', () => {
    expect(splitStatements('SELECT 1;\r\n\r\nSELECT 2;\rSELECT 3;\n\nSELECT 4').map((s) => s.line)).toEqual([1, 3, 4, 6]);
  });

  it('counts lines inside strings and comments that span lines', () => {
    const text = "INSERT INTO t VALUES ('a\nb\nc');\n/* x\ny */\nSELECT 1";
    expect(splitStatements(text)).toEqual([
      { sql: "INSERT INTO t VALUES ('a\nb\nc')", offset: 0, line: 1 },
      { sql: 'SELECT 1', offset: 42, line: 6 },
    ]);
  });

  it('skips a byte-order mark before the first statement', () => {
    expect(splitStatements('\uFEFFSELECT 1')).toEqual([{ sql: 'SELECT 1', offset: 1, line: 1 }]);
  });

  it('keeps non-ASCII identifiers and text intact', () => {
    expect(sqls("CREATE TABLE café (naïve TEXT DEFAULT 'ü;');SELECT 1")).toEqual([
      "CREATE TABLE café (naïve TEXT DEFAULT 'ü;')",
      'SELECT 1',
    ]);
  });
});

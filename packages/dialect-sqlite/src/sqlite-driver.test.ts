import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SqlScript } from '@retort/core';
import { RetortError, StatementError } from '@retort/core';
import { connect } from './sqlite-driver.js';
import type { SqliteConnection } from './sqlite-driver.js';
import { splitStatements } from './sqlite-split.js';

const script = (text: string): SqlScript => ({ text, statements: splitStatements(text) });

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

let dir: string;
let conn: SqliteConnection;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retort-sqlite-driver-'));
  conn = await connect({ url: 'sqlite:./dev.db', cwd: dir });
});

afterEach(async () => {
  await conn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const tables = (c: SqliteConnection) =>
  c.query<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");

describe('connect', () => {
  it('creates the file and turns foreign keys on with the default busy timeout', async () => {
    expect(fs.existsSync(path.join(dir, 'dev.db'))).toBe(true);
    expect(conn.dialect).toBe('sqlite');
    expect(await conn.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await conn.query('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
  });

  it('applies busy_timeout and mode=ro from the URL', async () => {
    await conn.execute('CREATE TABLE t (x INTEGER)');
    const ro = await connect({ url: 'sqlite:./dev.db?mode=ro&busy_timeout=250', cwd: dir });
    try {
      expect(await ro.query('PRAGMA busy_timeout')).toEqual([{ timeout: 250 }]);
      const error = (await caught(ro.execute('INSERT INTO t VALUES (1)'))) as RetortError;
      expect(error.code).toBe('E_DATABASE');
      expect(error.facts.databaseCode).toBe('SQLITE_READONLY');
    } finally {
      await ro.close();
    }
  });

  it('fails with E_CONNECTION when the directory is missing', async () => {
    const error = (await caught(connect({ url: 'sqlite:./nope/dev.db', cwd: dir }))) as RetortError;
    expect(error).toBeInstanceOf(RetortError);
    expect(error.code).toBe('E_CONNECTION');
    expect(error.message).toBe(
      "Cannot open SQLite database 'nope/dev.db': Cannot open database because the directory does not exist; check that its directory exists and is writable.",
    );
  });

  it('fails with E_CONNECTION for mode=rw on a missing file', async () => {
    const error = (await caught(connect({ url: 'sqlite:./missing.db?mode=rw', cwd: dir }))) as RetortError;
    expect(error.code).toBe('E_CONNECTION');
    expect(error.message).toBe(
      "Cannot open SQLite database 'missing.db': unable to open database file; check that its directory exists and is writable and the file exists.",
    );
    expect(fs.existsSync(path.join(dir, 'missing.db'))).toBe(false);
  });

  it('opens memory databases, whose lock is a no-op', async () => {
    const memory = await connect({ url: 'sqlite::memory:' });
    const lock = await memory.acquireLock({ key: 'retort_version', timeoutMs: 0 });
    await memory.execute('CREATE TABLE m (x INTEGER); INSERT INTO m VALUES (7);');
    expect(await memory.query('SELECT x FROM m')).toEqual([{ x: 7 }]);
    await lock.release();
    await memory.close();
  });

  it('closes idempotently', async () => {
    await conn.close();
    await conn.close();
    expect(conn.database.open).toBe(false);
  });
});

describe('query and execute', () => {
  it('binds parameters, mapping booleans, dates and undefined', async () => {
    await conn.execute('CREATE TABLE p (a, b, c, d);');
    expect(await conn.query('INSERT INTO p VALUES (?, ?, ?, ?)', [true, new Date('2026-01-02T03:04:05.678Z'), undefined, 'x'])).toEqual([]);
    expect(await conn.query('SELECT a, b, c, d FROM p WHERE d = ?', ['x'])).toEqual([
      { a: 1, b: '2026-01-02T03:04:05.678Z', c: null, d: 'x' },
    ]);
  });

  it('returns rows from RETURNING and PRAGMA statements', async () => {
    await conn.execute('CREATE TABLE r (id INTEGER PRIMARY KEY, v TEXT)');
    expect(await conn.query("INSERT INTO r (v) VALUES ('a'), ('b') RETURNING id, v")).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
    ]);
  });

  it('sees schema changes through cached statements', async () => {
    await conn.execute('CREATE TABLE s (a INTEGER); INSERT INTO s VALUES (1);');
    expect(await conn.query('SELECT * FROM s')).toEqual([{ a: 1 }]);
    await conn.execute('ALTER TABLE s ADD COLUMN b TEXT');
    expect(await conn.query('SELECT * FROM s')).toEqual([{ a: 1, b: null }]);
  });

  it('throws E_DATABASE quoting the statement and the SQLite error', async () => {
    const error = (await caught(conn.query('SELECT * FROM nope'))) as RetortError;
    expect(error.code).toBe('E_DATABASE');
    expect(error.message).toBe(
      "SQLite failed on 'SELECT * FROM nope' in 'dev.db': no such table: nope (SQLITE_ERROR); fix the statement or the database it expects.",
    );
    expect(error.facts).toEqual({ file: 'dev.db', sql: 'SELECT * FROM nope', databaseCode: 'SQLITE_ERROR' });
  });

  it('runs several statements in execute and stops at the failing one', async () => {
    const error = (await caught(conn.execute('CREATE TABLE e1 (x);\nCREATE TABLE e1 (x);\nCREATE TABLE e2 (x);'))) as RetortError;
    expect(error.message).toBe(
      "SQLite failed on 'CREATE TABLE e1 (x); CREATE TABLE e1 (x); CREATE TABLE e2 (x);' in 'dev.db': table e1 already exists (SQLITE_ERROR); fix the statement or the database it expects.",
    );
    expect(await tables(conn)).toEqual([{ name: 'e1' }]);
  });
});

describe('runScript', () => {
  it('throws a StatementError with the index, SQLite message and code of the failing statement', async () => {
    const error = await caught(
      conn.runScript(script('CREATE TABLE a (id INTEGER PRIMARY KEY);\n\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (1);\nCREATE TABLE b (x);')),
    );
    expect(error).toBeInstanceOf(StatementError);
    const statementError = error as StatementError;
    expect(statementError.statementIndex).toBe(2);
    expect(statementError.message).toBe('UNIQUE constraint failed: a.id');
    expect(statementError.databaseCode).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(statementError.line).toBeUndefined();
    expect(await tables(conn)).toEqual([{ name: 'a' }]);
  });

  it('reports syntax errors as SQLITE_ERROR', async () => {
    const error = (await caught(conn.runScript(script('SELECT 1;\nCREAT TABLE x (y);')))) as StatementError;
    expect([error.statementIndex, error.message, error.databaseCode]).toEqual([1, 'near "CREAT": syntax error', 'SQLITE_ERROR']);
  });

  it('runs a split script with a trigger whose body holds semicolons and CASE', async () => {
    await conn.runScript(
      script(
        'CREATE TABLE t (v INTEGER);\nCREATE TABLE log (m TEXT);\n' +
          "CREATE TRIGGER tl AFTER INSERT ON t BEGIN\n  INSERT INTO log VALUES (CASE WHEN new.v > 1 THEN 'big;' ELSE 'small' END);\n  INSERT INTO log VALUES ('done');\nEND;\n" +
          'INSERT INTO t VALUES (1), (5);',
      ),
    );
    expect(await conn.query('SELECT m FROM log ORDER BY rowid')).toEqual([
      { m: 'small' },
      { m: 'done' },
      { m: 'big;' },
      { m: 'done' },
    ]);
  });
});

describe('transaction', () => {
  it('commits so that another connection sees the changes', async () => {
    const result = await conn.transaction(async (tx) => {
      await tx.runScript(script('CREATE TABLE c (x INTEGER); INSERT INTO c VALUES (1);'));
      await tx.execute("UPDATE c SET x = 2;");
      return 'done';
    });
    expect(result).toBe('done');
    const other = new Database(path.join(dir, 'dev.db'), { readonly: true });
    expect(other.prepare('SELECT x FROM c').all()).toEqual([{ x: 2 }]);
    other.close();
  });

  it('rolls back DDL and data when fn throws, and rethrows the same error', async () => {
    await conn.execute('CREATE TABLE keep (x INTEGER); INSERT INTO keep VALUES (1);');
    const boom = new Error('boom');
    const error = await caught(
      conn.transaction(async (tx) => {
        await tx.runScript(script('CREATE TABLE gone (x); CREATE INDEX gone_x ON gone (x); DELETE FROM keep;'));
        throw boom;
      }),
    );
    expect(error).toBe(boom);
    expect(await tables(conn)).toEqual([{ name: 'keep' }]);
    expect(await conn.query('SELECT x FROM keep')).toEqual([{ x: 1 }]);
    expect(conn.database.inTransaction).toBe(false);
  });

  it('rolls back a failing script statement with everything before it', async () => {
    const error = await caught(
      conn.transaction((tx) => tx.runScript(script('CREATE TABLE t1 (x);\nINSERT INTO t1 VALUES (1);\nINSERT INTO missing VALUES (2);'))),
    );
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).statementIndex).toBe(2);
    expect(await tables(conn)).toEqual([]);
  });

  it('nests calls as savepoints that roll back alone', async () => {
    await conn.transaction(async (tx) => {
      await tx.execute('CREATE TABLE n (v TEXT)');
      await tx.execute("INSERT INTO n VALUES ('outer')");
      await caught(
        tx.transaction(async (inner) => {
          await inner.execute("INSERT INTO n VALUES ('inner')");
          throw new Error('inner fails');
        }),
      );
      // A nested call through the connection itself is a savepoint too.
      await conn.transaction(async (inner) => {
        await inner.execute("INSERT INTO n VALUES ('kept')");
        await inner.transaction((deeper) => deeper.execute("INSERT INTO n VALUES ('deeper')"));
      });
    });
    expect(await conn.query('SELECT v FROM n ORDER BY rowid')).toEqual([{ v: 'outer' }, { v: 'kept' }, { v: 'deeper' }]);
    expect(conn.database.inTransaction).toBe(false);
  });

  it('takes the write lock at BEGIN and reports a busy database with advice', async () => {
    const busy = await connect({ url: 'sqlite:./dev.db?busy_timeout=20', cwd: dir });
    const other = new Database(path.join(dir, 'dev.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = (await caught(busy.transaction(async () => 'never'))) as RetortError;
      expect(error.code).toBe('E_DATABASE');
      expect(error.message).toBe(
        "SQLite failed on 'BEGIN IMMEDIATE' in 'dev.db': database is locked (SQLITE_BUSY); wait for the other writer or raise busy_timeout (sqlite:dev.db?busy_timeout=30000).",
      );
      expect(busy.database.inTransaction).toBe(false);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await busy.close();
    }
  });

  it('rolls back and throws E_DATABASE when COMMIT fails on a deferred foreign key', async () => {
    await conn.execute(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY);\nCREATE TABLE child (pid INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);',
    );
    const error = (await caught(conn.transaction((tx) => tx.execute('INSERT INTO child VALUES (42)')))) as RetortError;
    expect(error.code).toBe('E_DATABASE');
    expect(error.message).toBe(
      "SQLite failed on 'COMMIT' in 'dev.db': FOREIGN KEY constraint failed (SQLITE_CONSTRAINT_FOREIGNKEY); fix the statement or the database it expects.",
    );
    expect(conn.database.inTransaction).toBe(false);
    expect(await conn.query('SELECT count(*) AS n FROM child')).toEqual([{ n: 0 }]);
  });

  it('reports a transaction SQLite rolled back by itself', async () => {
    await conn.execute('CREATE TABLE u (id INTEGER PRIMARY KEY ON CONFLICT ROLLBACK); INSERT INTO u VALUES (1);');
    const error = (await caught(
      conn.transaction(async (tx) => {
        await caught(tx.execute('INSERT INTO u VALUES (1)'));
      }),
    )) as RetortError;
    expect(error.code).toBe('E_DATABASE');
    expect(error.message).toBe(
      "SQLite rolled back the transaction on 'dev.db' before it could commit (an error with ON CONFLICT ROLLBACK or a full disk); rerun it after fixing the cause.",
    );
  });
});

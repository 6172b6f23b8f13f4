import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sqliteDialect } from './sqlite-dialect.js';
import * as api from './index.js';

describe('sqliteDialect', () => {
  it('names itself and its capabilities', () => {
    expect(sqliteDialect.name).toBe('sqlite');
    expect(sqliteDialect.capabilities).toEqual({ transactionalDdl: true, concurrentConnections: false });
    expect(Object.isFrozen(sqliteDialect)).toBe(true);
    expect(sqliteDialect.quoteIdentifier('a"b')).toBe('"a""b"');
    expect(sqliteDialect.quoteLiteral("a'b")).toBe("'a''b'");
    expect(sqliteDialect.splitStatements('SELECT 1; SELECT 2')).toEqual([
      { sql: 'SELECT 1', offset: 0, line: 1 },
      { sql: 'SELECT 2', offset: 10, line: 1 },
    ]);
  });

  it('connects, runs a split script and the version protocol in one transaction', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retort-sqlite-dialect-'));
    const conn = await sqliteDialect.connect({ url: 'sqlite:app.db', cwd: dir });
    const v = sqliteDialect.versionSql({ versionTable: 'retort_version', historyTable: 'retort_history' });
    try {
      await conn.execute(v.ensureTables());
      const text = 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);';
      await conn.transaction(async (tx) => {
        await tx.runScript({ text, statements: sqliteDialect.splitStatements(text) });
        await tx.execute(v.insertHead('a1'));
      });
      expect(await conn.query(v.selectHeads())).toEqual([{ revision: 'a1' }]);
      expect(fs.existsSync(path.join(dir, 'app.db'))).toBe(true);
    } finally {
      await conn.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports the driver-side API from the package index', () => {
    expect(Object.keys(api)).toEqual(expect.arrayContaining([
      'DEFAULT_BUSY_TIMEOUT_MS',
      'SqliteConnection',
      'acquireSqliteLock',
      'connect',
      'databaseError',
      'lockFilePath',
      'parseSqliteUrl',
      'quoteIdentifier',
      'quoteLiteral',
      'splitStatements',
      'sqliteCodeOf',
      'sqliteDialect',
      'statementError',
      'versionSql',
    ]));
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { HistoryEntry } from '@retort/core';
import { RetortError } from '@retort/core';
import { connect } from './sqlite-driver.js';
import type { SqliteConnection } from './sqlite-driver.js';
import { versionSql } from './sqlite-version-sql.js';

const SQLITE3 = '/usr/bin/sqlite3';
const names = { versionTable: 'retort_version', historyTable: 'retort_history' };
const v = versionSql(names);

const entry = (overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  revision: 'a1b2c3',
  direction: 'up',
  checksum: 'deadbeef',
  startedAt: new Date('2026-11-21T12:00:00.000Z'),
  finishedAt: new Date('2026-11-21T12:00:00.042Z'),
  durationMs: 42,
  executedBy: "o'brien@build-1",
  toolVersion: '0.1.0',
  status: 'applied',
  ...overrides,
});

let dir: string;
let conn: SqliteConnection;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retort-sqlite-version-'));
  conn = await connect({ url: 'sqlite:./dev.db', cwd: dir });
});

afterEach(async () => {
  await conn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const heads = async () => (await conn.query<{ revision: string }>(v.selectHeads())).map((r) => r.revision);

describe('versionSql text', () => {
  it('creates both tables', () => {
    expect(v.ensureTables()).toBe(
      'CREATE TABLE IF NOT EXISTS "retort_version" (\n  revision TEXT NOT NULL PRIMARY KEY\n);\n' +
        'CREATE TABLE IF NOT EXISTS "retort_history" (\n  id INTEGER PRIMARY KEY,\n  revision TEXT NOT NULL,\n' +
        "  direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),\n  checksum TEXT NOT NULL,\n" +
        '  started_at TEXT NOT NULL,\n  finished_at TEXT NOT NULL,\n  duration_ms INTEGER NOT NULL,\n' +
        '  executed_by TEXT NOT NULL,\n  tool_version TEXT NOT NULL,\n' +
        "  status TEXT NOT NULL CHECK (status IN ('applied', 'failed')),\n  detail TEXT\n);",
    );
  });

  it('inlines quoted literals in head and history statements', () => {
    expect(v.selectHeads()).toBe('SELECT revision FROM "retort_version" ORDER BY rowid');
    expect(v.insertHead('a1')).toBe(`INSERT INTO "retort_version" (revision) VALUES ('a1');`);
    expect(v.deleteHead('a1')).toBe(`DELETE FROM "retort_version" WHERE revision = 'a1';`);
    expect(v.updateHead('a1', 'b2')).toBe(`UPDATE "retort_version" SET revision = 'b2' WHERE revision = 'a1';`);
    expect(v.deleteAllHeads()).toBe('DELETE FROM "retort_version";');
    expect(v.insertHistory(entry({ detail: 'up.sql:3 (statement 2 of 4)' }))).toBe(
      'INSERT INTO "retort_history" (revision, direction, checksum, started_at, finished_at, duration_ms, executed_by, tool_version, status, detail) ' +
        "VALUES ('a1b2c3', 'up', 'deadbeef', '2026-11-21T12:00:00.000Z', '2026-11-21T12:00:00.042Z', 42, 'o''brien@build-1', '0.1.0', 'applied', 'up.sql:3 (statement 2 of 4)');",
    );
    expect(v.insertHistory(entry({ durationMs: 1.6 }))).toContain(", 2, 'o''brien@build-1', '0.1.0', 'applied', NULL);");
    expect([v.begin(), v.commit()]).toEqual(['BEGIN IMMEDIATE;', 'COMMIT;']);
  });

  it('quotes custom table names', () => {
    const custom = versionSql({ versionTable: 'mig "v"', historyTable: 'log', schema: 'ignored' });
    expect(custom.deleteAllHeads()).toBe('DELETE FROM "mig ""v""";');
    expect(custom.selectHistory()).toContain('FROM "log" ORDER BY id');
  });

  it.each([
    [{ direction: 'sideways' as 'up' }, "History entry direction 'sideways' is invalid; pass 'up' or 'down'."],
    [{ status: 'done' as 'applied' }, "History entry status 'done' is invalid; pass 'applied' or 'failed'."],
    [{ durationMs: -1 }, "History entry durationMs '-1' is invalid; pass a non-negative number of milliseconds."],
    [{ durationMs: Number.NaN }, "History entry durationMs 'NaN' is invalid; pass a non-negative number of milliseconds."],
    [{ startedAt: new Date('nope') }, "History entry startedAt 'Invalid Date' is invalid; pass a valid Date."],
    [{ finishedAt: '2026-01-01' as unknown as Date }, "History entry finishedAt '2026-01-01' is invalid; pass a valid Date."],
  ])('rejects an invalid history entry %#', (overrides, message) => {
    let error: unknown;
    try {
      v.insertHistory(entry(overrides));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RetortError);
    expect(error).toMatchObject({ code: 'E_USAGE', message });
  });
});

describe('versionSql on a database', () => {
  it('keeps one row per head in insertion order through insert, update and delete', async () => {
    await conn.execute(v.ensureTables());
    await conn.execute(v.ensureTables());
    expect(await heads()).toEqual([]);
    await conn.transaction(async (tx) => {
      for (const head of ['zz', 'aa', 'mm']) await tx.execute(v.insertHead(head));
    });
    expect(await heads()).toEqual(['zz', 'aa', 'mm']);
    await conn.execute(v.updateHead('aa', 'bb'));
    expect(await heads()).toEqual(['zz', 'bb', 'mm']);
    await conn.execute(v.deleteHead('zz'));
    expect(await heads()).toEqual(['bb', 'mm']);
    await conn.execute(v.insertHead('zz'));
    expect(await heads()).toEqual(['bb', 'mm', 'zz']);
    await conn.execute(v.deleteAllHeads());
    expect(await heads()).toEqual([]);
  });

  it('rejects a duplicate head', async () => {
    await conn.execute(v.ensureTables() + v.insertHead('a1'));
    await expect(conn.execute(v.insertHead('a1'))).rejects.toMatchObject({
      code: 'E_DATABASE',
      facts: { databaseCode: 'SQLITE_CONSTRAINT_PRIMARYKEY' },
    });
  });

  it('round-trips history rows, newest last', async () => {
    await conn.execute(v.ensureTables());
    await conn.execute(v.insertHistory(entry()));
    await conn.execute(
      v.insertHistory(
        entry({ revision: 'b2', direction: 'down', status: 'failed', durationMs: 7, detail: "up.sql:12 (statement 3 of 5)\nnear 'x'" }),
      ),
    );
    expect(await conn.query(v.selectHistory())).toEqual([
      {
        revision: 'a1b2c3', direction: 'up', checksum: 'deadbeef', startedAt: '2026-11-21T12:00:00.000Z',
        finishedAt: '2026-11-21T12:00:00.042Z', durationMs: 42, executedBy: "o'brien@build-1", toolVersion: '0.1.0',
        status: 'applied', detail: null,
      },
      {
        revision: 'b2', direction: 'down', checksum: 'deadbeef', startedAt: '2026-11-21T12:00:00.000Z',
        finishedAt: '2026-11-21T12:00:00.042Z', durationMs: 7, executedBy: "o'brien@build-1", toolVersion: '0.1.0',
        status: 'failed', detail: "up.sql:12 (statement 3 of 5)\nnear 'x'",
      },
    ]);
  });
});

describe('versionSql offline text', () => {
  it('runs in the sqlite3 shell (3.35+)', () => {
    const version = spawnSync(SQLITE3, ['--version'], { encoding: 'utf8' });
    if (version.error) throw new Error(`${SQLITE3} is needed to check offline SQL: ${version.error.message}`);
    const [major, minor] = version.stdout.split('.').map(Number);
    expect((major ?? 0) * 1000 + (minor ?? 0)).toBeGreaterThanOrEqual(3035);

    const text = [
      v.ensureTables(),
      v.begin(),
      v.insertHead('a1'),
      v.insertHistory(entry({ revision: 'a1', executedBy: "d'Artagnan; --not a comment", detail: 'x /* y */' })),
      v.commit(),
      v.begin(),
      v.updateHead('a1', 'b2'),
      v.insertHead('c3'),
      v.deleteHead('c3'),
      v.insertHistory(entry({ revision: 'b2' })),
      v.commit(),
    ].join('\n\n');
    const dbPath = path.join(dir, 'offline.db');
    const shell = spawnSync(SQLITE3, ['-bail', dbPath], { input: text, encoding: 'utf8' });
    expect([shell.status, shell.stderr, shell.stdout]).toEqual([0, '', '']);

    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare(v.selectHeads()).all()).toEqual([{ revision: 'b2' }]);
    expect(db.prepare(v.selectHistory()).all()).toMatchObject([
      { revision: 'a1', executedBy: "d'Artagnan; --not a comment", detail: 'x /* y */' },
      { revision: 'b2', executedBy: "o'brien@build-1", detail: null },
    ]);
    db.close();
  });
});

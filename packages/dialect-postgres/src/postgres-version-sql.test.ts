import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { RetortError, type HistoryEntry } from '@retort/core';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database.js';
import { connect, type PostgresConnection } from './postgres-driver.js';
import { versionSql } from './postgres-version-sql.js';

const run = promisify(execFile);
const names = { versionTable: 'retort_version', historyTable: 'retort_history' };

const entry = (over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  revision: 'a1',
  direction: 'up',
  checksum: 'c0ffee',
  startedAt: new Date('2026-11-21T12:00:00.000Z'),
  finishedAt: new Date('2026-11-21T12:00:01.250Z'),
  durationMs: 1250,
  executedBy: 'ci@build-7',
  toolVersion: '0.1.0',
  status: 'applied',
  ...over,
});

describe('versionSql text', () => {
  it('qualifies names with the schema and creates it', () => {
    const v = versionSql({ ...names, schema: 'app' });
    expect(v.ensureTables()).toBe(
      'CREATE SCHEMA IF NOT EXISTS "app";\n' +
        'CREATE TABLE IF NOT EXISTS "app"."retort_version" (\n' +
        '  revision varchar(255) NOT NULL PRIMARY KEY,\n' +
        '  ordinal bigint GENERATED ALWAYS AS IDENTITY\n' +
        ');\n' +
        'CREATE TABLE IF NOT EXISTS "app"."retort_history" (\n' +
        '  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n' +
        '  revision varchar(255) NOT NULL,\n' +
        "  direction varchar(4) NOT NULL CHECK (direction IN ('up', 'down')),\n" +
        '  checksum varchar(128) NOT NULL,\n' +
        '  started_at timestamptz NOT NULL,\n' +
        '  finished_at timestamptz NOT NULL,\n' +
        '  duration_ms bigint NOT NULL,\n' +
        '  executed_by text NOT NULL,\n' +
        '  tool_version text NOT NULL,\n' +
        "  status varchar(16) NOT NULL CHECK (status IN ('applied', 'failed')),\n" +
        '  detail text\n' +
        ');',
    );
    expect(v.selectHeads()).toBe('SELECT revision FROM "app"."retort_version" ORDER BY ordinal');
    expect(v.insertHead("it's")).toBe(`INSERT INTO "app"."retort_version" (revision) VALUES ('it''s');`);
    expect(v.deleteHead('a1')).toBe(`DELETE FROM "app"."retort_version" WHERE revision = 'a1';`);
    expect(v.updateHead('a1', 'b2')).toBe(`UPDATE "app"."retort_version" SET revision = 'b2' WHERE revision = 'a1';`);
    expect(v.deleteAllHeads()).toBe('DELETE FROM "app"."retort_version";');
    expect(v.begin()).toBe('BEGIN;');
    expect(v.commit()).toBe('COMMIT;');
  });

  it('leaves names unqualified without a schema, for search_path to resolve', () => {
    const v = versionSql(names);
    expect(v.ensureTables().startsWith('CREATE TABLE IF NOT EXISTS "retort_version" (\n')).toBe(true);
    expect(v.insertHistory(entry({ detail: 'up.sql:12 (statement 3 of 5)', status: 'failed' }))).toBe(
      'INSERT INTO "retort_history" (revision, direction, checksum, started_at, finished_at, duration_ms, ' +
        "executed_by, tool_version, status, detail) VALUES ('a1', 'up', 'c0ffee', '2026-11-21T12:00:00.000Z', " +
        "'2026-11-21T12:00:01.250Z', 1250, 'ci@build-7', '0.1.0', 'failed', 'up.sql:12 (statement 3 of 5)');",
    );
    expect(v.selectHistory()).toBe(
      'SELECT revision, direction, checksum, started_at AS "startedAt", finished_at AS "finishedAt", ' +
        'duration_ms::double precision AS "durationMs", executed_by AS "executedBy", tool_version AS "toolVersion", ' +
        'status, detail FROM "retort_history" ORDER BY id',
    );
  });

  it('rejects history entries the table would refuse, naming the field', () => {
    const v = versionSql(names);
    expect(() => v.insertHistory(entry({ direction: 'sideways' as 'up' }))).toThrow(
      new RetortError('E_USAGE', "History entry direction 'sideways' is invalid; pass 'up' or 'down'."),
    );
    expect(() => v.insertHistory(entry({ startedAt: new Date('nope') }))).toThrow(
      "History entry startedAt 'Invalid Date' is invalid; pass a valid Date.",
    );
  });
});

describe('versionSql on the server', () => {
  let db: TestDatabase;
  let conn: PostgresConnection;
  const schema = 'Odd "Retort" schema';
  const v = versionSql({ ...names, schema });
  const heads = async (): Promise<string[]> =>
    (await conn.query<{ revision: string }>(v.selectHeads())).map((row) => row.revision);

  beforeAll(async () => {
    db = await createTestDatabase('version');
    conn = await connect({ url: db.url });
    await conn.execute(v.ensureTables());
    await conn.execute(v.ensureTables());
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  it('keeps heads in insertion order through insert, update and delete', async () => {
    await conn.transaction(async (tx) => {
      await tx.execute(v.insertHead('c3'));
      await tx.execute(v.insertHead('a1'));
      await tx.execute(v.insertHead("b'2"));
    });
    expect(await heads()).toEqual(['c3', 'a1', "b'2"]);
    await conn.transaction(async (tx) => {
      await tx.execute(v.updateHead('c3', 'z9'));
      await tx.execute(v.deleteHead('a1'));
    });
    expect(await heads()).toEqual(['z9', "b'2"]);
    await conn.execute(v.insertHead('a1'));
    expect(await heads()).toEqual(['z9', "b'2", 'a1']);
    await conn.execute(v.deleteAllHeads());
    expect(await heads()).toEqual([]);
  });

  it('round-trips history entries, literals with quotes, backslashes and emoji included', async () => {
    const first = entry();
    const second = entry({
      revision: 'b2',
      direction: 'down',
      durationMs: 3.6,
      status: 'failed',
      detail: "up.sql:3 it's C:\\temp\\new 😀",
    });
    await conn.transaction(async (tx) => {
      await tx.execute(v.insertHistory(first));
      await tx.execute(v.insertHistory(second));
    });
    expect(await conn.query(v.selectHistory())).toEqual([
      { ...first, detail: null },
      { ...second, durationMs: 4 },
    ]);
  });

  it('runs the same text offline through psql -f', async () => {
    const offline = versionSql({ ...names, schema: 'offline $$ schema' });
    const text = [
      offline.ensureTables(),
      offline.begin(),
      offline.insertHead('a1'),
      offline.updateHead('a1', 'b2'),
      offline.insertHead("c'3"),
      offline.insertHistory(entry({ revision: 'b2', detail: 'E\'\\x\' $$ ; -- not a comment' })),
      offline.commit(),
      '',
    ].join('\n');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retort-offline-'));
    const file = path.join(dir, 'upgrade.sql');
    fs.writeFileSync(file, text);
    try {
      await run('psql', ['--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-q', '-d', db.url, '-f', file]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((await conn.query<{ revision: string }>(offline.selectHeads())).map((r) => r.revision)).toEqual(['b2', "c'3"]);
    expect(await conn.query(offline.selectHistory())).toEqual([
      { ...entry({ revision: 'b2' }), detail: 'E\'\\x\' $$ ; -- not a comment' },
    ]);
  });
});

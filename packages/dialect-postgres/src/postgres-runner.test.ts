import pg from 'pg';
import { openProject, upgrade, type MigrateOptions, type RetortError } from '@retort/core';
import { fixtureProject, tableFiles, type FixtureRevision } from '@retort/core/testkit';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database.js';
import { caught, countSentQueries } from './__fixtures__/test-spies.js';
import { postgresDialect } from './postgres-dialect.js';

// Core's runner on PostgreSQL, where the driver lets a revision's script wait for its COMMIT
// (Queryable.deferScript): BEGIN, script, version rows, history row and COMMIT are one message.

const tables = { versionTable: 'retort_version', historyTable: 'retort_history', schema: 'app' };

const linear = (names: readonly string[]): FixtureRevision[] =>
  names.map((name, index) => ({ id: name, parents: index === 0 ? [] : [names[index - 1]!], files: tableFiles(`t_${name}`) }));


describe('the runner on PostgreSQL', () => {
  let db: TestDatabase;
  let observer: pg.Client;
  const cleanups: (() => void)[] = [];

  beforeEach(async () => {
    db = await createTestDatabase('runner');
    observer = await db.client();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await db.drop();
  });

  const migrate = (revisions: readonly FixtureRevision[], extra: Partial<MigrateOptions> = {}): MigrateOptions => {
    const fixture = fixtureProject(revisions);
    cleanups.push(fixture.cleanup);
    return {
      project: openProject(fixture.dir),
      target: 'head',
      database: { dialect: postgresDialect, url: db.urlWith({ schema: 'app' }), tables },
      executedBy: 'runner-test',
      toolVersion: 'test',
      ...extra,
    };
  };
  const heads = async (): Promise<string[]> =>
    (await observer.query<{ revision: string }>('SELECT revision FROM app.retort_version ORDER BY ordinal')).rows.map((r) => r.revision);

  it('sends each revision as one message: BEGIN, script, version row, history row, COMMIT', async () => {
    const messages = async (count: number): Promise<number> => {
      await observer.query('DROP SCHEMA IF EXISTS app CASCADE');
      const names = Array.from({ length: count }, (_, i) => `r${count}_${i}`);
      const sent = countSentQueries();
      try {
        await upgrade(migrate(linear(names)));
      } finally {
        sent.restore();
      }
      expect(await heads()).toEqual([names.at(-1)]);
      return sent.count();
    };
    const three = await messages(3);
    const eight = await messages(8);
    expect(eight - three).toBe(5);
    const log = await observer.query<{ revision: string; status: string }>('SELECT revision, status FROM app.retort_history ORDER BY id');
    expect(log.rows.map((r) => r.status)).toEqual(Array(8).fill('applied'));
  });

  it('times the history row with the database clock: the transaction start, the moment the row is written', async () => {
    await upgrade(migrate([{ id: 'slow', parents: [], files: { 'up.sql': 'SELECT pg_sleep(0.3);\nCREATE TABLE t_slow (id int);\n', 'down.sql': 'DROP TABLE t_slow;' } }]));
    const [row] = (
      await observer.query<{ duration_ms: string; measured: string; ordered: boolean }>(
        "SELECT duration_ms, round(date_part('epoch', finished_at - started_at) * 1000)::bigint AS measured, started_at <= finished_at AS ordered FROM app.retort_history",
      )
    ).rows;
    expect(row?.ordered).toBe(true);
    expect(Number(row?.duration_ms)).toBeGreaterThanOrEqual(300);
    expect(Math.abs(Number(row?.duration_ms) - Number(row?.measured))).toBeLessThanOrEqual(1);
  });

  it('names the statement of a run-time failure the server gives no position for', async () => {
    const upSql = 'CREATE TABLE t_b2 (id int PRIMARY KEY);\nINSERT INTO t_b2 VALUES (1);\n\nINSERT INTO t_b2 VALUES (1);\n';
    const error = (await caught(upgrade(migrate([...linear(['a1']), { id: 'b2', parents: ['a1'], files: { 'up.sql': upSql, 'down.sql': 'DROP TABLE t_b2;' } }])))) as RetortError;
    expect(error?.code).toBe('E_MIGRATION_FAILED');
    expect(error?.facts).toMatchObject({ line: 4, statement: 3, revision: 'b2', databaseCode: '23505' });
    expect(error?.message).toMatch(/up\.sql:4: duplicate key value violates unique constraint "t_b2_pkey" \(revision 'b2', up\); the database is still at 'a1'\./);
    expect(await heads()).toEqual(['a1']);
    expect((await observer.query("SELECT to_regclass('public.t_b2') AS t")).rows).toEqual([{ t: null }]);
  });

  it('refuses a script that ends the transaction itself before its version row is written', async () => {
    const upSql = 'CREATE TABLE t_b2 (id int);\nCOMMIT;\nCREATE TABLE t_b2_after (id int);\n';
    const error = (await caught(upgrade(migrate([...linear(['a1']), { id: 'b2', parents: ['a1'], files: { 'up.sql': upSql, 'down.sql': 'DROP TABLE t_b2;' } }])))) as RetortError;
    expect(error?.code).toBe('E_DATABASE');
    expect(error?.message).toBe(
      `The script ended the transaction Retort opened on '${db.urlWith({ schema: 'app' })}' (it runs COMMIT, ROLLBACK or END itself), so its changes are not atomic with the version table; remove those statements, or mark the file -- retort:no-transaction.`,
    );
    expect(await heads()).toEqual(['a1']);
    const history = await observer.query<{ revision: string }>('SELECT revision FROM app.retort_history ORDER BY id');
    expect(history.rows.map((r) => r.revision)).toEqual(['a1']);
  });
});

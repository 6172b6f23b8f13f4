import type { Dialect, VersionTableNames } from '../dialect/types.js';
import { current } from '../api/current.js';
import type { DatabaseTarget } from '../api/database.js';
import { openDatabase } from '../api/database.js';
import { downgrade, upgrade, type MigrateOptions } from '../api/migrate.js';
import { openProject } from '../api/project.js';
import { stamp } from '../api/stamp.js';
import { fixtureProject, tableFiles, type FixtureRevision } from './fixture-project.js';
import { testGlobals } from './jest-globals.js';

/** A fresh, empty database for one test, and how to drop it. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** Options for {@link defineConformanceSuite}. */
export interface ConformanceOptions {
  readonly dialect: Dialect;
  /** Creates a fresh empty database (a temp SQLite file, a new Postgres database). */
  readonly createDatabase: () => Promise<TestDatabase>;
  /** Version table names; default `retort_version` / `retort_history`. */
  readonly tables?: VersionTableNames;
}

const DEFAULT_TABLES: VersionTableNames = { versionTable: 'retort_version', historyTable: 'retort_history' };

/**
 * The dialect conformance suite: everything the CLI promises about running migrations,
 * checked against a real database. Every dialect package runs it from a test file.
 *
 * @example
 * ```ts
 * // packages/dialect-sqlite/src/sqlite-conformance.test.ts
 * import { defineConformanceSuite } from '@retort/core/testkit';
 * defineConformanceSuite({ dialect: sqliteDialect, createDatabase: async () => tempSqliteDatabase() });
 * ```
 */
export function defineConformanceSuite(options: ConformanceOptions): void {
  const { describe, test, beforeEach, afterEach, expect } = testGlobals();
  const tables = options.tables ?? DEFAULT_TABLES;
  let database: TestDatabase;
  let cleanups: (() => Promise<void> | void)[] = [];

  beforeEach(async () => {
    database = await options.createDatabase();
    cleanups = [() => database.drop()];
  });
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  const target = (): DatabaseTarget => ({ dialect: options.dialect, url: database.url, tables });
  const project = (revisions: readonly FixtureRevision[]) => {
    const fixture = fixtureProject(revisions);
    cleanups.push(fixture.cleanup);
    return fixture;
  };
  const migrate = (dir: string, extra: Partial<MigrateOptions> = {}) => ({
    project: openProject(dir),
    target: 'head',
    database: target(),
    executedBy: 'conformance',
    toolVersion: 'test',
    ...extra,
  });
  const withConnection = async <T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> => {
    const db = await openDatabase(target());
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  const tableExists = (name: string) =>
    withConnection(async (db) => {
      try {
        await db.connection.transaction((tx) => tx.query(`SELECT 1 FROM ${options.dialect.quoteIdentifier(name)} WHERE 1 = 0`));
        return true;
      } catch {
        return false;
      }
    });
  const rows = <T>(sql: string) => withConnection((db) => db.connection.query<T>(sql));
  const history = () =>
    withConnection((db) =>
      db.connection.query<{ revision: string; direction: string; status: string; checksum: string }>(db.versionSql.selectHistory()),
    );
  const linear = (names: readonly string[]): FixtureRevision[] =>
    names.map((name, index) => ({ id: name, parents: index === 0 ? [] : [names[index - 1]!], files: tableFiles(`t_${name}`) }));

  describe(`conformance: ${options.dialect.name}`, () => {
    test('reading the current revision creates nothing; dry runs change nothing', async () => {
      const fixture = project(linear(['a1', 'b2']));
      expect(await current(target())).toEqual([]);
      const planned = await upgrade(migrate(fixture.dir, { dryRun: true }));
      expect(planned.steps.map((s) => [s.revision, s.status])).toEqual([
        ['a1', 'planned'],
        ['b2', 'planned'],
      ]);
      expect(planned.heads).toEqual(['b2']);
      expect(await tableExists(tables.versionTable)).toBe(false);
      expect(await tableExists('t_a1')).toBe(false);
    });

    test('upgrade applies in order with one version row and a history entry per step', async () => {
      const fixture = project(linear(['a1', 'b2', 'c3']));
      const result = await upgrade(migrate(fixture.dir));
      expect(result.steps.map((s) => [s.revision, s.direction, s.status])).toEqual([
        ['a1', 'up', 'applied'],
        ['b2', 'up', 'applied'],
        ['c3', 'up', 'applied'],
      ]);
      expect(await current(target())).toEqual(['c3']);
      expect(await tableExists('t_c3')).toBe(true);
      const log = await history();
      expect(log.map((h) => [h.revision, h.direction, h.status])).toEqual([
        ['a1', 'up', 'applied'],
        ['b2', 'up', 'applied'],
        ['c3', 'up', 'applied'],
      ]);
      for (const entry of log) expect(/^[0-9a-f]{64}$/.test(entry.checksum)).toBe(true);
      expect((await upgrade(migrate(fixture.dir))).steps).toEqual([]);
    });

    test('downgrade -1 and base, then re-upgrade', async () => {
      const fixture = project(linear(['a1', 'b2', 'c3']));
      await upgrade(migrate(fixture.dir));
      expect((await downgrade(migrate(fixture.dir, { target: '-1' }))).heads).toEqual(['b2']);
      expect(await tableExists('t_c3')).toBe(false);
      const down = await downgrade(migrate(fixture.dir, { target: 'base' }));
      expect(down.steps.map((s) => s.revision)).toEqual(['b2', 'a1']);
      expect(await current(target())).toEqual([]);
      expect(await tableExists('t_a1')).toBe(false);
      expect((await upgrade(migrate(fixture.dir))).heads).toEqual(['c3']);
    });

    test('branches, merges and labels keep one version row per head', async () => {
      const fixture = project([
        { id: 'a1', files: tableFiles('t_a1') },
        { id: 'b1', parents: ['a1'], branchLabels: ['left'], files: tableFiles('t_b1') },
        { id: 'b2', parents: ['a1'], branchLabels: ['right'], files: tableFiles('t_b2') },
        { id: 'm3', parents: ['b1', 'b2'], files: { 'up.sql': '', 'down.sql': '' } },
      ]);
      const sorted = async () => [...(await current(target()))].sort();
      await upgrade(migrate(fixture.dir, { target: 'b1' }));
      expect(await sorted()).toEqual(['b1']);
      await upgrade(migrate(fixture.dir, { target: 'b2' }));
      expect(await sorted()).toEqual(['b1', 'b2']);
      await upgrade(migrate(fixture.dir, { target: 'heads' }));
      expect(await sorted()).toEqual(['m3']);
      await downgrade(migrate(fixture.dir, { target: 'b1' }));
      expect(await sorted()).toEqual(['b1', 'b2']);
      await downgrade(migrate(fixture.dir, { target: 'right@-1' }));
      expect(await sorted()).toEqual(['b1']);
      expect(await tableExists('t_b2')).toBe(false);
      expect(await tableExists('t_b1')).toBe(true);
    });

    test('depends_on across roots applies the dependency first', async () => {
      const fixture = project([
        { id: 'x1', branchLabels: ['accounts'], files: tableFiles('t_x1') },
        { id: 'y1', files: tableFiles('t_y1') },
        { id: 'y2', parents: ['y1'], dependsOn: ['accounts'], files: tableFiles('t_y2') },
      ]);
      const result = await upgrade(migrate(fixture.dir, { target: 'y2' }));
      expect(result.steps.map((s) => s.revision).sort()).toEqual(['x1', 'y1', 'y2']);
      expect(result.steps[2]?.revision).toBe('y2');
      const down = await downgrade(migrate(fixture.dir, { target: 'accounts@base' }));
      expect(down.steps.map((s) => s.revision)).toEqual(['y2', 'x1']);
      expect(await tableExists('t_y1')).toBe(true);
    });

    test('a failing statement leaves the database at the previous revision, naming file and line', async () => {
      const fixture = project([
        ...linear(['a1', 'b2']),
        { id: 'c3', parents: ['b2'], files: { 'up.sql': "CREATE TABLE t_c3 (id INTEGER);\nINSERT INTO t_c3 VALUES (1);\n\nSELECT * FROM missing_table;\n", 'down.sql': 'DROP TABLE t_c3;' } },
        { id: 'd4', parents: ['c3'], files: tableFiles('t_d4') },
      ]);
      const error = await upgrade(migrate(fixture.dir)).then(
        () => undefined,
        (e: unknown) => e as { code: string; facts: Record<string, unknown>; message: string },
      );
      expect(error?.code).toBe('E_MIGRATION_FAILED');
      expect(error?.facts).toMatchObject({ line: 4, revision: 'c3', direction: 'up' });
      expect(String(error?.facts['file'])).toMatch(/c3_rev[/\\]up\.sql$/);
      expect(error?.message).toMatch(/up\.sql:4: .*missing_table/);
      expect(await current(target())).toEqual(['b2']);
      expect(await tableExists('t_c3')).toBe(false);
      expect(await tableExists('t_b2')).toBe(true);
      fixture.write({ id: 'c3', parents: ['b2'], files: tableFiles('t_c3') });
      expect((await upgrade(migrate(fixture.dir))).heads).toEqual(['d4']);
    });

    test('--atomic runs the plan in one transaction', async () => {
      const fixture = project([...linear(['a1', 'b2']), { id: 'c3', parents: ['b2'], files: { 'up.sql': 'SELECT * FROM nowhere;', 'down.sql': '' } }]);
      await expect(upgrade(migrate(fixture.dir, { atomic: true }))).rejects.toMatchObject({ code: 'E_MIGRATION_FAILED' });
      expect(await current(target())).toEqual([]);
      expect(await tableExists('t_a1')).toBe(false);
    });

    test('no-transaction revisions run statement by statement and record where they stopped', async () => {
      const fixture = project([
        { id: 'a1', files: tableFiles('t_a1') },
        {
          id: 'b2',
          parents: ['a1'],
          files: {
            'up.sql': '-- retort:no-transaction\nCREATE TABLE t_b2 (id INTEGER);\nINSERT INTO t_b2 VALUES (1);\nSELECT * FROM nowhere_b2;\n',
            'down.sql': 'DROP TABLE t_b2;',
          },
        },
      ]);
      await expect(upgrade(migrate(fixture.dir))).rejects.toMatchObject({ code: 'E_MIGRATION_FAILED', facts: { line: 4, statement: 3 } });
      expect(await current(target())).toEqual(['a1']);
      // Outside a transaction the first statements stay: the history says exactly where it stopped.
      expect(await tableExists('t_b2')).toBe(true);
      const log = await history();
      const failed = log.find((h) => h.status === 'failed') as { revision: string; detail?: string } | undefined;
      expect(failed?.revision).toBe('b2');
      expect(String(failed?.detail)).toMatch(/up\.sql:4 \(statement 3 of 3\)$/);
    });

    test('a no-transaction script that opened its own transaction is rolled back, and the failure recorded', async () => {
      const fixture = project([
        { id: 'a1', files: tableFiles('t_a1') },
        {
          id: 'b2',
          parents: ['a1'],
          files: { 'up.sql': '-- retort:no-transaction\nBEGIN;\nCREATE TABLE t_b2 (id INTEGER);\nSELECT * FROM nowhere_b2;\nCOMMIT;\n', 'down.sql': 'DROP TABLE t_b2;' },
        },
      ]);
      await expect(upgrade(migrate(fixture.dir))).rejects.toMatchObject({ code: 'E_MIGRATION_FAILED', facts: { line: 4 } });
      expect(await tableExists('t_b2')).toBe(false);
      expect(await current(target())).toEqual(['a1']);
      const failed = (await history()).filter((h) => h.status === 'failed');
      expect(failed.map((h) => h.revision)).toEqual(['b2']);
      fixture.write({ id: 'b2', parents: ['a1'], files: tableFiles('t_b2') });
      expect((await upgrade(migrate(fixture.dir))).heads).toEqual(['b2']);
    });

    test('offline SQL builds the same database as running online', async () => {
      const fixture = project([
        ...linear(['a1', 'b2']),
        { id: 'c3', parents: ['a1'], branchLabels: ['side'], files: tableFiles('t_c3') },
        { id: 'm4', parents: ['b2', 'c3'], files: { 'up.sql': '', 'down.sql': '' } },
      ]);
      const offline = await upgrade(migrate(fixture.dir, { offline: true, target: 'base:heads' }));
      expect(offline.steps.every((s) => s.status === 'planned')).toBe(true);
      expect(await tableExists(tables.versionTable)).toBe(false);
      await withConnection((db) => db.connection.execute(offline.sql ?? ''));
      expect(await current(target())).toEqual(['m4']);
      expect(await tableExists('t_c3')).toBe(true);
      const back = await downgrade(migrate(fixture.dir, { offline: true, target: 'm4:base' }));
      await withConnection((db) => db.connection.execute(back.sql ?? ''));
      expect(await current(target())).toEqual([]);
      expect(await tableExists('t_a1')).toBe(false);
    });

    test('stamp moves version rows without running SQL; purge empties them first', async () => {
      const fixture = project(linear(['a1', 'b2']));
      expect((await stamp({ project: openProject(fixture.dir), target: 'head', database: target() })).heads).toEqual(['b2']);
      expect(await current(target())).toEqual(['b2']);
      expect(await tableExists('t_a1')).toBe(false);
      await withConnection((db) => db.connection.execute(db.versionSql.insertHead('zz_unknown')));
      await expect(upgrade(migrate(fixture.dir))).rejects.toMatchObject({ code: 'E_UNKNOWN_REVISION' });
      await stamp({ project: openProject(fixture.dir), target: 'a1', database: target(), purge: true });
      expect(await current(target())).toEqual(['a1']);
    });

    test(`dialect overrides (up.${options.dialect.name}.sql) win over up.sql`, async () => {
      const fixture = project([
        {
          id: 'a1',
          files: {
            'up.sql': 'CREATE TABLE t_generic (id INTEGER);',
            [`up.${options.dialect.name}.sql`]: 'CREATE TABLE t_specific (id INTEGER);',
            'down.sql': 'DROP TABLE t_generic;',
            [`down.${options.dialect.name}.sql`]: 'DROP TABLE t_specific;',
          },
        },
      ]);
      await upgrade(migrate(fixture.dir));
      expect([await tableExists('t_specific'), await tableExists('t_generic')]).toEqual([true, false]);
      await downgrade(migrate(fixture.dir, { target: 'base' }));
      expect(await tableExists('t_specific')).toBe(false);
    });

    test('programmatic up.ts steps run in the revision transaction with ctx.sql and batch()', async () => {
      const program = `export default async (ctx) => {
  await ctx.execute('CREATE TABLE t_items (id INTEGER PRIMARY KEY, price INTEGER NOT NULL)');
  for (let i = 1; i <= 25; i += 1) await ctx.sql\`INSERT INTO t_items (id, price) VALUES (\${i}, \${i * 10})\`;
  const seen = [];
  await ctx.batch({ table: 't_items', key: 'id', size: 10 }, async (rows) => {
    seen.push(rows.length);
    for (const row of rows) await ctx.sql\`UPDATE \${ctx.identifier('t_items')} SET price = \${Number(row.price) + 1} WHERE id = \${row.id}\`;
  });
  ctx.log('batches ' + seen.join(','));
};
`;
      const fixture = project([{ id: 'a1', files: { 'up.ts': program, 'down.sql': 'DROP TABLE t_items;' } }]);
      const logs: string[] = [];
      await upgrade(migrate(fixture.dir, { onEvent: (e) => (e.type === 'log' ? logs.push(e.message) : undefined) }));
      expect(logs).toEqual(['batches 10,10,5']);
      const [totals] = await rows<{ n: number | string; total: number | string }>('SELECT count(*) AS n, sum(price) AS total FROM t_items');
      expect([Number(totals?.n), Number(totals?.total)]).toEqual([25, 3275]);
    });

    test('a revision without down.sql refuses to downgrade before running anything', async () => {
      const fixture = project([...linear(['a1']), { id: 'b2', parents: ['a1'], files: { 'up.sql': 'CREATE TABLE t_b2 (id INTEGER);' } }]);
      await upgrade(migrate(fixture.dir));
      await expect(downgrade(migrate(fixture.dir, { target: 'base' }))).rejects.toMatchObject({ code: 'E_IRREVERSIBLE' });
      expect(await current(target())).toEqual(['b2']);
      expect(await tableExists('t_a1')).toBe(true);
    });

    test('concurrent runners apply each revision once', async () => {
      const names = Array.from({ length: 12 }, (_, i) => `r${String(i).padStart(2, '0')}`);
      const fixture = project(linear(names));
      const results = await Promise.all(Array.from({ length: 4 }, () => upgrade(migrate(fixture.dir))));
      const applied = results.flatMap((r) => r.steps.map((s) => s.revision)).sort();
      expect(applied).toEqual(names);
      expect(await current(target())).toEqual(['r11']);
      expect((await history()).length).toBe(12);
    });
  });
}

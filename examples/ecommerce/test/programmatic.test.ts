// The same migrations through the programmatic API (@retort/core) instead of the CLI: the
// conditional revision then reads the live schema through ctx.introspect().
import { join } from 'node:path';
import { openProject, upgrade, type Dialect, type RunEvent } from '@retort/core';
import { postgresDialect } from '@retort/dialect-postgres';
import { sqliteDialect, sqliteSchemaDialect } from '@retort/dialect-sqlite';
import type { SchemaDialect } from 'retort';
import { DIALECTS, migrate, postgresSchemaDialect, PROJECT_DIR, type LabDatabase } from './harness.js';
import { REV } from './revisions.js';

const TABLES = { versionTable: 'retort_version', historyTable: 'retort_history' };

describe.each(DIALECTS)('the conditional revision through @retort/core on %s', (_name, create) => {
  let db: LabDatabase;
  beforeAll(async () => {
    db = await create('ecommerce_api');
  });
  afterAll(() => db?.dispose());
  beforeEach(() => db.reset());

  async function upgradeWithIntrospection(target: string): Promise<string[]> {
    const [dialect, schemaDialect]: [Dialect, SchemaDialect] =
      db.dialect === 'sqlite' ? [sqliteDialect, sqliteSchemaDialect] : [postgresDialect, postgresSchemaDialect()];
    const logs: string[] = [];
    await upgrade({
      project: openProject(join(PROJECT_DIR, 'migrations')),
      target,
      database: { dialect, url: db.url(), tables: TABLES },
      executedBy: 'lab-test',
      toolVersion: 'example',
      introspect: (executor) => schemaDialect.introspect(executor, { excludeTables: Object.values(TABLES) }),
      onEvent: (event: RunEvent) => {
        if (event.type === 'log') logs.push(event.message);
      },
    });
    return logs;
  }

  test('ctx.introspect() sees what is there and what is missing', async () => {
    migrate(db, 'upgrade', REV.merge);
    expect(await upgradeWithIntrospection(REV.ensurePhone)).toEqual(['users.phone exists: kept', 'idx_user_email exists: kept']);
    migrate(db, 'downgrade', REV.merge);
    await db.execute('DROP INDEX idx_user_email');
    expect(await upgradeWithIntrospection(REV.ensurePhone)).toEqual(['users.phone exists: kept', 'idx_user_email was missing: created']);
    expect(await db.indexes('users')).toContain('idx_user_email');
    expect(await db.query('SELECT revision FROM retort_version')).toEqual([{ revision: REV.ensurePhone }]);
  });
});

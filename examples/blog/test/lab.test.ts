// Exercise 4 end to end, with the URL from DIRECT_URL in .env: upgrade head, downgrade base,
// up -> down -> up, downgrade -1 and re-upgrade, and `retort check` against the database.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECTS, ignoringColumnOrder, labProject, type LabDatabase, type LabProject } from './harness.js';
import { PATH, REV } from './revisions.js';
import type { Schema } from 'retort';

describe.each(DIALECTS)('the blog exercise on %s', (_name, create) => {
  let db: LabDatabase;
  let project: LabProject;
  beforeAll(async () => {
    db = await create('blog_lab');
  });
  afterAll(() => db?.dispose());
  beforeEach(async () => {
    await db.reset();
    project = labProject();
    project.writeEnv(db.url());
  });
  afterEach(() => project.cleanup());

  test('upgrade head creates the tables, downgrade base leaves only the version tables', async () => {
    project.migrate('upgrade', 'head');
    expect(await db.tables()).toEqual(['categories', 'organizations', 'posts', 'retort_history', 'retort_version', 'users']);
    expect(await db.query('SELECT revision FROM retort_version')).toEqual([{ revision: REV.shortenUsername }]);
    project.migrate('downgrade', 'base');
    expect(await db.tables()).toEqual(['retort_history', 'retort_version']);
  });

  test('up -> down -> up leaves the same schema, and each downgrade restores the one before', async () => {
    const before = new Map<string, Schema>();
    for (const target of PATH) {
      project.migrate('upgrade', target);
      before.set(target, ignoringColumnOrder(await db.introspect()));
    }
    const atHead = await db.introspect();
    for (const target of [...PATH].reverse().slice(1)) {
      project.migrate('downgrade', target);
      expect({ target, schema: ignoringColumnOrder(await db.introspect()) }).toEqual({ target, schema: before.get(target) });
    }
    project.migrate('downgrade', 'base');
    expect((await db.introspect()).tables).toEqual([]);
    project.migrate('upgrade', 'head');
    expect(await db.introspect()).toEqual(atHead);
  });

  test('downgrade -1 and re-upgrade; check exits 0 at head and 3 while a revision is pending', () => {
    project.migrate('upgrade', 'head');
    expect(project.run('check')).toEqual({ code: 0, stdout: '✓ Models, migrations and database agree.\n', stderr: '' });

    expect(project.migrate('downgrade', '-1').stdout).toBe(`✓ 1 revision reverted; now at ${REV.categories}.\n`);
    expect(project.run('check')).toEqual({ code: 3, stdout: `pending  '${REV.shortenUsername}' is not applied yet.\n`, stderr: '' });

    expect(project.migrate('upgrade', 'head').stdout).toBe(`✓ 1 revision applied; now at ${REV.shortenUsername}.\n`);
    expect(project.run('check').code).toBe(0);
  });

  test('check exits 3 after an uncommitted model change, naming it', () => {
    project.migrate('upgrade', 'head');
    const models = join(project.dir, 'models.ts');
    writeFileSync(models, readFileSync(models, 'utf8').replace('  bio: text(),\n', '  bio: text(),\n  website: varchar(200),\n'));
    expect(project.run('check')).toEqual({
      code: 3,
      stdout: 'model    add column users.website (varchar(200)) (models differ from head; run `retort revision --autogenerate`)\n',
      stderr: '',
    });
  });

  test('without .env the URL is missing and the config error says how to set it', () => {
    rmSync(join(project.dir, '.env'));
    const run = project.run('current');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error ${join(project.dir, 'retort.config.ts')}: "url" uses \${DIRECT_URL}, which is not set; set DIRECT_URL in the environment or .env, or write \${DIRECT_URL:-default}.\n`,
    );
  });
});

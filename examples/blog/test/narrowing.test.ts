// The username 80 -> 50 narrowing: autogenerate and lint report NARROWING_TYPE, the rows
// survive the change (a table rebuild on SQLite, ALTER TYPE on PostgreSQL) and its
// downgrade, and a username that does not fit behaves as each database decides.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECTS, labProject, PROJECT_DIR, type LabDatabase, type LabProject } from './harness.js';
import { REV } from './revisions.js';

const NARROWING = (dialect: string) =>
  dialect === 'sqlite'
    ? "Narrows 'users.username' from varchar(80) to varchar(50); SQLite keeps existing values as they are (declared types are not enforced), so rows may not fit the new type."
    : "Narrows 'users.username' from varchar(80) to varchar(50); values that do not fit make the migration fail.";
const FOLDER = 'fcba27451eaf_shorten_username_to_50_characters';

describe.each(DIALECTS)('the username narrowing on %s', (_name, create) => {
  let db: LabDatabase;
  let project: LabProject;
  beforeAll(async () => {
    db = await create('blog_narrowing');
  });
  afterAll(() => db?.dispose());
  beforeEach(async () => {
    await db.reset();
    project = labProject();
    project.writeEnv(db.url());
  });
  afterEach(() => project.cleanup());

  test('autogenerate reports NARROWING_TYPE for the change in models.ts', () => {
    rmSync(join(project.dir, 'migrations', FOLDER), { recursive: true });
    const run = project.run('revision', '--autogenerate', '-m', 'shorten username to 50 characters', '--rev-id', REV.shortenUsername, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { hazards: { code: string; message: string }[] };
    expect(json.hazards.find((h) => h.code === 'NARROWING_TYPE')).toEqual({ code: 'NARROWING_TYPE', message: NARROWING(db.dialect), table: 'users', column: 'username' });
    const human = project.run('revision', '--autogenerate', '-m', 'again', '--rev-id', 'again');
    expect(human.stdout).toBe('No changes: the models match head. Nothing was written.\n');
    if (db.dialect === 'sqlite') {
      // The committed revision is exactly what autogenerate writes (only meta.json's createdAt differs).
      for (const file of ['up.sql', 'down.sql']) {
        expect(readFileSync(join(project.dir, 'migrations', FOLDER, file), 'utf8')).toBe(readFileSync(join(PROJECT_DIR, 'migrations', FOLDER, file), 'utf8'));
      }
    }
  });

  test('lint reports NARROWING_TYPE at the line of the hazard', () => {
    const run = project.run('lint', '-r', `${REV.categories}:${REV.shortenUsername}`);
    expect(run.code).toBe(0);
    const file = `migrations/${FOLDER}/${db.dialect === 'sqlite' ? 'up.sql' : 'up.postgres.sql'}`;
    expect(run.stdout.split('\n')).toContain(`${file}:${db.dialect === 'sqlite' ? 5 : 4} NARROWING_TYPE ${NARROWING(db.dialect)}`);
    expect(project.run('lint', '-r', `${REV.categories}:${REV.shortenUsername}`, '--check').code).toBe(3);
  });

  test('users and their posts survive the narrowing and its downgrade', async () => {
    project.migrate('upgrade', REV.categories);
    await db.execute(`INSERT INTO organizations (id, name, slug) VALUES (1, 'Acme', 'acme');
      INSERT INTO users (id, organization_id, username, email, role, bio) VALUES
        (1, 1, 'ada', 'ada@example.com', 'admin', 'First programmer'),
        (2, 1, '${'g'.repeat(50)}', 'grace@example.com', 'editor', NULL);
      INSERT INTO categories (id, organization_id, name, slug) VALUES (1, 1, 'News', 'news');
      INSERT INTO posts (id, author_id, title, slug, category_id) VALUES (1, 1, 'Hello', 'hello', 1), (2, 2, 'Compilers', 'compilers', NULL);`);
    const users = 'SELECT id, organization_id, username, email, role, bio FROM users ORDER BY id';
    const posts = 'SELECT id, author_id, title, category_id FROM posts ORDER BY id';
    const seededUsers = await db.query(users);
    const seededPosts = await db.query(posts);

    project.migrate('upgrade', 'head');
    expect(await db.query(users)).toEqual(seededUsers);
    expect(await db.query(posts)).toEqual(seededPosts);
    expect(await usernameType()).toBe(db.dialect === 'sqlite' ? 'varchar(50)' : 'character varying(50)');

    project.migrate('downgrade', '-1');
    expect(await db.query(users)).toEqual(seededUsers);
    expect(await db.query(posts)).toEqual(seededPosts);
    expect(await usernameType()).toBe(db.dialect === 'sqlite' ? 'varchar(80)' : 'character varying(80)');
  });

  test('a username longer than 50: PostgreSQL stops the revision, SQLite keeps the value (it does not enforce lengths)', async () => {
    project.migrate('upgrade', REV.categories);
    const long = 'x'.repeat(60);
    await db.execute(`INSERT INTO users (id, username, email) VALUES (1, '${long}', 'long@example.com')`);
    const run = project.run('upgrade', 'head');
    if (db.dialect === 'postgres') {
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `error migrations/${FOLDER}/up.postgres.sql:10: value too long for type character varying(50) (revision '${REV.shortenUsername}', up); the database is still at '${REV.categories}'. Fix the file and run the command again.\n`,
      );
      expect(await db.query('SELECT revision FROM retort_version')).toEqual([{ revision: REV.categories }]);
      expect(await usernameType()).toBe('character varying(80)');
    } else {
      expect(run.code).toBe(0);
      expect(await usernameType()).toBe('varchar(50)');
    }
    expect(await db.query('SELECT username FROM users')).toEqual([{ username: long }]);
  });

  async function usernameType(): Promise<string> {
    const rows =
      db.dialect === 'sqlite'
        ? await db.query<{ type: string }>("SELECT type FROM pragma_table_info('users') WHERE name = 'username'")
        : await db.query<{ type: string }>(
            "SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'public.users'::regclass AND attname = 'username'",
          );
    return rows[0]?.type ?? 'missing';
  }
});

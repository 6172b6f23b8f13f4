// scripts/migrate.ts, the guide's migrate.py rebuilt on the programmatic API, run in-process
// through main() on a copy of the project, on SQLite and PostgreSQL.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../scripts/migrate.js';
import { DIALECTS, projectCopy, type LabDatabase } from './harness.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe.each(DIALECTS)('scripts/migrate.ts on %s', (_name, create) => {
  let db: LabDatabase;
  let project: { dir: string; cleanup: () => void };
  beforeAll(async () => {
    db = await create('bookstore_script');
  });
  afterAll(() => db?.dispose());
  beforeEach(async () => {
    await db.reset();
    project = projectCopy();
  });
  afterEach(() => project.cleanup());

  async function migrate(...args: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const code = await main(args, {
      cwd: project.dir,
      env: { BOOKSTORE_DATABASE_URL: db.url(), USER: 'script-test' },
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      now: () => new Date('2026-11-23T12:00:00.000Z'),
    });
    return { code, stdout, stderr };
  }

  test('status, upgrade, downgrade and status again', async () => {
    expect(await migrate('status')).toEqual({ code: 0, stdout: 'Database: base (empty)\nPending: 0001, 0002, 0003, 0004, 0005, 0006\n', stderr: '' });
    const up = await migrate('upgrade');
    expect({ code: up.code, stdout: up.stdout }).toEqual({ code: 0, stdout: '6 revision(s) applied; now at 0006.\n' });
    expect(up.stderr.replace(/\(\d+ ms\)/g, '(n ms)')).toBe(
      ['↑ 0001 create books table (n ms)', '↑ 0002 add book details and reviews (n ms)', '↑ 0003 fill book details (n ms)',
        '↑ 0004 create users table (n ms)', '↑ 0005 add phone number to users (n ms)', '↑ 0006 add user preferences (n ms)', ''].join('\n'),
    );
    expect((await migrate('downgrade')).stdout).toBe('1 revision(s) reverted; now at 0005.\n');
    expect((await migrate('status')).stdout).toBe('Database: 0005\nPending: 0006\n');
    expect((await migrate('upgrade', '0006')).stdout).toBe('1 revision(s) applied; now at 0006.\n');
    expect(await db.query('SELECT executed_by, tool_version FROM retort_history ORDER BY id DESC LIMIT 1')).toEqual([
      { executed_by: 'script-test', tool_version: 'bookstore scripts/migrate.ts' },
    ]);
  });

  test('history --verbose marks the head and where the database is', async () => {
    await migrate('upgrade', '0002');
    const { code, stdout } = await migrate('history', '--verbose');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.filter((l) => !l.startsWith('    '))).toEqual([
      '0005 -> 0006 (head), add user preferences',
      '0004 -> 0005, add phone number to users',
      '0003 -> 0004, create users table',
      '0002 -> 0003, fill book details',
      '0001 -> 0002 (current), add book details and reviews',
      '<base> -> 0001, create books table',
      '',
    ]);
    const created = (JSON.parse(readFileSync(join(project.dir, 'migrations', '0001_create_books_table', 'meta.json'), 'utf8')) as { createdAt: string }).createdAt;
    expect(lines.slice(-5)).toEqual([
      '<base> -> 0001, create books table',
      `    Path: ${join(project.dir, 'migrations', '0001_create_books_table')}`,
      `    Created: ${created}`,
      '    Applied: yes',
      '',
    ]);
    expect(stdout).toContain('0005 -> 0006 (head), add user preferences\n    Path: ');
    expect(stdout.match(/Applied: yes/g)).toHaveLength(2);
  });

  test('reset needs --force, then drops everything', async () => {
    await migrate('upgrade');
    const refused = await migrate('reset');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`error reset drops every table the migrations created in '${db.url()}', with their data; pass --force to do it.\n`);
    expect(await db.tables()).toContain('books');
    expect((await migrate('reset', '--force')).stdout).toBe('6 revision(s) reverted; now at base.\n');
    expect(await db.tables()).toEqual(['retort_history', 'retort_version']);
  });

  test('create numbers the next revision 0007 on top of 0006, and validate accepts it', async () => {
    const created = await migrate('create', 'add isbn check');
    expect(created).toEqual({ code: 0, stdout: 'Created migrations/0007_add_isbn_check/ (meta.json, up.sql, down.sql) on top of 0006.\n', stderr: '' });
    const folder = join(project.dir, 'migrations', '0007_add_isbn_check');
    expect(JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8'))).toEqual({
      version: 1, id: '0007', parents: ['0006'], message: 'add isbn check', createdAt: '2026-11-23T12:00:00Z', branchLabels: [], dependsOn: [], transactional: true,
    });
    expect(readFileSync(join(folder, 'up.sql'), 'utf8')).toBe('-- add isbn check\n-- Revision: 0007   Parents: 0006\n\n-- Write the upgrade SQL here.\n');
    expect(await migrate('validate')).toEqual({ code: 0, stdout: '✓ 7 revisions: one head, in sequence, reversible, unchanged.\n', stderr: '' });
    expect((await migrate('upgrade')).stdout).toBe('7 revision(s) applied; now at 0007.\n');
  });

  test('validate reports an irreversible revision, an id out of sequence and SQL changed after it ran (exit 3)', async () => {
    await migrate('upgrade');
    await migrate('create', 'add isbn check');
    rmSync(join(project.dir, 'migrations', '0007_add_isbn_check', 'down.sql'));
    const meta = join(project.dir, 'migrations', '0007_add_isbn_check', 'meta.json');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace('"id": "0007"', '"id": "isbn_check"'));
    const applied = join(project.dir, 'migrations', '0003_fill_book_details', 'up.sql');
    writeFileSync(applied, `${readFileSync(applied, 'utf8')}-- edited after it ran\n`);
    const result = await migrate('validate');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(
      [
        "problem: Revision 'isbn_check' is out of sequence; expected '0007' (ids run 0001, 0002, ...).",
        `problem: Revision 'isbn_check' has no down.sql, so it cannot be downgraded; write ${join(project.dir, 'migrations', '0007_add_isbn_check')}/down.sql.`,
        `problem: ${join(project.dir, 'migrations', '0003_fill_book_details', 'up.sql')} changed since it was applied; the database may not match it.`,
        '3 problem(s) in 7 revisions.',
        '',
      ].join('\n'),
    );
  });

  test('usage errors exit 2', async () => {
    expect(await migrate('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error Unknown command 'frobnicate'\.\nUsage: migrate <command>/) });
    expect(await migrate('create')).toEqual({ code: 2, stdout: '', stderr: 'error create needs a message; pass it as in `migrate create "add isbn check"`.\n' });
    expect(await migrate('upgrade', 'nope')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error .*'nope'/) });
  });
});

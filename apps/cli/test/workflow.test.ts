import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, cliEnv, retort, retortJson, tempProject, writeRevisionFolder } from './run-cli.js';
import { sqliteRows, sqliteTables } from './sqlite-query.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempProject());
});
afterAll(() => cleanup());

function addSql(folder: string, up: string, down: string): void {
  writeFileSync(join(dir, 'migrations', folder, 'up.sql'), up);
  writeFileSync(join(dir, 'migrations', folder, 'down.sql'), down);
}

describe('the whole workflow on SQLite', () => {
  test('init creates the folder and a config', () => {
    const run = retortJson(dir, ['init']);
    expect(run).toMatchObject({ code: 0, json: { ok: true, created: ['migrations', 'retort.config.json'], dir: 'migrations' } });
    expect(JSON.parse(readFileSync(join(dir, 'retort.config.json'), 'utf8'))).toEqual({ url: 'sqlite:./dev.db', dir: 'migrations' });
    expect(retort(dir, ['init']).stdout).toBe('Already initialised: migrations (0 entries), retort.config.json.\n');
  });

  test('revisions, a branch and a merge', () => {
    expect(retortJson(dir, ['revision', '-m', 'create users', '--rev-id', 'a1']).json).toEqual({
      ok: true,
      revision: { id: 'a1', parents: [], message: 'create users', branchLabels: [], dependsOn: [], path: 'migrations/a1_create_users' },
      types: 'migrations/schema.ts',
    });
    addSql('a1_create_users', 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n', 'DROP TABLE users;\n');
    retortJson(dir, ['revision', '-m', 'add posts', '--rev-id', 'b2']);
    addSql('b2_add_posts', 'CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));\n', 'DROP TABLE posts;\n');

    const notHead = retortJson(dir, ['revision', '-m', 'reviews', '--head', 'a1', '--rev-id', 'c3']);
    expect(notHead).toMatchObject({ code: 2, json: { ok: false, error: { code: 'E_NOT_A_HEAD' } } });
    expect(existsSync(join(dir, 'migrations', 'c3_reviews'))).toBe(false);

    const branch = retortJson(dir, ['revision', '-m', 'reviews', '--head', 'a1', '--splice', '--branch-label', 'reviews', '--rev-id', 'c3']);
    expect(branch.json).toMatchObject({ ok: true, revision: { id: 'c3', parents: ['a1'], branchLabels: ['reviews'] } });
    addSql('c3_reviews', 'CREATE TABLE reviews (id INTEGER PRIMARY KEY, body TEXT);\n', 'DROP TABLE reviews;\n');

    expect(retortJson(dir, ['heads']).json).toEqual({ ok: true, heads: ['b2', 'c3'] });
    const ambiguous = retortJson(dir, ['revision', '-m', 'next']);
    expect(ambiguous).toMatchObject({ code: 2, json: { ok: false, error: { code: 'E_MULTIPLE_HEADS' } } });

    expect(retortJson(dir, ['merge', '-m', 'merge reviews', '--rev-id', 'd4']).json).toMatchObject({
      ok: true,
      revision: { id: 'd4', parents: ['b2', 'c3'] },
    });
    expect(retortJson(dir, ['heads']).json).toEqual({ ok: true, heads: ['d4'] });
    const types = readFileSync(join(dir, 'migrations', 'schema.ts'), 'utf8');
    expect(types).toContain('export type RevisionId =\n  | "a1"\n  | "b2"\n  | "c3"\n  | "d4";');
    expect(types).toContain('export const HEAD: RevisionId | null = "d4";');
    expect(types).toContain('export interface ReviewsTable {\n  id: Generated<number>;\n  body: string | null;\n}');
    expect(types).toContain('export interface DB {\n  posts: PostsTable;\n  reviews: ReviewsTable;\n  users: UsersTable;\n}');
  });

  test('history as a graph', () => {
    const run = retort(dir, ['history', '--graph']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '* b2, c3 -> d4 (head) (mergepoint) (reviews), merge reviews',
        '|\\',
        '* | a1 -> b2, add posts',
        '| * a1 -> c3 (reviews), reviews',
        '|/',
        '* <base> -> a1 (branchpoint), create users',
        '',
      ].join('\n'),
    );
    // A range draws only its revisions, each with its lane.
    expect(retort(dir, ['history', '--graph', '-r', 'a1:c3']).stdout).toBe('* a1 -> c3 (reviews), reviews\n* <base> -> a1 (branchpoint), create users\n');
    expect(retortJson(dir, ['history']).json['revisions']).toEqual([
      { id: 'd4', parents: ['b2', 'c3'], message: 'merge reviews', branchLabels: [], dependsOn: [], path: 'migrations/d4_merge_reviews' },
      { id: 'b2', parents: ['a1'], message: 'add posts', branchLabels: [], dependsOn: [], path: 'migrations/b2_add_posts' },
      { id: 'c3', parents: ['a1'], message: 'reviews', branchLabels: ['reviews'], dependsOn: [], path: 'migrations/c3_reviews' },
      { id: 'a1', parents: [], message: 'create users', branchLabels: [], dependsOn: [], path: 'migrations/a1_create_users' },
    ]);
  });

  test('graph in mermaid, dot and html', () => {
    expect(retort(dir, ['graph', '--format', 'mermaid']).stdout).toBe(
      [
        'flowchart BT',
        '  d4["d4 · merge reviews (head, reviews)"]',
        '  b2["b2 · add posts"]',
        '  c3["c3 · reviews (reviews)"]',
        '  a1["a1 · create users"]',
        '  b2 --> d4',
        '  c3 --> d4',
        '  a1 --> b2',
        '  a1 --> c3',
        '',
      ].join('\n'),
    );
    expect(retortJson(dir, ['graph', '--format', 'dot', '-o', 'graph.dot']).json).toEqual({ ok: true, format: 'dot', output: 'graph.dot' });
    expect(readFileSync(join(dir, 'graph.dot'), 'utf8')).toContain('"a1" -> "c3";');
    expect(retort(dir, ['graph', '--format', 'svg']).code).toBe(2);
  });

  test('dry run plans against the database and changes nothing', () => {
    const run = retortJson(dir, ['upgrade', 'head', '--dry-run']);
    expect(run.json).toEqual({
      ok: true,
      command: 'upgrade',
      dryRun: true,
      steps: ['a1', 'c3', 'b2', 'd4'].map((revision) => ({ revision, direction: 'up', status: 'planned', ms: expect.any(Number) })),
      heads: ['d4'],
    });
    expect(retortJson(dir, ['current']).json).toEqual({ ok: true, current: [] });
  });

  test('upgrade, current and history -i', async () => {
    const run = retortJson(dir, ['upgrade', 'head']);
    expect(run.json).toEqual({
      ok: true,
      command: 'upgrade',
      dryRun: false,
      steps: ['a1', 'c3', 'b2', 'd4'].map((revision) => ({ revision, direction: 'up', status: 'applied', ms: expect.any(Number) })),
      heads: ['d4'],
    });
    expect(await sqliteTables(join(dir, 'dev.db'))).toEqual(['posts', 'retort_history', 'retort_version', 'reviews', 'users']);
    expect(retortJson(dir, ['current']).json).toEqual({ ok: true, current: ['d4'] });
    expect(retort(dir, ['history', '-i']).stdout.split('\n')[0]).toBe('b2, c3 -> d4 (head) (mergepoint) (current) (reviews), merge reviews');
    expect(retortJson(dir, ['upgrade']).json).toMatchObject({ steps: [], heads: ['d4'] });
    const history = await sqliteRows<{ revision: string; direction: string; status: string; executed_by: string }>(
      join(dir, 'dev.db'),
      'SELECT revision, direction, status, executed_by FROM retort_history ORDER BY id',
    );
    expect(history).toEqual(['a1', 'c3', 'b2', 'd4'].map((revision) => ({ revision, direction: 'up', status: 'applied', executed_by: 'tester' })));
  });

  test('downgrade one branch, then the rest, then re-upgrade', async () => {
    expect(retortJson(dir, ['downgrade', '-1']).json).toMatchObject({ ok: false, error: { code: 'E_AMBIGUOUS_WALK' } });
    const reviews = retortJson(dir, ['downgrade', 'b2']);
    expect(reviews.json).toMatchObject({ ok: true, steps: [{ revision: 'd4', direction: 'down', status: 'applied' }] });
    expect([...(reviews.json['heads'] as string[])].sort()).toEqual(['b2', 'c3']);
    expect([...(retortJson(dir, ['current']).json['current'] as string[])].sort()).toEqual(['b2', 'c3']);
    const down = retortJson(dir, ['downgrade', 'reviews@-1']);
    expect(down.json).toMatchObject({ steps: [{ revision: 'c3', direction: 'down' }], heads: ['b2'] });
    expect(await sqliteTables(join(dir, 'dev.db'))).toEqual(['posts', 'retort_history', 'retort_version', 'users']);
    expect(retortJson(dir, ['downgrade', 'base']).json).toMatchObject({ steps: [{ revision: 'b2' }, { revision: 'a1' }], heads: [] });
    expect(await sqliteTables(join(dir, 'dev.db'))).toEqual(['retort_history', 'retort_version']);
    expect(retortJson(dir, ['upgrade', 'heads']).json).toMatchObject({ heads: ['d4'] });
    expect(await sqliteTables(join(dir, 'dev.db'))).toEqual(['posts', 'retort_history', 'retort_version', 'reviews', 'users']);
  });

  test('show, branches and stamp', async () => {
    expect(retortJson(dir, ['show', 'c3']).json).toEqual({
      ok: true,
      revisions: [{ id: 'c3', parents: ['a1'], message: 'reviews', branchLabels: ['reviews'], dependsOn: [], path: 'migrations/c3_reviews' }],
    });
    expect(retortJson(dir, ['branches']).json).toMatchObject({ branchPoints: [{ id: 'a1', children: ['b2', 'c3'] }] });
    expect(retortJson(dir, ['stamp', 'b2', '--dry-run']).json).toEqual({ ok: true, heads: ['b2'], dryRun: true });
    expect(retortJson(dir, ['current']).json['current']).toEqual(['d4']);
    expect(retortJson(dir, ['stamp', 'base', '--purge']).json).toEqual({ ok: true, heads: [], dryRun: false });
    expect(retortJson(dir, ['current']).json['current']).toEqual([]);
    expect(retortJson(dir, ['stamp', 'heads']).json).toEqual({ ok: true, heads: ['d4'], dryRun: false });
  });

  test('current --check-heads exits 3 when behind', () => {
    expect(retortJson(dir, ['current', '--check-heads'])).toMatchObject({ code: 0, json: { ok: true, upToDate: true } });
    retortJson(dir, ['revision', '-m', 'more', '--rev-id', 'e5']);
    expect(retortJson(dir, ['current', '--check-heads'])).toMatchObject({
      code: 3,
      json: { ok: false, current: ['d4'], upToDate: false, missingHeads: ['e5'] },
    });
  });
});

describe('status', () => {
  let project: { dir: string; cleanup: () => void };
  beforeAll(() => {
    project = tempProject();
  });
  afterAll(() => project.cleanup());

  test('reports pending and changed revisions; --check exits 3', () => {
    const d = project.dir;
    retortJson(d, ['init']);
    retortJson(d, ['revision', '-m', 'one', '--rev-id', 'a1']);
    writeFileSync(join(d, 'migrations', 'a1_one', 'up.sql'), 'CREATE TABLE one (id INTEGER);\n');
    retortJson(d, ['revision', '-m', 'two', '--rev-id', 'b2']);
    expect(retortJson(d, ['status', '--check'])).toMatchObject({
      code: 3,
      json: { ok: false, current: [], pending: ['a1', 'b2'], clean: false },
    });
    retortJson(d, ['upgrade']);
    expect(retortJson(d, ['status', '--check'])).toMatchObject({ code: 0, json: { ok: true, clean: true, differences: [] } });
    writeFileSync(join(d, 'migrations', 'a1_one', 'up.sql'), 'CREATE TABLE one (id INTEGER, extra TEXT);\n');
    expect(retortJson(d, ['status', '--check'])).toEqual({
      code: 3,
      stderr: '',
      json: {
        ok: false,
        current: ['b2'],
        pending: [],
        clean: false,
        differences: [{ kind: 'changed', revision: 'a1', message: 'migrations/a1_one/up.sql changed since it was applied; the database may not match it.' }],
      },
    });
    expect(retortJson(d, ['status']).code).toBe(0);
  });
});

describe('output into a closed pipe', () => {
  let project: { dir: string; cleanup: () => void };
  beforeAll(() => {
    project = tempProject();
  });
  afterAll(() => project.cleanup());

  test('history | head -1 prints one line and no error', () => {
    // 3,000 revisions print ~150 KB: far more than a pipe holds, so writes go on after head exits.
    for (let i = 1; i <= 3000; i += 1) {
      writeRevisionFolder(project.dir, `r${i}_step`, { id: `r${i}`, parents: i === 1 ? [] : [`r${i - 1}`], message: `step ${i}` });
    }
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" history | head -1`], {
      cwd: project.dir,
      encoding: 'utf8',
      env: cliEnv(project.dir),
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('r2999 -> r3000 (head), step 3000\n');
  });
});

import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createPgDatabase } from './postgres-server.js';
import { retort, retortJson, tempProject } from './run-cli.js';
import { sqliteExec } from './sqlite-query.js';

// Autogenerate, check, diff and lint on SQLite, as a user runs them.
const MODELS = `import { table, integer, varchar, text, sql, index } from 'retort';

export const users = table('users', {
  id: integer().primaryKey(),
  username: varchar(80).notNull().unique(),
  name: varchar(100),
  created_at: text().default(sql\`CURRENT_TIMESTAMP\`),
}, (t) => [index('idx_users_name').on(t.name)]);

export const posts = table('posts', {
  id: integer().primaryKey(),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'CASCADE' }),
  title: varchar(200).notNull(),
});
`;

let dir: string;
let cleanup: () => void;
let pg: Awaited<ReturnType<typeof createPgDatabase>>;
let schemas = 0;
beforeAll(async () => {
  pg = await createPgDatabase('autogen');
});
afterAll(() => pg.drop());

function setup(url: string): void {
  ({ dir, cleanup } = tempProject('retort-autogen-'));
  retortJson(dir, ['init']);
  writeFileSync(join(dir, 'retort.config.json'), JSON.stringify({ url, dir: 'migrations', models: 'models.ts' }));
  writeFileSync(join(dir, 'models.ts'), MODELS);
}
afterEach(() => cleanup());

const folders = () => readdirSync(join(dir, 'migrations')).filter((name) => !name.endsWith('.ts')).sort();

describe.each([
  ['SQLite', () => 'sqlite:./dev.db'],
  ['PostgreSQL', () => pg.url({ schema: `ag_${(schemas += 1)}` })],
])('revision --autogenerate on %s', (_name, url) => {
  beforeEach(() => setup(url()));

  test('drafts up and down from the models; a second run finds nothing', () => {
    const first = retortJson(dir, ['revision', '--autogenerate', '-m', 'initial', '--rev-id', 'a1']);
    expect(first.json).toMatchObject({ ok: true, revision: { id: 'a1', path: 'migrations/a1_initial' }, hazards: [] });
    const up = readFileSync(join(dir, 'migrations', 'a1_initial', 'up.sql'), 'utf8');
    expect(up).toContain('CREATE TABLE "users" (');
    expect(up).toContain('CREATE INDEX "idx_users_name" ON "users" ("name");');
    expect(readFileSync(join(dir, 'migrations', 'a1_initial', 'down.sql'), 'utf8')).toContain('DROP TABLE "users";');
    expect(retortJson(dir, ['revision', '--autogenerate', '-m', 'again']).json).toEqual({ ok: true, revision: null, changes: [] });
    expect(folders()).toEqual(['a1_initial']);
    expect(retortJson(dir, ['upgrade']).json).toMatchObject({ ok: true, heads: ['a1'] });
    expect(retortJson(dir, ['check'])).toEqual({ code: 0, stderr: '', json: { ok: true, clean: true, differences: [] } });
  });

  test('up.ts steps can introspect the database (a conditional revision)', () => {
    retortJson(dir, ['revision', '--autogenerate', '-m', 'initial', '--rev-id', 'a1']);
    retortJson(dir, ['revision', '-m', 'phone if missing', '--rev-id', 'b2']);
    const folder = join(dir, 'migrations', 'b2_phone_if_missing');
    rmSync(join(folder, 'up.sql'));
    writeFileSync(
      join(folder, 'up.ts'),
      "export default async (ctx) => {\n  const schema = await ctx.introspect();\n  const users = schema.tables.find((t) => t.name === 'users');\n  if (!users.columns.some((c) => c.name === 'phone')) await ctx.execute('ALTER TABLE users ADD COLUMN phone varchar(20)');\n  ctx.log('columns: ' + users.columns.length);\n};\n",
    );
    writeFileSync(join(folder, 'down.sql'), 'ALTER TABLE users DROP COLUMN phone;\n');
    const run = retort(dir, ['upgrade']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('columns: 4');
  });

  test('a rename needs a hint off a terminal, and the hint keeps the data', () => {
    retortJson(dir, ['revision', '--autogenerate', '-m', 'initial', '--rev-id', 'a1']);
    retortJson(dir, ['upgrade']);
    retort(dir, ['stamp', 'head']);
    writeFileSync(join(dir, 'models.ts'), MODELS.replace('  name: varchar(100),', '  full_name: varchar(100),').replace('t.name', 't.full_name'));
    const refused = retortJson(dir, ['revision', '--autogenerate', '-m', 'rename']);
    expect(refused).toMatchObject({
      code: 2,
      json: { ok: false, error: { code: 'E_RENAME_REQUIRED', message: "Column 'users.name' was dropped and 'full_name' added; pass --rename users.name=full_name to rename it, or --rename users.name= to drop it." } },
    });
    expect(folders()).toEqual(['a1_initial']);
    const renamed = retortJson(dir, ['revision', '--autogenerate', '-m', 'rename', '--rename', 'users.name=full_name', '--rev-id', 'b2']);
    expect(renamed.json).toMatchObject({ ok: true, revision: { id: 'b2' } });
    const up = readFileSync(join(dir, 'migrations', 'b2_rename', 'up.sql'), 'utf8');
    expect(up).toContain('ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";');
    expect(up).not.toContain('DROP COLUMN');
  });

  test('hazards are written at the top of up.sql and reported by lint', () => {
    retortJson(dir, ['revision', '--autogenerate', '-m', 'initial', '--rev-id', 'a1']);
    writeFileSync(join(dir, 'models.ts'), MODELS.replace('  name: varchar(100),\n', '').replace(", (t) => [index('idx_users_name').on(t.name)]", ''));
    const dropped = retortJson(dir, ['revision', '--autogenerate', '-m', 'drop name', '--rename', 'users.name=', '--rev-id', 'b2']);
    expect(dropped.json).toMatchObject({ ok: true, hazards: [{ code: 'DATA_LOSS' }] });
    const up = readFileSync(join(dir, 'migrations', 'b2_drop_name', 'up.sql'), 'utf8');
    expect(up).toMatch(/^-- drop name\n-- Revision: b2 {3}Parents: a1\n\n-- hazard DATA_LOSS: .*users\.name/);
    const lint = retortJson(dir, ['lint', '--check']);
    expect(lint.code).toBe(3);
    expect(lint.json).toMatchObject({ ok: true, clean: false, findings: [{ revision: 'b2', file: 'migrations/b2_drop_name/up.sql', line: 4, code: 'DATA_LOSS' }] });
    expect(retortJson(dir, ['lint']).code).toBe(0);
    writeFileSync(join(dir, 'migrations', 'b2_drop_name', 'up.sql'), `-- retort:reviewed DATA_LOSS\n${up}`);
    expect(retortJson(dir, ['lint', '--check'])).toMatchObject({ code: 0, json: { ok: true, clean: true, findings: [], reviewed: 1 } });
  });

  test('check exits 3 on model changes and on drift, naming them', () => {
    retortJson(dir, ['revision', '--autogenerate', '-m', 'initial', '--rev-id', 'a1']);
    retortJson(dir, ['upgrade']);
    writeFileSync(join(dir, 'models.ts'), MODELS.replace("  title: varchar(200).notNull(),\n", "  title: varchar(200).notNull(),\n  body: text(),\n"));
    expect(retortJson(dir, ['check'])).toMatchObject({
      code: 3,
      json: { ok: true, clean: false, differences: [{ kind: 'model', message: 'add column posts.body (text) (models differ from head; run `retort revision --autogenerate`)' }] },
    });
    writeFileSync(join(dir, 'models.ts'), MODELS);
    retort(dir, ['upgrade']);
    const url = (JSON.parse(readFileSync(join(dir, 'retort.config.json'), 'utf8')) as { url: string }).url;
    expect(retort(dir, ['diff', '--from', 'migrations', '--to', url]).stdout).toBe('No differences.\n');
  });
});

describe.each([
  ['SQLite', () => ({ url: 'sqlite:./dev.db', qualify: (name: string) => name, exec: (sql: string) => sqliteExec(join(dir, 'dev.db'), sql) })],
  [
    'PostgreSQL',
    () => {
      const schema = `ag_${(schemas += 1)}`;
      return { url: pg.url({ schema }), qualify: (name: string) => `${schema}.${name}`, exec: async (sql: string) => void (await pg.query(sql)) };
    },
  ],
])('check on %s after hand-made changes', (_name, target) => {
  let db: ReturnType<typeof target>;
  beforeEach(() => {
    db = target();
    setup(db.url);
  });

  // The live catalog is cached by a fingerprint (SQLite: the sqlite_schema rows; PostgreSQL:
  // the system catalogs' row versions): every change to them must be a miss.
  test('notices a column added by hand, and its removal', async () => {
    retortJson(dir, ['revision', '--autogenerate', '-m', 'initial', '--rev-id', 'a1']);
    retortJson(dir, ['upgrade']);
    expect(retortJson(dir, ['check']).json).toEqual({ ok: true, clean: true, differences: [] });
    expect(retortJson(dir, ['check']).json).toEqual({ ok: true, clean: true, differences: [] });
    await db.exec(`ALTER TABLE ${db.qualify('posts')} ADD COLUMN extra text`);
    expect(retortJson(dir, ['check'])).toMatchObject({
      code: 3,
      json: { clean: false, differences: [{ kind: 'drift', message: 'add column posts.extra (text) (the database differs from its revision)' }] },
    });
    await db.exec(`ALTER TABLE ${db.qualify('posts')} DROP COLUMN extra`);
    expect(retortJson(dir, ['check']).json).toEqual({ ok: true, clean: true, differences: [] });
    await db.exec(`DROP INDEX ${db.qualify('idx_users_name')}`);
    expect(retortJson(dir, ['check'])).toMatchObject({ code: 3, json: { differences: [{ kind: 'drift' }] } });
  });
});

describe('diff', () => {
  beforeEach(() => setup('sqlite:./dev.db'));

  test('from empty to models, as JSON', () => {
    const run = retortJson<{ ok: boolean; up: string; down: string; hazards: unknown[] }>(dir, ['diff', '--from', 'empty', '--to', 'models.ts']);
    expect(run.code).toBe(0);
    expect(run.json.up).toContain('CREATE TABLE "posts" (');
    expect(run.json.down).toContain('DROP TABLE "posts";');
    expect(run.json.hazards).toEqual([]);
  });

  test('from a schema.sql to the models', () => {
    writeFileSync(join(dir, 'schema.sql'), 'CREATE TABLE users (id integer NOT NULL, username varchar(80) NOT NULL, created_at text DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (id), UNIQUE (username));\n');
    const run = retortJson<{ up: string }>(dir, ['diff', '--from', 'schema.sql', '--to', 'models.ts']);
    expect(run.json.up).toContain('ALTER TABLE "users" ADD COLUMN "name" varchar(100);');
    expect(run.json.up).toContain('CREATE TABLE "posts"');
  });

  test('a bad source is a usage error', () => {
    expect(retortJson(dir, ['diff', '--from', 'nowhere.sql', '--to', 'models.ts'])).toMatchObject({
      code: 2,
      json: { ok: false, error: { code: 'E_USAGE', message: "diff source 'nowhere.sql' is neither a URL, 'empty', nor an existing folder or file; check the path." } },
    });
  });

  test('a broken schema.sql names its line', () => {
    writeFileSync(join(dir, 'schema.sql'), 'CREATE TABLE a (id integer);\n\nCREATE TABLE b (id intege r nope,);\n');
    expect(retortJson(dir, ['diff', '--from', 'empty', '--to', 'schema.sql'])).toMatchObject({
      code: 2,
      json: { ok: false, error: { code: 'E_MODEL', line: 3 } },
    });
  });
});

describe('an unreachable PostgreSQL server', () => {
  // A port nothing listens on: taken from the system, then released.
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    return port;
  }

  test('check and autogenerate name the configured URL, not the scratch schema they replay in', async () => {
    const port = await closedPort();
    setup(`postgres://retort:s3cret@127.0.0.1:${port}/nowhere?schema=app`);
    expect(retort(dir, ['revision', '-m', 'first']).code).toBe(0);
    const shown = `postgres://retort:***@127.0.0.1:${port}/nowhere?schema=app`;
    for (const args of [['check'], ['revision', '--autogenerate', '-m', 'second']]) {
      const run = retortJson<{ error: { code: string; message: string; argument: string } }>(dir, args);
      expect(run.code).toBe(1);
      expect(run.json.error.code).toBe('E_CONNECTION');
      expect(run.json.error.argument).toBe(shown);
      expect(run.json.error.message).toMatch(new RegExp(`^Cannot connect to PostgreSQL at '${shown.replace(/[?*.]/g, '\\$&')}': connect ECONNREFUSED`));
      expect(JSON.stringify(run.json)).not.toMatch(/retort_scratch|s3cret/);
    }
    expect(folders()).toHaveLength(1);
  });
});

describe('init --templates and edit', () => {
  beforeEach(() => setup('sqlite:./dev.db'));

  test('project templates are copied and used', () => {
    expect(retortJson(dir, ['init', '--templates']).json).toMatchObject({
      created: ['retort-templates/up.sql.hbs', 'retort-templates/down.sql.hbs', 'retort-templates/meta.json.hbs', 'retort-templates/schema.ts.hbs'],
    });
    writeFileSync(join(dir, 'retort-templates', 'up.sql.hbs'), '-- our house style: {{{title}}}\n{{{up}}}\n');
    retortJson(dir, ['revision', '-m', 'styled', '--rev-id', 'a1']);
    expect(readFileSync(join(dir, 'migrations', 'a1_styled', 'up.sql'), 'utf8')).toBe('-- our house style: styled\n\n');
  });

  test('edit opens the files in $EDITOR, or says how to set one', () => {
    retortJson(dir, ['revision', '-m', 'x', '--rev-id', 'a1']);
    const log = join(dir, 'edited.txt');
    expect(retortJson(dir, ['edit', 'a1'], { EDITOR: `sh -c 'echo "$@" > ${log}' sh` }).json).toMatchObject({ ok: true, revision: 'a1' });
    expect(readFileSync(log, 'utf8').trim()).toBe('migrations/a1_x/up.sql migrations/a1_x/down.sql');
    expect(retortJson(dir, ['edit', 'a1'], { EDITOR: '', VISUAL: '' })).toMatchObject({ code: 2, json: { error: { code: 'E_USAGE' } } });
    expect(existsSync(join(dir, 'migrations', 'a1_x'))).toBe(true);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cliEnv, retortJson, tempProject } from './run-cli.js';
import { createPgDatabase } from './postgres-server.js';
import { sqliteRows, sqliteTables } from './sqlite-query.js';

// Watch mode driven through the blog lab: edit models.ts, watch keeps migrations/_draft in
// step (and with --apply the dev database), finalize, upgrade, downgrade -1, upgrade.
const BLOG_V1 = `import { table, integer, varchar, text, timestamp, sql } from 'retort';

export const organizations = table('organizations', {
  id: integer().primaryKey(),
  name: varchar(100).notNull(),
});

export const users = table('users', {
  id: integer().primaryKey(),
  username: varchar(80).notNull().unique(),
  email: varchar(120).notNull(),
  organization_id: integer().references(() => organizations.id),
  created_at: timestamp().default(sql\`CURRENT_TIMESTAMP\`),
});

export const posts = table('posts', {
  id: integer().primaryKey(),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'CASCADE' }),
  title: varchar(200).notNull(),
  body: text(),
});
`;

const withProfile = (source: string) =>
  source.replace("  email: varchar(120).notNull(),\n", "  email: varchar(120).notNull(),\n  bio: text(),\n  avatar_url: varchar(255),\n");

const withCategories = (source: string) =>
  source
    .replace(
      'export const posts',
      "export const categories = table('categories', {\n  id: integer().primaryKey(),\n  name: varchar(50).notNull().unique(),\n});\n\nexport const posts",
    )
    .replace('  body: text(),\n', '  body: text(),\n  category_id: integer().references(() => categories.id),\n');

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function startWatch(cwd: string, args: string[] = []): { child: ChildProcess; output: () => string; stop: () => Promise<void> } {
  const child = spawn(process.execPath, [BIN, 'watch', ...args], { cwd, env: cliEnv(cwd) });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

const draftUp = (dir: string) => {
  const file = join(dir, 'migrations', '_draft', 'up.sql');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};

/** Where the dev database of a watch test lives, and how to look into it. */
interface Backend {
  readonly name: string;
  url(dir: string): string;
  tables(dir: string): Promise<string[]>;
  columns(dir: string, table: string): Promise<string[]>;
}

const sqliteBackend: Backend = {
  name: 'SQLite',
  url: () => 'sqlite:./dev.db',
  tables: (dir) => sqliteTables(join(dir, 'dev.db')),
  columns: async (dir, table) =>
    (await sqliteRows<{ name: string }>(join(dir, 'dev.db'), `SELECT name FROM pragma_table_info('${table}')`)).map((r) => r.name),
};

let pg: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
const postgresBackend: Backend = {
  name: 'PostgreSQL',
  url: (dir) => pg!.url({ schema: `w_${dir.slice(-6).toLowerCase().replace(/[^a-z0-9]/g, '_')}` }),
  tables: async (dir) =>
    (
      await pg!.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'w_${dir.slice(-6).toLowerCase().replace(/[^a-z0-9]/g, '_')}' ORDER BY 1`,
      )
    ).map((r) => r.table_name),
  columns: async (dir, table) =>
    (
      await pg!.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'w_${dir.slice(-6).toLowerCase().replace(/[^a-z0-9]/g, '_')}' AND table_name = '${table}' ORDER BY ordinal_position`,
      )
    ).map((r) => r.column_name),
};

beforeAll(async () => {
  pg = await createPgDatabase('watch');
});
afterAll(async () => {
  await pg?.drop();
});

describe.each([sqliteBackend, postgresBackend])('watch mode on $name', (backend) => {
  test('the blog lab: drafts follow the models, --apply follows the drafts, finalize, downgrade -1, upgrade', async () => {
    const { dir, cleanup } = tempProject('retort-watch-');
    const watch = { current: undefined as ReturnType<typeof startWatch> | undefined };
    try {
      retortJson(dir, ['init']);
      writeFileSync(join(dir, 'retort.config.json'), JSON.stringify({ url: backend.url(dir), dir: 'migrations', models: 'models.ts' }));
      writeFileSync(join(dir, 'models.ts'), BLOG_V1);
      expect(retortJson(dir, ['revision', '--autogenerate', '-m', 'users, posts, organizations']).json).toMatchObject({ ok: true });
      expect(retortJson(dir, ['upgrade']).json).toMatchObject({ ok: true });

      watch.current = startWatch(dir, ['--apply']);
      await until('watch to start', () => /no changes/.test(watch.current!.output()));

      writeFileSync(join(dir, 'models.ts'), withProfile(BLOG_V1));
      await until('the profile draft', () => draftUp(dir).includes('avatar_url') && /applied/.test(watch.current!.output()));
      expect(draftUp(dir)).toMatch(/ADD COLUMN "bio" text/);
      expect(await backend.columns(dir, 'users')).toEqual(expect.arrayContaining(['bio', 'avatar_url']));

      writeFileSync(join(dir, 'models.ts'), withCategories(withProfile(BLOG_V1)));
      await until('the categories draft', () => draftUp(dir).includes('CREATE TABLE "categories"'));
      await watch.current.stop();
      expect(await backend.tables(dir)).toContain('categories');
      expect(await backend.columns(dir, 'posts')).toContain('category_id');

      const finalized = retortJson(dir, ['revision', '--finalize', '-m', 'profile and categories']);
      expect(finalized.json).toMatchObject({ ok: true, finalized: true, stamped: true });
      expect(existsSync(join(dir, 'migrations', '_draft'))).toBe(false);
      expect(retortJson(dir, ['check']).json).toEqual({ ok: true, clean: true, differences: [] });
      expect(retortJson(dir, ['downgrade', '-1']).json).toMatchObject({ ok: true });
      expect(await backend.tables(dir)).not.toContain('categories');
      expect(await backend.columns(dir, 'users')).not.toContain('bio');
      expect(retortJson(dir, ['upgrade']).json).toMatchObject({ ok: true });
      expect(await backend.tables(dir)).toContain('categories');
    } finally {
      if (watch.current && watch.current.child.exitCode === null) await watch.current.stop();
      cleanup();
    }
  }, 120_000);
});

describe('watch mode details', () => {
  test('50 saves within one second end in exactly one draft matching the last save', async () => {
    const { dir, cleanup } = tempProject('retort-watch-burst-');
    let watch: ReturnType<typeof startWatch> | undefined;
    try {
      retortJson(dir, ['init']);
      writeFileSync(join(dir, 'retort.config.json'), JSON.stringify({ url: 'sqlite:./dev.db', dir: 'migrations', models: 'models.ts' }));
      writeFileSync(join(dir, 'models.ts'), BLOG_V1);
      retortJson(dir, ['revision', '--autogenerate', '-m', 'initial']);
      watch = startWatch(dir);
      await until('watch to start', () => /no changes/.test(watch!.output()));
      for (let i = 1; i <= 50; i += 1) {
        writeFileSync(join(dir, 'models.ts'), BLOG_V1.replace('  body: text(),\n', `  body: text(),\n  extra_${i}: integer(),\n`));
        await new Promise((resolve) => setTimeout(resolve, 18));
      }
      await until('the last save in the draft', () => draftUp(dir).includes('"extra_50"'));
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(draftUp(dir)).toContain('ALTER TABLE "posts" ADD COLUMN "extra_50" integer;');
      expect(draftUp(dir)).not.toMatch(/extra_(?!50)\d+/);
      const { readdirSync } = await import('node:fs');
      expect(readdirSync(join(dir, 'migrations')).filter((name) => !name.endsWith('.ts') && !/_initial$/.test(name))).toEqual(['_draft']);
    } finally {
      if (watch && watch.child.exitCode === null) await watch.stop();
      cleanup();
    }
  }, 60_000);

  test('a broken models file shows its error and watch waits for the next save', async () => {
    const { dir, cleanup } = tempProject('retort-watch-broken-');
    let watch: ReturnType<typeof startWatch> | undefined;
    try {
      retortJson(dir, ['init']);
      writeFileSync(join(dir, 'retort.config.json'), JSON.stringify({ url: 'sqlite:./dev.db', dir: 'migrations', models: 'models.ts' }));
      writeFileSync(join(dir, 'models.ts'), BLOG_V1);
      watch = startWatch(dir);
      await until('the first draft', () => draftUp(dir).includes('CREATE TABLE "users"'));
      writeFileSync(join(dir, 'models.ts'), `${BLOG_V1}\nexport const broken = table('broken', {\n  id: integer(.primaryKey(),\n});\n`);
      await until('the error', () => /error .*models\.ts/.test(watch!.output()));
      expect(watch.child.exitCode).toBe(null);
      writeFileSync(join(dir, 'models.ts'), withProfile(BLOG_V1));
      await until('recovery', () => draftUp(dir).includes('"bio"'));
    } finally {
      if (watch && watch.child.exitCode === null) await watch.stop();
      cleanup();
    }
  }, 60_000);
});

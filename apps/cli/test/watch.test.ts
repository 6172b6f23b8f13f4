import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cliEnv, retortJson, tempProject } from './run-cli.js';
import { sqliteTables } from './sqlite-query.js';

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

describe('watch mode on SQLite', () => {
  test('the blog lab: drafts follow the models, --apply follows the drafts, finalize and upgrade', async () => {
    const { dir, cleanup } = tempProject('retort-watch-');
    const watch = { current: undefined as ReturnType<typeof startWatch> | undefined };
    try {
      retortJson(dir, ['init']);
      writeFileSync(join(dir, 'retort.config.json'), JSON.stringify({ url: 'sqlite:./dev.db', dir: 'migrations', models: 'models.ts' }));
      writeFileSync(join(dir, 'models.ts'), BLOG_V1);
      expect(retortJson(dir, ['revision', '--autogenerate', '-m', 'users, posts, organizations']).json).toMatchObject({ ok: true });
      expect(retortJson(dir, ['upgrade']).json).toMatchObject({ ok: true });

      watch.current = startWatch(dir, ['--apply']);
      await until('watch to start', () => /no changes/.test(watch.current!.output()));

      writeFileSync(join(dir, 'models.ts'), withProfile(BLOG_V1));
      await until('the profile draft', () => draftUp(dir).includes('"avatar_url"') && /applied/.test(watch.current!.output()));
      expect(draftUp(dir)).toContain('ALTER TABLE "users" ADD COLUMN "bio" text;');
      await until('bio in dev.db', () => /bio/.test(readFileSync(join(dir, 'dev.db')).toString('latin1')));

      writeFileSync(join(dir, 'models.ts'), withCategories(withProfile(BLOG_V1)));
      await until('the categories draft', () => draftUp(dir).includes('CREATE TABLE "categories"'));
      await watch.current.stop();
      expect(await sqliteTables(join(dir, 'dev.db'))).toContain('categories');

      const finalized = retortJson(dir, ['revision', '--finalize', '-m', 'profile and categories']);
      expect(finalized.json).toMatchObject({ ok: true, finalized: true, stamped: true });
      expect(existsSync(join(dir, 'migrations', '_draft'))).toBe(false);
      expect(retortJson(dir, ['check']).json).toEqual({ ok: true, clean: true, differences: [] });
      expect(retortJson(dir, ['downgrade', '-1']).json).toMatchObject({ ok: true });
      expect(await sqliteTables(join(dir, 'dev.db'))).not.toContain('categories');
      expect(retortJson(dir, ['upgrade']).json).toMatchObject({ ok: true });
      expect(await sqliteTables(join(dir, 'dev.db'))).toContain('categories');
    } finally {
      if (watch.current && watch.current.child.exitCode === null) await watch.current.stop();
      cleanup();
    }
  }, 120_000);

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

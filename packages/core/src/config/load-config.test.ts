import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfigFile, loadConfig } from './load-config.js';
import { resolveSettings } from './resolve-settings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retort-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('loadConfig', () => {
  test('no config means defaults', async () => {
    const loaded = await loadConfig({ cwd: dir, env: {} });
    expect(loaded).toEqual({ file: undefined, root: dir, config: {} });
    const settings = resolveSettings(loaded, { cwd: dir });
    expect(settings).toMatchObject({
      url: 'sqlite:./dev.db',
      dialect: 'sqlite',
      dir: join(dir, 'migrations'),
      displayDir: 'migrations',
      confirmDestructive: false,
      tables: { versionTable: 'retort_version', historyTable: 'retort_history', schema: undefined },
      lockTimeoutMs: 60000,
    });
  });

  test('is found upward and interpolates the environment', async () => {
    writeFileSync(
      join(dir, 'retort.config.json'),
      JSON.stringify({ url: 'postgres://app:${DB_PASS}@db/app?schema=${SCHEMA:-app}', dir: 'db/migrations' }),
    );
    mkdirSync(join(dir, 'packages', 'web'), { recursive: true });
    const cwd = join(dir, 'packages', 'web');
    expect(findConfigFile(cwd)).toBe(join(dir, 'retort.config.json'));
    const loaded = await loadConfig({ cwd, env: { DB_PASS: 's3cret' } });
    expect(loaded.config).toEqual({ url: 'postgres://app:s3cret@db/app?schema=app', dir: 'db/migrations' });
    const settings = resolveSettings(loaded, { cwd });
    expect(settings.dir).toBe(join(dir, 'db', 'migrations'));
    expect(settings.displayDir).toBe(join(dir, 'db', 'migrations'));
    expect(settings.tables.schema).toBe('app');
    expect(settings.dialect).toBe('postgres');
  });

  test('collects every problem into one error', async () => {
    writeFileSync(
      join(dir, 'retort.config.json'),
      JSON.stringify({ urll: 'sqlite:x.db', dir: 3, lockTimeout: -1, environments: { prod: { url: '${PROD_URL}', dirr: 'x' } } }),
    );
    const error = await errorOf(loadConfig({ cwd: dir, env: {} }));
    expect(error.message).toBe(
      `${join(dir, 'retort.config.json')}: 5 problems: "environments.prod.url" uses \${PROD_URL}, which is not set; set PROD_URL in the environment or .env, or write \${PROD_URL:-default}; "dir" must be a folder path string, got 3; "environments.prod.dirr" is not a known key; did you mean "dir"?; "lockTimeout" must be 0 or more, got -1; "urll" is not a known key; did you mean "url"?`,
    );
    expect((error as unknown as { code: string }).code).toBe('E_CONFIG');
  });

  test('loads retort.config.ts with defineConfig', async () => {
    writeFileSync(
      join(dir, 'retort.config.ts'),
      "const config: { url: string; environments: Record<string, { url: string }> } = { url: 'sqlite:./app.db', environments: { prod: { url: 'postgres://u@h/p' } } };\nexport default config;\n",
    );
    const loaded = await loadConfig({ cwd: dir, env: {} });
    expect(loaded.file).toBe(join(dir, 'retort.config.ts'));
    expect(resolveSettings(loaded, { cwd: dir, environment: 'prod' })).toMatchObject({
      url: 'postgres://u@h/p',
      environment: 'prod',
      confirmDestructive: true,
    });
    expect(() => resolveSettings(loaded, { cwd: dir, environment: 'stage' })).toThrow(
      `Environment 'stage' is not defined in ${join(dir, 'retort.config.ts')}; use one of 'prod'.`,
    );
  });

  test('command-line paths resolve against the working directory', async () => {
    writeFileSync(join(dir, 'retort.config.json'), JSON.stringify({ url: 'sqlite:./app.db' }));
    mkdirSync(join(dir, 'sub'));
    const loaded = await loadConfig({ cwd: join(dir, 'sub'), env: {} });
    expect(resolveSettings(loaded, { cwd: join(dir, 'sub') }).urlBase).toBe(dir);
    const settings = resolveSettings(loaded, { cwd: join(dir, 'sub'), url: 'sqlite:./other.db', dir: 'm' });
    expect(settings).toMatchObject({ url: 'sqlite:./other.db', urlBase: join(dir, 'sub'), dir: join(dir, 'sub', 'm'), displayDir: 'm' });
  });
});

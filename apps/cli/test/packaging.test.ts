import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI and core are CommonJS bundles with generated ES module faces: whichever way a
// module is loaded, its classes and state must exist once (a StatementError thrown by a
// dialect that imported core is recognized by the runner the CLI required).
const CLI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

function runModule(source: string): string {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', source], { cwd: CLI_DIR, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

describe('packaging', () => {
  test('require() and import of @retort/core give one instance', () => {
    const out = runModule(`
      import { createRequire } from 'node:module';
      const required = createRequire(import.meta.url)('@retort/core');
      const imported = await import('@retort/core');
      const names = Object.keys(required).filter((name) => name !== '__esModule');
      console.log(JSON.stringify({
        same: names.filter((name) => required[name] === imported[name]).length,
        names: names.length,
        error: required.StatementError === imported.StatementError,
        file: createRequire(import.meta.url).resolve('@retort/core').split('/').slice(-2).join('/'),
      }));`);
    const facts = JSON.parse(out) as { same: number; names: number; error: boolean; file: string };
    expect(facts.file).toBe('dist/index.cjs');
    expect(facts.names).toBeGreaterThan(50);
    expect(facts.same).toBe(facts.names);
    expect(facts.error).toBe(true);
  });

  test("the 'retort' package's main is the one bin/retort.cjs runs", () => {
    const out = runModule(`
      import { createRequire } from 'node:module';
      const { main } = await import('retort');
      console.log(main === createRequire(import.meta.url)('./dist/main.cjs').main);`);
    expect(out).toBe('true');
  });

  test('the testkit runs migrations with the package instance, not a copy', () => {
    const out = runModule(`
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      const testkit = createRequire(import.meta.url).resolve('@retort/core').replace(/index\\.cjs$/, 'testkit/index.js');
      const source = readFileSync(testkit, 'utf8');
      console.log(JSON.stringify({
        fromFace: source.includes('upgrade } from "../index.js"'),
        copies: ['function upgrade(', 'class StatementError', 'class RevisionGraph'].filter((text) => source.includes(text)),
      }));`);
    expect(JSON.parse(out)).toEqual({ fromFace: true, copies: [] });
  });
});

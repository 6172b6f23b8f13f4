import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { retort, retortJson, tempProject, writeRevisionFolder } from './run-cli.js';
import { sqliteRows } from './sqlite-query.js';

// Each case: a broken project (or a bad argument) must give exit 2, one line on stderr
// naming the file/value and the fix, and change nothing (database and folder untouched).
let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempProject());
  writeRevisionFolder(dir, 'a1_init', { id: 'a1', parents: [] }, { 'up.sql': 'CREATE TABLE t (id INTEGER);', 'down.sql': 'DROP TABLE t;' });
  writeRevisionFolder(dir, 'b2_next', { id: 'b2', parents: ['a1'] }, { 'up.sql': 'CREATE TABLE u (id INTEGER);', 'down.sql': 'DROP TABLE u;' });
  expect(retort(dir, ['upgrade', 'a1']).code).toBe(0);
});
afterEach(() => cleanup());

function snapshot(): string {
  const files = readdirSync(join(dir, 'migrations'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${join(entry.parentPath, entry.name)}:${readFileSync(join(entry.parentPath, entry.name), 'utf8')}`)
    .sort();
  return `${files.join('\n')}\n${statSync(join(dir, 'dev.db')).mtimeMs}`;
}

async function expectRefused(args: string[], message: string | RegExp, code = 2): Promise<void> {
  const before = snapshot();
  const run = retort(dir, args);
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  if (typeof message === 'string') expect(lines[0]).toBe(`error ${message}`);
  else expect(lines[0]).toMatch(message);
  expect(snapshot()).toBe(before);
  expect(await sqliteRows(join(dir, 'dev.db'), 'SELECT revision FROM retort_version')).toEqual([{ revision: 'a1' }]);
}

describe('bad input is refused with exit 2 and changes nothing', () => {
  test('malformed meta.json', async () => {
    writeFileSync(join(dir, 'migrations', 'b2_next', 'meta.json'), '{\n  "version": 1,\n  "id": "b2",\n  "parents": ["a1",]\n}');
    await expectRefused(['upgrade', 'head'], "migrations/b2_next/meta.json:4: is not valid JSON (Unexpected token ']'); fix the syntax.");
  });

  test('unknown meta.json version', async () => {
    writeRevisionFolder(dir, 'c3_future', { id: 'c3', parents: ['b2'], version: 7 });
    await expectRefused(
      ['upgrade', 'head'],
      'migrations/c3_future/meta.json: has format version 7, newer than this Retort understands (1); upgrade retort to read it.',
    );
  });

  test('missing parent', async () => {
    writeRevisionFolder(dir, 'c3_orphan', { id: 'c3', parents: ['zz9'] });
    await expectRefused(['heads'], /^error migrations\/c3_orphan\/meta\.json: .*'zz9'.*$/);
  });

  test('cycle', async () => {
    writeRevisionFolder(dir, 'c3_x', { id: 'c3', parents: ['d4'] });
    writeRevisionFolder(dir, 'd4_y', { id: 'd4', parents: ['c3'] });
    await expectRefused(['upgrade', 'head'], /^error .*cycle.*c3.*d4.*$/i);
  });

  test('duplicate id', async () => {
    writeRevisionFolder(dir, 'c3_copy', { id: 'b2', parents: ['a1'] });
    await expectRefused(
      ['heads'],
      "Revision id 'b2' is declared by both migrations/b2_next/meta.json and migrations/c3_copy/meta.json; give one of them a new id.",
    );
  });

  test('reused branch label', async () => {
    writeRevisionFolder(dir, 'c3_x', { id: 'c3', parents: ['b2'], branchLabels: ['feature'] });
    writeRevisionFolder(dir, 'd4_y', { id: 'd4', parents: ['a1'], branchLabels: ['feature'] });
    await expectRefused(['history'], /^error migrations\/d4_y\/meta\.json: .*'feature'.*$/);
  });

  test('unknown target', async () => {
    await expectRefused(['upgrade', 'nope'], /^error .*'nope'.*$/);
  });

  test('ambiguous prefix', async () => {
    writeRevisionFolder(dir, 'abcd1_x', { id: 'abcd1', parents: ['b2'] });
    writeRevisionFolder(dir, 'abcd2_y', { id: 'abcd2', parents: ['b2'] });
    await expectRefused(['upgrade', 'abcd'], /^error .*'abcd'.*'abcd1'.*'abcd2'.*$/);
  });

  test('head with several heads', async () => {
    writeRevisionFolder(dir, 'c3_x', { id: 'c3', parents: ['a1'] });
    const run = retortJson(dir, ['upgrade', 'head']);
    expect(run).toMatchObject({ code: 2, json: { ok: false, error: { code: 'E_MULTIPLE_HEADS' } } });
    await expectRefused(['upgrade', 'head'], /^error .*'b2', 'c3'.*$/);
  });

  test('revision on a non-head without --splice', async () => {
    await expectRefused(['revision', '-m', 'x', '--head', 'a1'], "Revision 'a1' is not a head; pass --splice to branch from it.");
  });

  test('unknown options and missing arguments are usage errors', () => {
    expect(retort(dir, ['upgrade', '--frobnicate']).code).toBe(2);
    expect(retort(dir, ['downgrade']).code).toBe(2);
    expect(retortJson(dir, ['downgrade'])).toMatchObject({ code: 2, json: { ok: false, error: { code: 'E_USAGE' } } });
  });
});

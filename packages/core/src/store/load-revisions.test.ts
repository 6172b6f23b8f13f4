import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRevisions } from './load-revisions.js';
import { findRevisionFile, readRevisionScript } from './revision-script.js';
import { parseSqlDirectives } from './sql-directives.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retort-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function revision(folder: string, meta: object, files: Record<string, string> = {}): void {
  mkdirSync(join(dir, folder));
  writeFileSync(join(dir, folder, 'meta.json'), JSON.stringify({ version: 1, ...meta }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, folder, name), text);
}

const split = (text: string) =>
  text
    .split(';')
    .map((sql) => sql.trim())
    .filter(Boolean)
    .map((sql) => ({ sql, offset: text.indexOf(sql), line: 1 }));

describe('loadRevisions', () => {
  test('loads folders in name order and skips files, dot and underscore folders', () => {
    revision('b_second', { id: 'b', parents: ['a'], message: 'second' });
    revision('a_first', { id: 'a', parents: [] });
    revision('_draft', { id: 'draft', parents: ['b'] });
    mkdirSync(join(dir, '.cache'));
    writeFileSync(join(dir, 'schema.ts'), 'export {};');
    const revisions = loadRevisions(dir);
    expect(revisions.map((r) => [r.id, r.folder, r.message])).toEqual([
      ['a', 'a_first', ''],
      ['b', 'b_second', 'second'],
    ]);
    expect(revisions[1]).toEqual({
      id: 'b',
      parents: ['a'],
      dependsOn: [],
      branchLabels: [],
      message: 'second',
      createdAt: undefined,
      transactional: true,
      folder: 'b_second',
      path: join(dir, 'b_second'),
    });
  });

  test('reads meta.json files larger than the read buffer', () => {
    const message = 'x'.repeat(200_000);
    revision('a_big', { id: 'a', parents: [], message });
    revision('b_small', { id: 'b', parents: ['a'] });
    expect(loadRevisions(dir).map((r) => r.message.length)).toEqual([200_000, 0]);
  });

  test('a missing folder says to run init', () => {
    expect(() => loadRevisions(join(dir, 'nope'))).toThrow(
      `Migrations folder '${join(dir, 'nope')}' does not exist; run \`retort init\` or pass --dir <folder>.`,
    );
  });

  test('a folder without meta.json is an error naming it', () => {
    mkdirSync(join(dir, 'x_broken'));
    expect(() => loadRevisions(dir)).toThrow(
      `${join(dir, 'x_broken')} has no meta.json; add one (see @retort/core/meta.schema.json) or rename the folder to start with '_' to ignore it.`,
    );
  });

  test('duplicate ids name both files', () => {
    revision('a_one', { id: 'a', parents: [] });
    revision('a_two', { id: 'a', parents: [] });
    expect(() => loadRevisions(dir)).toThrow(
      `Revision id 'a' is declared by both ${join(dir, 'a_one', 'meta.json')} and ${join(dir, 'a_two', 'meta.json')}; give one of them a new id.`,
    );
  });
});

describe('readRevisionScript', () => {
  test('prefers the dialect override, then up.sql, then up.ts', () => {
    revision('a_x', { id: 'a', parents: [] }, { 'up.sql': 'create table t (id int);', 'up.postgres.sql': 'select 1;' });
    const [a] = loadRevisions(dir);
    expect(findRevisionFile(a!, 'up', 'postgres')).toBe(join(dir, 'a_x', 'up.postgres.sql'));
    expect(findRevisionFile(a!, 'up', 'sqlite')).toBe(join(dir, 'a_x', 'up.sql'));
    const script = readRevisionScript(a!, 'up', { dialect: 'sqlite', splitStatements: split });
    expect(script).toMatchObject({ kind: 'sql', transactional: true, file: join(dir, 'a_x', 'up.sql') });
    expect(script.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  test('no-transaction directive and meta flag', () => {
    revision('a_x', { id: 'a', parents: [] }, { 'up.sql': '-- retort:no-transaction\ncreate index concurrently i on t (id);' });
    revision('b_x', { id: 'b', parents: ['a'], transactional: false }, { 'up.sql': 'select 1;' });
    const [a, b] = loadRevisions(dir);
    expect(readRevisionScript(a!, 'up', { dialect: 'postgres', splitStatements: split }).transactional).toBe(false);
    expect(readRevisionScript(b!, 'up', { dialect: 'postgres', splitStatements: split }).transactional).toBe(false);
  });

  test('missing down.sql is irreversible; missing up.sql is empty', () => {
    revision('a_x', { id: 'a', parents: [] });
    const [a] = loadRevisions(dir);
    expect(readRevisionScript(a!, 'up', { dialect: 'sqlite', splitStatements: split })).toMatchObject({
      kind: 'sql',
      script: { text: '', statements: [] },
    });
    expect(() => readRevisionScript(a!, 'down', { dialect: 'sqlite', splitStatements: split })).toThrow(
      `Revision 'a' has no down.sql, so it cannot be downgraded; write ${join(dir, 'a_x', 'down.sql')} or use \`retort stamp\` to move past it.`,
    );
  });

  test('programmatic steps and conflicts', () => {
    revision('a_x', { id: 'a', parents: [] }, { 'up.ts': 'export default async () => {};' });
    revision('b_x', { id: 'b', parents: ['a'] }, { 'up.ts': 'export default async () => {};', 'up.sql': 'select 1;' });
    const [a, b] = loadRevisions(dir);
    expect(readRevisionScript(a!, 'up', { dialect: 'sqlite', splitStatements: split })).toMatchObject({
      kind: 'program',
      file: join(dir, 'a_x', 'up.ts'),
    });
    expect(() => findRevisionFile(b!, 'up', 'sqlite')).toThrow(
      `Revision 'b' has both ${join(dir, 'b_x', 'up.sql')} and ${join(dir, 'b_x', 'up.ts')}; keep one of them.`,
    );
  });
});

describe('parseSqlDirectives', () => {
  test('reads only the leading comment block', () => {
    expect(parseSqlDirectives('-- a comment\n--retort:no-transaction\nselect 1;', 'up.sql')).toEqual({ noTransaction: true, reviewed: [] });
    expect(parseSqlDirectives('select 1;\n-- retort:no-transaction', 'up.sql')).toEqual({ noTransaction: false, reviewed: [] });
    expect(parseSqlDirectives('-- retort:reviewed DATA_LOSS, TABLE_REWRITE\nselect 1;', 'up.sql')).toEqual({
      noTransaction: false,
      reviewed: ['DATA_LOSS', 'TABLE_REWRITE'],
    });
    expect(() => parseSqlDirectives('-- retort:reviewed data loss', 'm/up.sql')).toThrow(
      "m/up.sql:1: 'retort:reviewed' needs hazard codes such as DATA_LOSS, got 'data loss'; write -- retort:reviewed DATA_LOSS, TABLE_REWRITE.",
    );
  });

  test('unknown directives name file and line', () => {
    expect(() => parseSqlDirectives('\n-- retort:no-transation\n', 'm/a/up.sql')).toThrow(
      "m/a/up.sql:2: unknown directive 'retort:no-transation'; the known directives are -- retort:no-transaction, -- retort:reviewed <HAZARD_CODE>[, ...].",
    );
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { retort, retortAsync, retortJson, tempProject, writeRevisionFolder } from './run-cli.js';
import { sqliteRows, sqliteTables } from './sqlite-query.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempProject());
});
afterEach(() => cleanup());

function fiveRevisions(third: string): void {
  const tables = ['one', 'two', 'three', 'four', 'five'];
  tables.forEach((name, index) => {
    const id = `r${index + 1}`;
    const up =
      index === 2
        ? third
        : `CREATE TABLE ${name} (id INTEGER PRIMARY KEY, label TEXT);\nINSERT INTO ${name} (label) VALUES ('${name}-row');\n`;
    writeRevisionFolder(dir, `${id}_${name}`, { id, parents: index === 0 ? [] : [`r${index}`] }, { 'up.sql': up, 'down.sql': `DROP TABLE ${name};\n` });
  });
}

describe('a failing statement', () => {
  test('stops at the previous revision boundary, names file:line and the error, and a fixed rerun completes', async () => {
    fiveRevisions(
      [
        '-- third revision: two statements, the second is broken',
        'CREATE TABLE three (id INTEGER PRIMARY KEY, label TEXT);',
        "INSERT INTO three (label) VALUES ('ok');",
        '',
        "INSERT INTO no_such_table (label) VALUES ('x');",
        '',
      ].join('\n'),
    );
    const run = retort(dir, ['upgrade', 'head']);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n').pop()).toBe(
      "error migrations/r3_three/up.sql:5: no such table: no_such_table (revision 'r3', up); the database is still at 'r2'. Fix the file and run the command again.",
    );
    const db = join(dir, 'dev.db');
    expect(await sqliteRows(db, 'SELECT revision FROM retort_version')).toEqual([{ revision: 'r2' }]);
    expect(await sqliteTables(db)).toEqual(['one', 'retort_history', 'retort_version', 'two']);
    expect(await sqliteRows(db, 'SELECT label FROM two')).toEqual([{ label: 'two-row' }]);

    const json = retortJson(dir, ['upgrade', 'head']);
    expect(json).toMatchObject({
      code: 1,
      json: { ok: false, error: { code: 'E_MIGRATION_FAILED', file: 'migrations/r3_three/up.sql', line: 5, revision: 'r3' } },
    });

    writeFileSync(
      join(dir, 'migrations', 'r3_three', 'up.sql'),
      "CREATE TABLE three (id INTEGER PRIMARY KEY, label TEXT);\nINSERT INTO three (label) VALUES ('ok');\n",
    );
    expect(retortJson(dir, ['upgrade', 'head']).json).toMatchObject({
      ok: true,
      steps: [{ revision: 'r3' }, { revision: 'r4' }, { revision: 'r5' }],
      heads: ['r5'],
    });
    expect(await sqliteRows(db, 'SELECT label FROM three')).toEqual([{ label: 'ok' }]);
  });

  test('--atomic rolls the whole plan back', async () => {
    fiveRevisions('CREATE TABLE three (id INTEGER);\nSELECT * FROM missing;\n');
    const run = retortJson(dir, ['upgrade', 'head', '--atomic']);
    expect(run).toMatchObject({ code: 1, json: { ok: false, error: { code: 'E_MIGRATION_FAILED', line: 2 } } });
    expect(await sqliteTables(join(dir, 'dev.db'))).toEqual(['retort_history', 'retort_version']);
    expect(await sqliteRows(join(dir, 'dev.db'), 'SELECT count(*) AS n FROM retort_history')).toEqual([{ n: 0 }]);
  });
});

describe('concurrent runners', () => {
  test('8 processes upgrading one SQLite file apply each revision exactly once', async () => {
    for (let i = 1; i <= 30; i += 1) {
      writeRevisionFolder(dir, `r${String(i).padStart(2, '0')}_t`, { id: `r${String(i).padStart(2, '0')}`, parents: i === 1 ? [] : [`r${String(i - 1).padStart(2, '0')}`] }, {
        'up.sql': `CREATE TABLE t${i} (id INTEGER);\n`,
        'down.sql': `DROP TABLE t${i};\n`,
      });
    }
    const runs = await Promise.all(Array.from({ length: 8 }, () => retortAsync(dir, ['upgrade', 'head', '--json'])));
    for (const run of runs) expect(run.code).toBe(0);
    const applied = runs.flatMap((run) => (JSON.parse(run.stdout) as { steps: { revision: string }[] }).steps.map((s) => s.revision));
    expect(applied.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `r${String(i + 1).padStart(2, '0')}`));
    const history = await sqliteRows<{ revision: string; n: number }>(
      join(dir, 'dev.db'),
      "SELECT revision, count(*) AS n FROM retort_history WHERE direction = 'up' GROUP BY revision HAVING n > 1",
    );
    expect(history).toEqual([]);
    expect(await sqliteRows(join(dir, 'dev.db'), 'SELECT revision FROM retort_version')).toEqual([{ revision: 'r30' }]);
  });
});

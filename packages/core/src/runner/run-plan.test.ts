import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry, SqlStatement, VersionSql } from '../dialect/types.js';
import type { AppliedStep, Step } from '../graph/types.js';
import { loadRevisions } from '../store/load-revisions.js';
import { BufferExecutor } from './executor.js';
import { runPlan } from './run-plan.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retort-runner-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function revision(folder: string, meta: object, files: Record<string, string>): void {
  mkdirSync(join(dir, folder));
  writeFileSync(join(dir, folder, 'meta.json'), JSON.stringify({ version: 1, ...meta }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, folder, name), text);
}

const versionSql: VersionSql = {
  ensureTables: () => 'CREATE TABLE IF NOT EXISTS v (revision text);',
  selectHeads: () => 'SELECT revision FROM v',
  insertHead: (r) => `INSERT INTO v VALUES ('${r}');`,
  deleteHead: (r) => `DELETE FROM v WHERE revision = '${r}';`,
  updateHead: (a, b) => `UPDATE v SET revision = '${b}' WHERE revision = '${a}';`,
  deleteAllHeads: () => 'DELETE FROM v;',
  insertHistory: (e: HistoryEntry) => `INSERT INTO h VALUES ('${e.revision}', '${e.direction}', '${e.status}', '${e.detail ?? ''}');`,
  selectHistory: () => 'SELECT * FROM h',
  begin: () => 'BEGIN;',
  commit: () => 'COMMIT;',
};

function split(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let offset = 0;
  for (const part of text.split(';')) {
    const sql = part.replace(/^(\s*--[^\n]*\n)+/, '').trim();
    if (sql) out.push({ sql, offset: text.indexOf(sql, offset), line: text.slice(0, text.indexOf(sql, offset)).split('\n').length });
    offset += part.length + 1;
  }
  return out;
}

// A linear head maintainer: enough to exercise the runner (the graph has its own tests).
function applyStep(heads: readonly string[], step: Step): AppliedStep {
  const parent: Record<string, string | undefined> = { a: undefined, b: 'a', c: 'b' };
  if (step.direction === 'up') {
    const from = parent[step.revision];
    return from === undefined
      ? { heads: [step.revision], change: { kind: 'insert', ops: [{ op: 'insert', revision: step.revision }] } }
      : { heads: [step.revision], change: { kind: 'update', ops: [{ op: 'update', from, to: step.revision }] } };
  }
  const to = parent[step.revision];
  return to === undefined
    ? { heads: [], change: { kind: 'delete', ops: [{ op: 'delete', revision: step.revision }] } }
    : { heads: [to], change: { kind: 'update', ops: [{ op: 'update', from: step.revision, to }] } };
}

function setup() {
  revision('a_one', { id: 'a', parents: [] }, { 'up.sql': 'CREATE TABLE t1 (id int);\n', 'down.sql': 'DROP TABLE t1;' });
  revision('b_two', { id: 'b', parents: ['a'] }, { 'up.sql': '-- two\nCREATE TABLE t2 (id int)', 'down.sql': 'DROP TABLE t2;' });
  revision('c_three', { id: 'c', parents: ['b'] }, { 'up.sql': '-- retort:no-transaction\nCREATE INDEX CONCURRENTLY i ON t2 (id);', 'down.sql': 'DROP INDEX i;' });
  return new Map(loadRevisions(dir).map((r) => [r.id, r]));
}

const common = {
  dialect: { name: 'postgres', splitStatements: split, quoteIdentifier: (n: string) => `"${n}"` },
  versionSql,
  applyStep,
  executedBy: 'tester',
  toolVersion: '0.0.0',
};

describe('runPlan (offline SQL)', () => {
  test('writes each revision in its own transaction with its version change', async () => {
    const executor = new BufferExecutor({ begin: 'BEGIN;', commit: 'COMMIT;' });
    const steps: Step[] = ['a', 'b', 'c'].map((revision) => ({ revision, direction: 'up' }));
    const result = await runPlan({ ...common, executor, revisions: setup(), steps, heads: [] });
    expect(result).toEqual({
      heads: ['c'],
      steps: [
        { revision: 'a', direction: 'up', status: 'planned', ms: expect.any(Number) },
        { revision: 'b', direction: 'up', status: 'planned', ms: expect.any(Number) },
        { revision: 'c', direction: 'up', status: 'planned', ms: expect.any(Number) },
      ],
    });
    expect(executor.text()).toBe(
      [
        'BEGIN;',
        '-- Running upgrade <base> -> a (a)',
        'CREATE TABLE t1 (id int);',
        "INSERT INTO v VALUES ('a');",
        "INSERT INTO h VALUES ('a', 'up', 'applied', 'offline --sql');",
        'COMMIT;',
        'BEGIN;',
        '-- Running upgrade a -> b (b)',
        '-- two\nCREATE TABLE t2 (id int);',
        "UPDATE v SET revision = 'b' WHERE revision = 'a';",
        "INSERT INTO h VALUES ('b', 'up', 'applied', 'offline --sql');",
        'COMMIT;',
        '-- Running upgrade b -> c (c) (no transaction)',
        'CREATE INDEX CONCURRENTLY i ON t2 (id);',
        'BEGIN;',
        "UPDATE v SET revision = 'c' WHERE revision = 'b';",
        "INSERT INTO h VALUES ('c', 'up', 'applied', 'offline --sql');",
        'COMMIT;',
        '',
      ].join('\n'),
    );
  });

  test('atomic wraps the plan in one transaction and refuses no-transaction revisions', async () => {
    const revisions = setup();
    const executor = new BufferExecutor({ begin: 'BEGIN;', commit: 'COMMIT;' });
    const down: Step[] = [{ revision: 'b', direction: 'down' }, { revision: 'a', direction: 'down' }];
    await runPlan({ ...common, executor, revisions, steps: down, heads: ['b'], atomic: true });
    expect(executor.text().split('\n').filter((l) => l === 'BEGIN;' || l === 'COMMIT;')).toEqual(['BEGIN;', 'COMMIT;']);
    await expect(
      runPlan({ ...common, executor, revisions, steps: [{ revision: 'c', direction: 'up' }], heads: ['b'], atomic: true }),
    ).rejects.toThrow(
      `Revision 'c' runs outside a transaction (${join(dir, 'c_three', 'up.sql')}), so it cannot run under --atomic; drop --atomic.`,
    );
  });

  test('a dry run reads every script and runs nothing', async () => {
    const revisions = setup();
    rmSync(join(dir, 'a_one', 'down.sql'));
    const executor = new BufferExecutor({ begin: 'BEGIN;', commit: 'COMMIT;' });
    const steps: Step[] = [{ revision: 'b', direction: 'down' }, { revision: 'a', direction: 'down' }];
    await expect(runPlan({ ...common, executor, revisions, steps, heads: ['b'], dryRun: true })).rejects.toThrow(
      /^Revision 'a' has no down\.sql/,
    );
    expect(executor.text()).toBe('');
    const ok = await runPlan({ ...common, executor, revisions, steps: steps.slice(0, 1), heads: ['b'], dryRun: true });
    expect(ok.heads).toEqual(['a']);
    expect(executor.text()).toBe('');
  });

  test('programmatic steps cannot be written offline', async () => {
    revision('a_one', { id: 'a', parents: [] }, { 'up.ts': 'export default async () => {};' });
    const executor = new BufferExecutor({ begin: 'BEGIN;', commit: 'COMMIT;' });
    const revisions = new Map(loadRevisions(dir).map((r) => [r.id, r]));
    await expect(
      runPlan({ ...common, executor, revisions, steps: [{ revision: 'a', direction: 'up' }], heads: [] }),
    ).rejects.toThrow(
      `Revision 'a' runs TypeScript (${join(dir, 'a_one', 'up.ts')}), which offline --sql output cannot render; run it online or write SQL.`,
    );
  });
});

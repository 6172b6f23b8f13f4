import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry, SqlScript, SqlStatement, UntimedHistoryEntry, VersionSql } from '../dialect/types.js';
import { StatementError } from '../dialect/types.js';
import type { AppliedStep, Step } from '../graph/types.js';
import { loadRevisions } from '../store/load-revisions.js';
import { BufferExecutor, type Executor } from './executor.js';
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

// An online executor whose transactions record what went out and can fail at COMMIT, as a
// driver that defers scripts (Queryable.deferScript) reports a script's failure there.
class DeferringExecutor implements Executor {
  readonly offline = false;
  readonly log: string[] = [];
  failAtCommit: StatementError | undefined;
  deferScript = (script: SqlScript): void => void this.log.push(`deferred: ${script.text}`);
  async runScript(script: SqlScript): Promise<void> {
    this.log.push(`script: ${script.text}`);
  }
  async execute(sql: string): Promise<void> {
    this.log.push(`execute: ${sql}`);
  }
  async query<Row>(): Promise<Row[]> {
    return [];
  }
  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    this.log.push('BEGIN');
    const result = await fn(this);
    if (this.failAtCommit) throw this.failAtCommit;
    this.log.push('COMMIT');
    return result;
  }
  comment(): void {}
  async reset(): Promise<void> {}
}

describe('runPlan (a driver that defers scripts to COMMIT)', () => {
  const timed: VersionSql = {
    ...versionSql,
    insertHistoryTimedByDatabase: (e: UntimedHistoryEntry) => `INSERT INTO h VALUES ('${e.revision}', '${e.direction}', '${e.status}', now());`,
  };

  test('queues the script and sends the version rows with a history row the database times', async () => {
    const executor = new DeferringExecutor();
    const steps: Step[] = [{ revision: 'a', direction: 'up' }, { revision: 'b', direction: 'up' }];
    await runPlan({ ...common, versionSql: timed, executor, revisions: setup(), steps, heads: [] });
    expect(executor.log).toEqual([
      'BEGIN',
      'deferred: CREATE TABLE t1 (id int);\n',
      "execute: INSERT INTO v VALUES ('a');\nINSERT INTO h VALUES ('a', 'up', 'applied', now());",
      'COMMIT',
      'BEGIN',
      'deferred: -- two\nCREATE TABLE t2 (id int)',
      "execute: UPDATE v SET revision = 'b' WHERE revision = 'a';\nINSERT INTO h VALUES ('b', 'up', 'applied', now());",
      'COMMIT',
    ]);
  });

  test('without a database-timed history row, scripts run at once as before', async () => {
    const executor = new DeferringExecutor();
    await runPlan({ ...common, executor, revisions: setup(), steps: [{ revision: 'a', direction: 'up' }], heads: [] });
    expect(executor.log.slice(0, 2)).toEqual(['BEGIN', 'script: CREATE TABLE t1 (id int);\n']);
  });

  test('a statement failing at COMMIT is reported with its file and line', async () => {
    const executor = new DeferringExecutor();
    executor.failAtCommit = new StatementError('relation "t2" already exists', { statementIndex: 0, line: 2, databaseCode: '42P07' });
    const failure = runPlan({ ...common, versionSql: timed, executor, revisions: setup(), steps: [{ revision: 'b', direction: 'up' }], heads: ['a'] });
    await expect(failure).rejects.toMatchObject({
      code: 'E_MIGRATION_FAILED',
      message: `${join(dir, 'b_two', 'up.sql')}:2: relation "t2" already exists (revision 'b', up); the database is still at 'a'. Fix the file and run the command again.`,
      facts: { line: 2, revision: 'b', direction: 'up', statement: 1, databaseCode: '42P07' },
    });
  });
});

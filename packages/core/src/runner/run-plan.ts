import type { Dialect, HistoryEntry, UntimedHistoryEntry, VersionSql } from '../dialect/types.js';
import { StatementError } from '../dialect/types.js';
import { RetortError } from '../errors.js';
import type { AppliedStep, Step, VersionOp } from '../graph/types.js';
import { readRevisionScript, type RevisionScript } from '../store/revision-script.js';
import type { StoredRevision } from '../store/stored-revision.js';
import type { Executor } from './executor.js';
import { createMigrationContext, type MigrationContext } from './migration-context.js';
import { loadProgram } from './load-program.js';
import type { RunEvent, StepResult } from './run-events.js';

/** Everything {@link runPlan} needs. */
export interface RunPlanOptions {
  readonly executor: Executor;
  readonly dialect: Pick<Dialect, 'name' | 'splitStatements' | 'quoteIdentifier'>;
  readonly versionSql: VersionSql;
  /** Computes the version-row change of one step (the graph's head maintainer). */
  readonly applyStep: (heads: readonly string[], step: Step) => AppliedStep;
  readonly revisions: ReadonlyMap<string, StoredRevision>;
  readonly steps: readonly Step[];
  /** Version rows before the first step. */
  readonly heads: readonly string[];
  /** One transaction around the whole plan instead of one per revision. */
  readonly atomic?: boolean;
  /** Plan only: read the scripts, run nothing. */
  readonly dryRun?: boolean;
  readonly executedBy: string;
  readonly toolVersion: string;
  readonly introspect?: ((executor: Executor) => Promise<unknown>) | undefined;
  readonly onEvent?: ((event: RunEvent) => void) | undefined;
  /** Clock, injectable for tests. */
  readonly now?: () => Date;
}

/** What {@link runPlan} did. */
export interface RunPlanResult {
  readonly steps: readonly StepResult[];
  /** Version rows after the plan (as planned, in a dry run). */
  readonly heads: readonly string[];
}

/**
 * Runs planned steps: each revision's SQL (or up.ts/down.ts) together with its version-row
 * change and history entry, in its own transaction (or one transaction with `atomic`;
 * statement by statement for `-- retort:no-transaction`). A failure leaves the database at
 * the previous revision boundary and throws `E_MIGRATION_FAILED` naming `file:line`.
 *
 * @example
 * ```ts
 * const steps = graph.planUpgrade('head', heads);
 * await runPlan({ executor, dialect, versionSql, applyStep: (h, s) => graph.applyStep(h, s),
 *   revisions, steps, heads, executedBy: 'ci', toolVersion: '0.1.0' });
 * ```
 */
export async function runPlan(options: RunPlanOptions): Promise<RunPlanResult> {
  const { steps, executor } = options;
  const now = options.now ?? (() => new Date());
  const prepared = steps.map((step) => ({ step, script: readScript(options, step) }));
  if (options.atomic) {
    const blocking = prepared.find((entry) => !entry.script.transactional);
    if (blocking) {
      throw new RetortError(
        'E_USAGE',
        `Revision '${blocking.step.revision}' runs outside a transaction (${blocking.script.file}), so it cannot run under --atomic; drop --atomic.`,
        { facts: { revision: blocking.step.revision, file: blocking.script.file } },
      );
    }
  }
  options.onEvent?.({ type: 'plan', steps });

  let heads = options.heads;
  const results: StepResult[] = [];
  const runAll = async (outer: Executor | undefined): Promise<void> => {
    for (const [index, { step, script }] of prepared.entries()) {
      const applied = options.applyStep(heads, step);
      options.onEvent?.({ type: 'step-start', step, index, total: prepared.length });
      const started = now();
      const t0 = performance.now();
      if (!options.dryRun) {
        const context = { options, step, script, applied, heads, started, now };
        if (outer) await runStepIn(outer, context);
        else if (script.transactional) await runStepInOwnTransaction(context);
        else await runStepWithoutTransaction(context);
      }
      const ms = Math.round(performance.now() - t0);
      heads = applied.heads;
      results.push({
        revision: step.revision,
        direction: step.direction,
        status: options.dryRun || executor.offline ? 'planned' : 'applied',
        ms,
      });
      options.onEvent?.({ type: 'step-done', step, index, total: prepared.length, ms });
    }
  };
  if (options.atomic && !options.dryRun) await executor.transaction((tx) => runAll(tx));
  else await runAll(undefined);
  return { steps: results, heads };
}

interface StepContext {
  readonly options: RunPlanOptions;
  readonly step: Step;
  readonly script: RevisionScript;
  readonly applied: AppliedStep;
  readonly heads: readonly string[];
  readonly started: Date;
  readonly now: () => Date;
}

function readScript(options: RunPlanOptions, step: Step): RevisionScript {
  const revision = options.revisions.get(step.revision);
  if (!revision) {
    throw new RetortError('E_UNKNOWN_REVISION', `Revision '${step.revision}' is planned but not loaded; reload the migrations folder.`, {
      facts: { revision: step.revision },
    });
  }
  return readRevisionScript(revision, step.direction, {
    dialect: options.dialect.name,
    splitStatements: (text) => options.dialect.splitStatements(text),
  });
}

async function runStepIn(executor: Executor, context: StepContext, ownTransaction = false): Promise<void> {
  const { step, script, applied, options } = context;
  executor.comment(describeStep(step, context.heads, applied.heads));
  const timedByDatabase = options.versionSql.insertHistoryTimedByDatabase?.bind(options.versionSql);
  if (ownTransaction && script.kind === 'sql' && executor.deferScript !== undefined && timedByDatabase !== undefined) {
    // BEGIN, the script, the version rows, the history row and COMMIT in one message: the
    // database times the row, and the script's failure surfaces at COMMIT (see below).
    executor.deferScript(script.script);
    await executor.execute([...versionOpsSqlOf(context), timedByDatabase(untimedEntry(context, 'applied', undefined))].join('\n'));
    return;
  }
  await runScriptOrProgram(executor, context);
  await executor.execute(bookkeepingSql(context, 'applied'));
}

async function runStepInOwnTransaction(context: StepContext): Promise<void> {
  try {
    await context.options.executor.transaction((tx) => runStepIn(tx, context, true));
  } catch (error) {
    // A deferred script's failing statement, reported by the COMMIT that carried it.
    if (error instanceof StatementError) throw migrationFailure(context, error);
    throw error;
  }
}

async function runStepWithoutTransaction(context: StepContext): Promise<void> {
  const { options, script, step } = context;
  const executor = options.executor;
  executor.comment(`${describeStep(step, context.heads, context.applied.heads)} (no transaction)`);
  if (script.kind === 'sql') {
    const statements = script.script.statements;
    for (const [index, statement] of statements.entries()) {
      try {
        await executor.runScript({ text: `${statement.sql};`, statements: [{ sql: statement.sql, offset: 0, line: 1 }] });
      } catch (error) {
        if (!(error instanceof StatementError)) throw error;
        const line = statement.line + (error.line ?? 1) - 1;
        const failure = migrationFailure(
          context,
          new StatementError(error.message, { statementIndex: index, line, databaseCode: error.databaseCode, cause: error }),
        );
        const detail = `${script.file}:${failure.facts.line} (statement ${index + 1} of ${statements.length})`;
        // The script may have opened its own transaction (a SQLite rebuild): end it first, or
        // the failure record would be rolled back with it.
        await executor.reset();
        await executor.execute(options.versionSql.insertHistory(historyEntry(context, 'failed', detail)));
        throw failure;
      }
    }
  } else {
    await runScriptOrProgram(executor, context);
  }
  await executor.transaction((tx) => tx.execute(bookkeepingSql(context, 'applied')));
}

async function runScriptOrProgram(executor: Executor, context: StepContext): Promise<void> {
  const { script, step, options } = context;
  if (script.kind === 'sql') {
    try {
      await executor.runScript(script.script);
    } catch (error) {
      if (error instanceof StatementError) throw migrationFailure(context, error);
      throw error;
    }
    return;
  }
  if (executor.offline) {
    throw new RetortError(
      'E_UNSUPPORTED',
      `Revision '${step.revision}' runs TypeScript (${script.file}), which offline --sql output cannot render; run it online or write SQL.`,
      { facts: { revision: step.revision, file: script.file } },
    );
  }
  const program = await loadProgram(script.file);
  const ctx: MigrationContext = createMigrationContext({
    executor,
    dialect: options.dialect.name,
    quoteIdentifier: (name) => options.dialect.quoteIdentifier(name),
    introspect: options.introspect,
    onLog: (message) => options.onEvent?.({ type: 'log', step, message }),
    onProgress: (progress) => options.onEvent?.({ type: 'progress', step, progress }),
  });
  try {
    await program(ctx);
  } catch (error) {
    if (error instanceof RetortError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new RetortError(
      'E_MIGRATION_FAILED',
      `Revision '${step.revision}' failed in ${script.file}: ${message}; the database is left at the previous revision. Fix the file and run the command again.`,
      { facts: { revision: step.revision, file: script.file }, cause: error },
    );
  }
}

function migrationFailure(context: StepContext, error: StatementError): RetortError {
  const { script, step } = context;
  const statements = script.kind === 'sql' ? script.script.statements : [];
  const line = error.line ?? statements[error.statementIndex]?.line ?? 1;
  const where = context.heads.length === 0 ? 'base' : context.heads.map((head) => `'${head}'`).join(', ');
  return new RetortError(
    'E_MIGRATION_FAILED',
    `${script.file}:${line}: ${error.message} (revision '${step.revision}', ${step.direction}); the database is still at ${where}. Fix the file and run the command again.`,
    {
      facts: {
        file: script.file,
        line,
        revision: step.revision,
        direction: step.direction,
        statement: error.statementIndex + 1,
        databaseCode: error.databaseCode,
      },
      cause: error,
    },
  );
}

function bookkeepingSql(context: StepContext, status: 'applied'): string {
  const statements = versionOpsSqlOf(context);
  statements.push(context.options.versionSql.insertHistory(historyEntry(context, status, undefined)));
  return statements.join('\n');
}

function versionOpsSqlOf(context: StepContext): string[] {
  return context.applied.change.ops.map((op) => versionOpSql(context.options.versionSql, op));
}

function versionOpSql(sql: VersionSql, op: VersionOp): string {
  switch (op.op) {
    case 'insert':
      return sql.insertHead(op.revision);
    case 'delete':
      return sql.deleteHead(op.revision);
    case 'update':
      return sql.updateHead(op.from, op.to);
    default: {
      const never: never = op;
      throw new Error(`unknown version op ${JSON.stringify(never)}`);
    }
  }
}

function untimedEntry(context: StepContext, status: 'applied' | 'failed', detail: string | undefined): UntimedHistoryEntry {
  return {
    revision: context.step.revision,
    direction: context.step.direction,
    checksum: context.script.checksum,
    executedBy: context.options.executedBy,
    toolVersion: context.options.toolVersion,
    status,
    detail: context.options.executor.offline ? 'offline --sql' : detail,
  };
}

function historyEntry(context: StepContext, status: 'applied' | 'failed', detail: string | undefined): HistoryEntry {
  const finishedAt = context.now();
  return {
    ...untimedEntry(context, status, detail),
    startedAt: context.started,
    finishedAt,
    durationMs: Math.max(0, finishedAt.getTime() - context.started.getTime()),
  };
}

function describeStep(step: Step, before: readonly string[], after: readonly string[]): string {
  const arrow = step.direction === 'up' ? 'upgrade' : 'downgrade';
  const from = before.length ? before.join(', ') : '<base>';
  const to = after.length ? after.join(', ') : '<base>';
  return `Running ${arrow} ${from} -> ${to} (${step.revision})`;
}

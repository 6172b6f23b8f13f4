import { RetortError } from '../errors.js';
import type { Step, VersionOp } from '../graph/types.js';
import { BufferExecutor, ConnectionExecutor, type Executor } from '../runner/executor.js';
import type { RunEvent, StepResult } from '../runner/run-events.js';
import { runPlan } from '../runner/run-plan.js';
import { openDatabase, type DatabaseTarget } from './database.js';
import type { Project } from './project.js';

/** Options for {@link upgrade} and {@link downgrade}. */
export interface MigrateOptions {
  readonly project: Project;
  /** Target expression (`head`, `-1`, `ae10@head`...); with `offline`, `from:to` is allowed. */
  readonly target: string;
  readonly database: DatabaseTarget;
  /** Write the SQL instead of running it (`--sql`); the database is not touched. */
  readonly offline?: boolean;
  /** Plan against the real database and change nothing (`--dry-run`). */
  readonly dryRun?: boolean;
  /** One transaction around the whole plan (`--atomic`). */
  readonly atomic?: boolean;
  /** How long to wait for another runner; default 60 s. */
  readonly lockTimeoutMs?: number;
  readonly executedBy: string;
  readonly toolVersion: string;
  readonly introspect?: ((executor: Executor) => Promise<unknown>) | undefined;
  readonly onEvent?: ((event: RunEvent) => void) | undefined;
}

/** What an upgrade or downgrade did (the `--json` document of those commands). */
export interface MigrateResult {
  readonly command: 'upgrade' | 'downgrade';
  readonly dryRun: boolean;
  readonly steps: readonly StepResult[];
  /** Version rows afterwards. */
  readonly heads: readonly string[];
  /** The SQL text, in offline mode. */
  readonly sql?: string;
}

/**
 * Upgrades the database to `target`: applies every revision below it not yet applied.
 *
 * @example
 * ```ts
 * const result = await upgrade({ project: openProject('migrations'), target: 'head',
 *   database: { dialect: sqliteDialect, url: 'sqlite:./dev.db', tables }, executedBy: 'me', toolVersion: '0.1.0' });
 * ```
 */
export function upgrade(options: MigrateOptions): Promise<MigrateResult> {
  return migrate('upgrade', options);
}

/**
 * Downgrades the database to `target`, removing the applied descendants of it.
 *
 * @example
 * ```ts
 * await downgrade({ ...options, target: '-1' });
 * ```
 */
export function downgrade(options: MigrateOptions): Promise<MigrateResult> {
  return migrate('downgrade', options);
}

async function migrate(command: 'upgrade' | 'downgrade', options: MigrateOptions): Promise<MigrateResult> {
  const { project, database } = options;
  const plan = (target: string, heads: readonly string[]): Step[] =>
    command === 'upgrade' ? [...project.graph.planUpgrade(target, heads)] : [...project.graph.planDowngrade(target, heads)];
  const common = {
    dialect: database.dialect,
    versionSql: database.dialect.versionSql(database.tables),
    applyStep: (heads: readonly string[], step: Step) => project.graph.applyStep(heads, step),
    revisions: project.byId,
    atomic: options.atomic,
    executedBy: options.executedBy,
    toolVersion: options.toolVersion,
    introspect: options.introspect,
    onEvent: options.onEvent,
  };

  if (options.offline) {
    const { from, to } = offlineRange(command, options.target);
    const heads = from === 'base' ? [] : [...project.graph.resolve(from)];
    const steps = plan(to, heads);
    const versionSql = common.versionSql;
    const executor = new BufferExecutor({ begin: versionSql.begin(), commit: versionSql.commit() });
    if (heads.length === 0 && command === 'upgrade') await executor.execute(versionSql.ensureTables());
    const result = await runPlan({ ...common, executor, steps, heads });
    return { command, dryRun: false, steps: result.steps, heads: result.heads, sql: executor.text() };
  }

  const db = await openDatabase(database, { lockNext: !options.dryRun });
  try {
    const lock = options.dryRun ? undefined : await db.lock(options.lockTimeoutMs ?? 60_000);
    try {
      if (!options.dryRun) await db.ensureTables();
      const heads = await db.readHeads();
      checkKnownHeads(project, heads);
      const steps = plan(options.target, heads);
      const result = await runPlan({
        ...common,
        executor: new ConnectionExecutor(db.connection),
        steps,
        heads,
        dryRun: options.dryRun,
      });
      return { command, dryRun: Boolean(options.dryRun), steps: result.steps, heads: result.heads };
    } finally {
      await lock?.release();
    }
  } finally {
    await db.close();
  }
}

/** Splits an offline `from:to` target; upgrades default `from` to base. */
export function offlineRange(command: 'upgrade' | 'downgrade', target: string): { from: string; to: string } {
  const colon = target.indexOf(':');
  if (colon < 0) {
    if (command === 'downgrade') {
      throw new RetortError(
        'E_USAGE',
        `downgrade --sql needs a range <from>:<to> such as 'head:base', not '${target}', because offline mode cannot read the database.`,
        { facts: { argument: target } },
      );
    }
    return { from: 'base', to: target };
  }
  return { from: target.slice(0, colon) || 'base', to: target.slice(colon + 1) || 'head' };
}

/**
 * Refuses to plan from version rows naming revisions the folder no longer has.
 *
 * @example
 * ```ts
 * checkKnownHeads(project, await db.readHeads());
 * ```
 */
export function checkKnownHeads(project: Project, heads: readonly string[]): void {
  const unknown = heads.find((head) => !project.byId.has(head));
  if (unknown !== undefined) {
    throw new RetortError(
      'E_UNKNOWN_REVISION',
      `The database is at revision '${unknown}', which is not in ${project.dir}; restore that revision's folder, or run \`retort stamp <revision> --purge\` to reset the version table.`,
      { facts: { revision: unknown, argument: unknown } },
    );
  }
}

/** Renders version ops as SQL (used by stamp). */
export function versionOpsSql(versionSql: ReturnType<DatabaseTarget['dialect']['versionSql']>, ops: readonly VersionOp[]): string {
  return ops
    .map((op) =>
      op.op === 'insert'
        ? versionSql.insertHead(op.revision)
        : op.op === 'delete'
          ? versionSql.deleteHead(op.revision)
          : versionSql.updateHead(op.from, op.to),
    )
    .join('\n');
}

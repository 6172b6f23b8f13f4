import type { VersionChange } from '../graph/types.js';
import { BufferExecutor } from '../runner/executor.js';
import { openDatabase, type DatabaseTarget } from './database.js';
import { checkKnownHeads, offlineRange, versionOpsSql } from './migrate.js';
import type { Project } from './project.js';

/** Options for {@link stamp}. */
export interface StampCommandOptions {
  readonly project: Project;
  readonly target: string;
  readonly database: DatabaseTarget;
  /** Delete every version row first (also rows naming unknown revisions). */
  readonly purge?: boolean;
  readonly offline?: boolean;
  readonly dryRun?: boolean;
  readonly lockTimeoutMs?: number;
}

/** What a stamp did. */
export interface StampResult {
  readonly heads: readonly string[];
  readonly changes: readonly VersionChange[];
  readonly sql?: string;
}

/**
 * Sets the version rows to `target` without running any migration (Alembic's stamp).
 *
 * @example
 * ```ts
 * await stamp({ project, target: 'head', database });
 * ```
 */
export async function stamp(options: StampCommandOptions): Promise<StampResult> {
  const { project, database } = options;
  const versionSql = database.dialect.versionSql(database.tables);
  if (options.offline) {
    const { from, to } = offlineRange('upgrade', options.target);
    const heads = from === 'base' ? [] : [...project.graph.resolve(from)];
    const plan = project.graph.planStamp(to, options.purge ? [] : heads);
    const executor = new BufferExecutor({ begin: versionSql.begin(), commit: versionSql.commit() });
    await executor.execute(versionSql.ensureTables());
    await executor.transaction(async (tx) => {
      if (options.purge) await tx.execute(versionSql.deleteAllHeads());
      await tx.execute(plan.changes.map((change) => versionOpsSql(versionSql, change.ops)).join('\n'));
    });
    return { heads: plan.heads, changes: plan.changes, sql: executor.text() };
  }
  const db = await openDatabase(database, { lockNext: !options.dryRun });
  try {
    const lock = options.dryRun ? undefined : await db.lock(options.lockTimeoutMs ?? 60_000);
    try {
      if (!options.dryRun) await db.ensureTables();
      const current = await db.readHeads();
      if (!options.purge) checkKnownHeads(project, current);
      // A purge empties the table itself (rows may name revisions the folder lost), then stamps from base.
      const plan = project.graph.planStamp(options.target, options.purge ? [] : current);
      if (!options.dryRun) {
        await db.connection.transaction(async (tx) => {
          if (options.purge) await tx.execute(versionSql.deleteAllHeads());
          const sql = plan.changes.map((change) => versionOpsSql(versionSql, change.ops)).join('\n');
          if (sql.trim()) await tx.execute(sql);
        });
      }
      return { heads: plan.heads, changes: plan.changes };
    } finally {
      await lock?.release();
    }
  } finally {
    await db.close();
  }
}

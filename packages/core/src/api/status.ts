import { readRevisionScript } from '../store/revision-script.js';
import { openDatabase, type Database, type DatabaseTarget } from './database.js';
import { checkKnownHeads } from './migrate.js';
import type { Project } from './project.js';

/** One finding of {@link status}. */
export interface StatusDifference {
  readonly kind: 'pending' | 'changed' | 'failed' | 'unknown';
  readonly revision: string;
  readonly message: string;
}

/** What `retort status` reports. */
export interface StatusResult {
  readonly current: readonly string[];
  /** Revisions `upgrade heads` would apply, in order. */
  readonly pending: readonly string[];
  /** Everything that differs from "at head, as written". */
  readonly differences: readonly StatusDifference[];
}

/**
 * Compares the database with the migrations folder: pending revisions, applied revisions
 * whose SQL changed since it ran (checksums in the history), no-transaction revisions that
 * stopped part way, and version rows naming revisions the folder no longer has.
 *
 * @example
 * ```ts
 * const { pending, differences } = await status({ project, database });
 * ```
 */
export async function status(options: { project: Project; database: DatabaseTarget; db?: Database }): Promise<StatusResult> {
  const { project, database } = options;
  // A caller that goes on using the database (check) passes its open connection.
  const db = options.db ?? (await openDatabase(database));
  try {
    const current = await db.readHeads();
    const differences: StatusDifference[] = [];
    const unknown = current.filter((head) => !project.byId.has(head));
    for (const revision of unknown) {
      differences.push({
        kind: 'unknown',
        revision,
        message: `The database is at '${revision}', which is not in ${project.dir}; restore its folder or run \`retort stamp <revision> --purge\`.`,
      });
    }
    if (unknown.length > 0) return { current, pending: [], differences };
    checkKnownHeads(project, current);

    const pending = project.graph.planUpgrade('heads', current).map((step) => step.revision);
    for (const revision of pending) differences.push({ kind: 'pending', revision, message: `'${revision}' is not applied yet.` });

    const history = current.length === 0 ? [] : await readHistory(db);
    const lastUp = new Map<string, { checksum: string; status: string; detail: string | null }>();
    for (const entry of history) {
      if (entry.direction === 'up') lastUp.set(entry.revision, entry);
      else lastUp.delete(entry.revision);
    }
    const applied = project.graph.planDowngrade('base', current).map((step) => step.revision);
    for (const id of applied) {
      const entry = lastUp.get(id);
      const revision = project.byId.get(id);
      if (!entry || !revision) continue;
      const script = readRevisionScript(revision, 'up', { dialect: database.dialect.name, splitStatements: () => [] });
      if (entry.checksum !== script.checksum) {
        differences.push({ kind: 'changed', revision: id, message: `${script.file} changed since it was applied; the database may not match it.` });
      }
    }
    for (const [id, entry] of lastUp) {
      if (entry.status === 'failed') {
        differences.push({ kind: 'failed', revision: id, message: `'${id}' failed part way at ${entry.detail ?? 'an unknown statement'}; fix it by hand, then rerun.` });
      }
    }
    return { current, pending, differences };
  } finally {
    if (!options.db) await db.close();
  }
}

async function readHistory(db: Awaited<ReturnType<typeof openDatabase>>) {
  const rows = await db.connection.query<{ revision: string; direction: string; checksum: string; status: string; detail: string | null }>(
    db.versionSql.selectHistory(),
  );
  return rows;
}

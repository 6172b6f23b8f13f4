import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConnectionExecutor,
  readRevisionScript,
  runPlan,
  type Dialect,
  type Project,
  type VersionTableNames,
  writeFileAtomic,
} from '@retort/core';
import type { Schema, SchemaDialect } from '@retort/schema';
import type { OpenScratch } from './scratch-database.js';

/** Options for {@link headSchema}. */
export interface HeadSchemaOptions {
  readonly project: Project;
  readonly dialect: Dialect;
  readonly schemaDialect: SchemaDialect;
  readonly openScratch: OpenScratch;
  /** Revisions to replay up to; default `heads`. */
  readonly target?: string | readonly string[];
  /** Version rows to start from (replays only what lies above them); default none. */
  readonly tables?: VersionTableNames;
  /** Folder for cached results; none disables the cache. */
  readonly cacheDir?: string | undefined;
  /** Extra cache key: the versions of the code that introspects (a rebuilt dialect invalidates). */
  readonly cacheKey?: string | undefined;
}

const CACHE_FORMAT = 1;

/**
 * The schema at head: the migrations replayed into a scratch database and introspected,
 * so hand-edited SQL is always honoured. Cached by the revisions and the checksums of the
 * SQL that would run, so an unchanged history costs one file read.
 *
 * @example
 * ```ts
 * const head = await headSchema({ project, dialect, schemaDialect, openScratch, cacheDir: 'node_modules/.cache/retort' });
 * ```
 */
export async function headSchema(options: HeadSchemaOptions): Promise<Schema> {
  const { project, dialect, schemaDialect } = options;
  const target = options.target ?? 'heads';
  const steps = target === 'base' ? [] : project.graph.planUpgrade(target, []);
  const hash = createHash('sha256').update(`${CACHE_FORMAT}\0${dialect.name}\0${schemaDialect.name}\0${options.cacheKey ?? ''}`);
  for (const step of steps) {
    const revision = project.byId.get(step.revision);
    if (!revision) continue;
    const script = readRevisionScript(revision, 'up', { dialect: dialect.name, splitStatements: () => [] });
    hash.update(`\0${step.revision}\0${script.checksum}`);
  }
  const key = hash.digest('hex').slice(0, 32);
  const cacheFile = options.cacheDir === undefined ? undefined : join(options.cacheDir, `head-${key}.json`);
  if (cacheFile) {
    try {
      return JSON.parse(readFileSync(cacheFile, 'utf8')) as Schema;
    } catch {
      // not cached yet
    }
  }
  // Version tables of the replay live in the scratch database itself: never qualified with
  // the real database's schema, which on Postgres is reachable from the scratch connection.
  const tables = { versionTable: options.tables?.versionTable ?? 'retort_version', historyTable: options.tables?.historyTable ?? 'retort_history' };
  const scratch = await options.openScratch();
  let schema: Schema;
  try {
    await scratch.connection.execute(dialect.versionSql(tables).ensureTables());
    await runPlan({
      executor: new ConnectionExecutor(scratch.connection),
      dialect,
      versionSql: dialect.versionSql(tables),
      applyStep: (heads, step) => project.graph.applyStep(heads, step),
      revisions: project.byId,
      steps,
      heads: [],
      executedBy: 'retort (replay)',
      toolVersion: 'replay',
      introspect: () => schemaDialect.introspect(scratch.connection, scratch.introspectOptions),
    });
    schema = await schemaDialect.introspect(scratch.connection, {
      ...scratch.introspectOptions,
      excludeTables: [tables.versionTable, tables.historyTable],
    });
  } finally {
    await scratch.close();
  }
  if (cacheFile) writeFileAtomic(cacheFile, JSON.stringify(schema));
  return schema;
}

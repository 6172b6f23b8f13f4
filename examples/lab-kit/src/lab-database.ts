/**
 * Databases for the example labs' tests: a fresh SQLite file or a PostgreSQL database per
 * test file (never skipped when the server is missing), read back through the dialects.
 *
 * @example
 * ```ts
 * import { DIALECTS } from '@retort/example-lab-kit';
 * describe.each(DIALECTS)('the lab on %s', (_name, create) => { ... });
 * ```
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@retort/core';
import * as postgres from '@retort/dialect-postgres';
import { sqliteDialect, sqliteSchemaDialect } from '@retort/dialect-sqlite';
import type { Schema, SchemaDialect } from '@retort/schema';

/** The PostgreSQL server of the tests (trust auth by default). */
export const PG_SERVER_URL = process.env['RETORT_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database the lab runs against; `reset()` empties it between tests. */
export interface LabDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  /** The URL to pass to the CLI as --url. */
  url(): string;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  execute(sql: string): Promise<void>;
  /** The user schema (version tables left out), through the dialect's catalog reader. */
  introspect(): Promise<Schema>;
  /** Every table name, version tables included, sorted. */
  tables(): Promise<string[]>;
  /** Column names of a table in catalog order. */
  columns(table: string): Promise<string[]>;
  /** Index names of a table (constraint-backed ones included), sorted. */
  indexes(table: string): Promise<string[]>;
  reset(): Promise<void>;
  dispose(): Promise<void>;
}

const VERSION_TABLES = ['retort_version', 'retort_history'];

/** A fresh SQLite file per reset, in a temporary folder. */
export async function sqliteDatabase(): Promise<LabDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'retort-lab-'));
  let file = '';
  const open = async <T>(fn: (connection: Connection) => Promise<T>): Promise<T> => {
    const connection = await sqliteDialect.connect({ url: `sqlite:${file}` });
    try {
      return await fn(connection);
    } finally {
      await connection.close();
    }
  };
  const db: LabDatabase = {
    dialect: 'sqlite',
    url: () => `sqlite:${file}`,
    query: (sql, params) => open((c) => c.query(sql, params)),
    execute: (sql) => open((c) => c.execute(sql)),
    introspect: () => open((c) => sqliteSchemaDialect.introspect(c, { excludeTables: VERSION_TABLES })),
    tables: async () =>
      (await db.query<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((r) => r.name),
    columns: async (table) => (await db.query<{ name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid', [table])).map((r) => r.name),
    indexes: async (table) => (await db.query<{ name: string }>('SELECT name FROM pragma_index_list(?) ORDER BY name', [table])).map((r) => r.name),
    reset: async () => {
      file = join(dir, `lab-${randomBytes(4).toString('hex')}.db`);
    },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
  await db.reset();
  return db;
}

/** The PostgreSQL schema dialect, which autogenerate and introspection need. */
export function postgresSchemaDialect(): SchemaDialect {
  const found = (postgres as Record<string, unknown>)['postgresSchemaDialect'] as SchemaDialect | undefined;
  if (found === undefined) throw new Error('@retort/dialect-postgres does not export postgresSchemaDialect yet; build it (pnpm --filter @retort/dialect-postgres build) to compare PostgreSQL schemas.');
  return found;
}

/** A database created on the test server for one test file; reset() recreates its public schema. */
export async function postgresDatabase(label: string): Promise<LabDatabase> {
  const name = `retort_example_${label}_${randomBytes(4).toString('hex')}`;
  const admin = await connectOrExplain(PG_SERVER_URL);
  try {
    await admin.execute(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
  const base = new URL(PG_SERVER_URL);
  base.pathname = `/${name}`;
  const url = base.toString();
  const connection = await postgres.postgresDialect.connect({ url });
  const db: LabDatabase = {
    dialect: 'postgres',
    url: () => url,
    query: (sql, params) => connection.query(sql, params),
    execute: (sql) => connection.execute(sql),
    introspect: () => postgresSchemaDialect().introspect(connection, { excludeTables: VERSION_TABLES, schema: 'public' }),
    tables: async () =>
      (await connection.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).map((r) => r.name),
    columns: async (table) =>
      (await connection.query<{ name: string }>("SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position", [table])).map((r) => r.name),
    indexes: async (table) =>
      (await connection.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1 ORDER BY indexname", [table])).map((r) => r.name),
    reset: () => connection.execute('DROP SCHEMA public CASCADE; CREATE SCHEMA public;'),
    dispose: async () => {
      await connection.close();
      const dropper = await postgres.postgresDialect.connect({ url: PG_SERVER_URL });
      try {
        await dropper.execute(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.close();
      }
    },
  };
  return db;
}

async function connectOrExplain(url: string): Promise<Connection> {
  try {
    return await postgres.postgresDialect.connect({ url });
  } catch (error) {
    throw new Error(`PostgreSQL is needed for these tests and is not reachable at ${url} (${(error as Error).message}); start it or set RETORT_TEST_PG_URL.`, { cause: error });
  }
}

/** Both dialects, for describe.each: a fresh database of each kind per test file. */
export const DIALECTS = [
  ['SQLite', () => sqliteDatabase()],
  ['PostgreSQL', (label: string) => postgresDatabase(label)],
] as const satisfies readonly (readonly [string, (label: string) => Promise<LabDatabase>])[];

/**
 * A schema with every table's columns sorted by name: the comparison for "down restores
 * the schema", where a column dropped and added back returns at the end of the table.
 */
export function ignoringColumnOrder(schema: Schema): Schema {
  return { ...schema, tables: schema.tables.map((t) => ({ ...t, columns: [...t.columns].sort((a, b) => a.name.localeCompare(b.name)) })) };
}

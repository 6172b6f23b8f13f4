// Test harness for the PostgreSQL schema dialect: a scratch database reached through
// Retort's own driver, a script runner that behaves like Retort's runner (one transaction
// per script unless it starts with `-- retort:no-transaction`), and introspection.
import { deepEqual, type Schema } from '@retort/schema';
import { connect, type PostgresConnection } from '../postgres-driver.js';
import { postgresSchemaDialect } from '../postgres-schema-dialect.js';
import { splitStatements } from '../postgres-split.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface Scratch {
  readonly db: TestDatabase;
  readonly conn: PostgresConnection;
  close(): Promise<void>;
}

export async function openScratch(prefix: string): Promise<Scratch> {
  const db = await createTestDatabase(prefix);
  const conn = await connect({ url: db.url });
  // Scratch data need not survive a crash: commits skip waiting for the disk.
  await conn.execute('SET synchronous_commit = off');
  return {
    db,
    conn,
    close: async () => {
      await conn.close();
      await db.drop();
    },
  };
}

export function introspect(conn: PostgresConnection, schema = 'public'): Promise<Schema> {
  return postgresSchemaDialect.introspect(conn, { schema });
}

/** Runs a rendered script as Retort's runner would. */
export async function runScript(conn: PostgresConnection, sql: string): Promise<void> {
  if (sql.trim() === '') return;
  const script = { text: sql, statements: splitStatements(sql) };
  if (/^-- retort:no-transaction/.test(sql)) {
    await conn.runScript(script);
    return;
  }
  await conn.transaction((tx) => tx.runScript(script));
}

/** Resets the `public` schema to empty. */
export async function resetPublic(conn: PostgresConnection): Promise<void> {
  await conn.execute('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
}

/** Throws with both values printed when they are not deep-equal (faster than expect on big schemas). */
export function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (!deepEqual(actual, expected)) {
    throw new Error(`${what} differs:\n  expected ${JSON.stringify(expected)}\n  actual   ${JSON.stringify(actual)}`);
  }
}

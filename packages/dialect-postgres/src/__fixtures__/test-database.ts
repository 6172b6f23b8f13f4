import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the tests use: RETORT_TEST_PG_URL, or the local trust-auth default. */
export const TEST_SERVER_URL = process.env.RETORT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A scratch database created for one test file. */
export interface TestDatabase {
  readonly name: string;
  /** URL of the scratch database (the server URL with its path replaced). */
  readonly url: string;
  /** `url` with extra query parameters, e.g. `{ schema: 'app' }`. */
  urlWith(params: Record<string, string>): string;
  /** A raw pg client on the scratch database, for checks behind the driver's back. */
  client(): Promise<pg.Client>;
  drop(): Promise<void>;
}

/**
 * Creates a database with a random name; fails (never skips) when the server is missing.
 *
 * @example
 * ```ts
 * const db = await createTestDatabase('driver');
 * afterAll(() => db.drop());
 * ```
 */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `retort_test_${prefix}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(name, {});
  const clients: pg.Client[] = [];
  return {
    name,
    url,
    urlWith: (params) => databaseUrl(name, params),
    client: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      clients.push(client);
      return client;
    },
    drop: async () => {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

function databaseUrl(name: string, params: Record<string, string>): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  // Not searchParams.set: it writes spaces as '+', which libpq (and Retort) read literally.
  const extra = Object.entries(params).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  if (extra.length === 0) return url.toString();
  return `${url.toString()}${url.search === '' ? '?' : '&'}${extra.join('&')}`;
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL test server at ${TEST_SERVER_URL} is not reachable (${String(error)}); start it or set RETORT_TEST_PG_URL.`,
    );
  }
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

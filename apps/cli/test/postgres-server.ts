import { randomBytes } from 'node:crypto';
import { postgresDialect } from '@retort/dialect-postgres';

/** The server the tests use: RETORT_TEST_PG_URL, or the local trust-auth default. */
export const PG_SERVER_URL = process.env['RETORT_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs statements on the server's maintenance database (CREATE/DROP DATABASE). */
export async function adminExecute(sql: string): Promise<void> {
  const connection = await postgresDialect.connect({ url: PG_SERVER_URL });
  try {
    await connection.execute(sql);
  } finally {
    await connection.close();
  }
}

/** A scratch database for one test file; fails (never skips) when the server is missing. */
export async function createPgDatabase(prefix: string): Promise<{ url: (params?: Record<string, string>) => string; query: <T>(sql: string) => Promise<T[]>; drop: () => Promise<void> }> {
  const name = `retort_cli_${prefix}_${randomBytes(4).toString('hex')}`;
  await adminExecute(`CREATE DATABASE "${name}"`);
  const url = (params: Record<string, string> = {}) => {
    const base = new URL(PG_SERVER_URL);
    base.pathname = `/${name}`;
    const extra = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    return extra.length ? `${base.toString()}${base.search ? '&' : '?'}${extra.join('&')}` : base.toString();
  };
  return {
    url,
    query: async <T>(sql: string) => {
      const connection = await postgresDialect.connect({ url: url() });
      try {
        return await connection.query<T>(sql);
      } finally {
        await connection.close();
      }
    },
    drop: () => adminExecute(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

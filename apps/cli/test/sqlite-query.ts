import { sqliteDialect } from '@retort/dialect-sqlite';

/** Reads rows from a SQLite file through the dialect (a real database, no mocks). */
export async function sqliteRows<T = Record<string, unknown>>(file: string, sql: string): Promise<T[]> {
  const connection = await sqliteDialect.connect({ url: `sqlite:${file}` });
  try {
    return await connection.query<T>(sql);
  } finally {
    await connection.close();
  }
}

/** Names of the user tables in a SQLite file, sorted. */
export async function sqliteTables(file: string): Promise<string[]> {
  const rows = await sqliteRows<{ name: string }>(
    file,
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  return rows.map((row) => row.name);
}

/** Runs SQL against a SQLite file by hand, as a DBA would. */
export async function sqliteExec(file: string, sql: string): Promise<void> {
  const connection = await sqliteDialect.connect({ url: `sqlite:${file}` });
  try {
    await connection.execute(sql);
  } finally {
    await connection.close();
  }
}

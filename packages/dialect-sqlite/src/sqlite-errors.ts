import { RetortError, StatementError } from '@retort/core';

/**
 * The SQLite error code of an error thrown by better-sqlite3 (`'SQLITE_ERROR'`,
 * `'SQLITE_CONSTRAINT_UNIQUE'`, ...), or undefined for other errors.
 *
 * @example
 * ```ts
 * try { db.exec('SELEC 1'); } catch (e) { sqliteCodeOf(e); }   // 'SQLITE_ERROR'
 * ```
 */
export function sqliteCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * Wraps a failure of statement `statementIndex` of a script: the message is SQLite's own,
 * the code its `SQLITE_*` code.
 *
 * @example
 * ```ts
 * statementError(err, 2);   // StatementError('no such table: users', { statementIndex: 2, databaseCode: 'SQLITE_ERROR' })
 * ```
 */
export function statementError(error: unknown, statementIndex: number): StatementError {
  const databaseCode = sqliteCodeOf(error);
  return new StatementError(messageOf(error), {
    statementIndex,
    cause: error,
    ...(databaseCode === undefined ? {} : { databaseCode }),
  });
}

/**
 * Wraps a failure of a single query or of version-table upkeep as `E_DATABASE`, quoting the
 * start of the SQL; a busy database gets advice on `busy_timeout`.
 *
 * @example
 * ```ts
 * databaseError(err, 'SELECT * FROM nope', 'dev.db').message;
 * // "SQLite failed on 'SELECT * FROM nope' in 'dev.db': no such table: nope (SQLITE_ERROR); fix the statement or the database it expects."
 * ```
 */
export function databaseError(error: unknown, sql: string, displayName: string): RetortError {
  const databaseCode = sqliteCodeOf(error);
  const fix = databaseCode?.startsWith('SQLITE_BUSY')
    ? `wait for the other writer or raise busy_timeout (sqlite:${displayName}?busy_timeout=30000)`
    : 'fix the statement or the database it expects';
  return new RetortError(
    'E_DATABASE',
    `SQLite failed on '${excerpt(sql)}' in '${displayName}': ${messageOf(error)}${databaseCode === undefined ? '' : ` (${databaseCode})`}; ${fix}.`,
    { facts: { file: displayName, sql, databaseCode }, cause: error },
  );
}

/**
 * The message of an error. Checks the shape, not `instanceof Error`: better-sqlite3's
 * errors come from whichever realm loaded the addon first (jest runs files in separate ones).
 *
 * @example
 * ```ts
 * messageOf(new Error('no such table: t'));   // 'no such table: t'
 * ```
 */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

function excerpt(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

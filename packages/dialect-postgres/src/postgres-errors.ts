import { RetortError } from '@retort/core';
import type { PostgresUrl } from './postgres-url.js';

/**
 * The SQLSTATE of an error raised by the server (`'42P01'`, `'23505'`, ...), or undefined
 * for other errors (socket errors carry codes like `ECONNREFUSED`, which are not SQLSTATEs).
 *
 * @example
 * ```ts
 * sqlStateOf(Object.assign(new Error('x'), { code: '42601' }));   // '42601'
 * ```
 */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Hides the URL's password everywhere in an error and its causes (message, stack and string
 * fields such as `detail`), in place, and returns it. A server may echo what it was sent.
 *
 * @example
 * ```ts
 * scrubError(new Error('bad pw hunter2'), parsePostgresUrl('postgres://u:hunter2@h/db')).message;
 * // 'bad pw ***'
 * ```
 */
export function scrubError<E>(error: E, url: PostgresUrl): E {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const record = current as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(current)) {
      const value = record[key];
      if (typeof value === 'string') {
        const clean = scrubText(value, url);
        if (clean !== value) {
          try {
            record[key] = clean;
          } catch {
            // A read-only field: leave it; the RetortError built from it is scrubbed anyway.
          }
        }
      }
    }
    current = record.cause;
  }
  return error;
}

/**
 * Hides the URL's password (from the authority or `?password=`, plain or percent-encoded)
 * in a text.
 *
 * @example
 * ```ts
 * scrubText('pw=hunter2', parsePostgresUrl('postgres://u:hunter2@h/db'));   // 'pw=***'
 * ```
 */
export function scrubText(text: string, url: PostgresUrl): string {
  const password = url.password;
  if (password === undefined || password === '') return text;
  let out = text.split(password).join('***');
  const encoded = encodeURIComponent(password);
  if (encoded !== password) out = out.split(encoded).join('***');
  return out;
}

/**
 * Wraps a failure to open a connection as `E_CONNECTION`, with the redacted URL and a fix
 * chosen from the cause (credentials, missing database, unreachable server, SSL).
 *
 * @example
 * ```ts
 * connectionError(err, url).message;
 * // "Cannot connect to PostgreSQL at 'postgres://u:***@h:1/db': connect ECONNREFUSED 127.0.0.1:1; check the host and port, and that the server is running."
 * ```
 */
export function connectionError(error: unknown, url: PostgresUrl): RetortError {
  scrubError(error, url);
  const code = sqlStateOf(error);
  const reason = scrubText(messageOf(error), url);
  return new RetortError(
    'E_CONNECTION',
    `Cannot connect to PostgreSQL at '${url.redacted}': ${reason}${code === undefined ? '' : ` (SQLSTATE ${code})`}; ${connectionFix(error, code, url)}.`,
    { facts: { argument: url.redacted, databaseCode: code }, cause: error },
  );
}

function connectionFix(error: unknown, code: string | undefined, url: PostgresUrl): string {
  const message = messageOf(error);
  const system = (error as { code?: unknown } | null)?.code;
  if (code === '28P01' || code === '28000') return 'check the user and password in the URL';
  if (code === '3D000') return `create the database${url.database === undefined ? '' : ` '${url.database}'`} or fix its name in the URL`;
  if (code === '42501') return `grant the user CREATE on the database, or create the schema${url.schema === undefined ? '' : ` '${url.schema}'`} beforehand`;
  if (code === '57P03') return 'wait for the server to finish starting and retry';
  if (code === '53300') return 'close idle connections or raise max_connections on the server';
  if (message === 'The server does not support SSL connections') return 'use sslmode=prefer or sslmode=disable, or enable SSL on the server';
  if (/certificate|self[- ]signed|CERT_|altnames/i.test(message)) {
    return 'pass the server\'s CA with sslrootcert=/path/ca.pem, or use sslmode=require to encrypt without verifying';
  }
  if (system === 'ENOTFOUND' || system === 'EAI_AGAIN') return 'check the host name in the URL';
  return 'check the host and port, and that the server is running';
}

/**
 * Wraps a failure of a single query, of version-table upkeep or of COMMIT as `E_DATABASE`
 * (or `E_CONNECTION` when the connection was lost), quoting the start of the SQL.
 *
 * @example
 * ```ts
 * databaseError(err, 'SELECT * FROM nope', url).message;
 * // "PostgreSQL failed on 'SELECT * FROM nope' in 'postgres://h/db': relation \"nope\" does not exist (SQLSTATE 42P01); fix the statement or the database it expects."
 * ```
 */
export function databaseError(error: unknown, sql: string, url: PostgresUrl): RetortError {
  scrubError(error, url);
  const code = sqlStateOf(error);
  const reason = scrubText(messageOf(error), url);
  const cleanSql = scrubText(sql, url);
  const where = `'${excerpt(cleanSql)}' in '${url.redacted}'`;
  if (code === undefined && isConnectionLoss(reason)) {
    return new RetortError(
      'E_CONNECTION',
      `Lost the connection to PostgreSQL while running ${where}: ${reason}; check the server and retry.`,
      { facts: { argument: url.redacted, sql: cleanSql }, cause: error },
    );
  }
  return new RetortError(
    'E_DATABASE',
    `PostgreSQL failed on ${where}: ${reason}${code === undefined ? '' : ` (SQLSTATE ${code})`}; ${databaseFix(code)}.`,
    { facts: { argument: url.redacted, sql: cleanSql, databaseCode: code }, cause: error },
  );
}

function databaseFix(code: string | undefined): string {
  if (code === '40P01' || code === '40001') return 'retry: another transaction conflicted with this one';
  if (code === '55P03') return 'another session holds a conflicting lock; retry when it is idle or raise lock_timeout in the URL';
  if (code === '57014') return 'raise statement_timeout in the URL or make the statement faster';
  if (code === '25P02') return 'an earlier statement of this transaction failed; let its error propagate out of the transaction callback';
  return 'fix the statement or the database it expects';
}

/**
 * True for the messages node-postgres gives when the socket is gone.
 *
 * @example
 * ```ts
 * isConnectionLoss('Connection terminated unexpectedly');   // true
 * ```
 */
export function isConnectionLoss(message: string): boolean {
  return /Connection terminated|not queryable|Client was closed|ECONNRESET|EPIPE/i.test(message);
}

/**
 * The message of anything thrown.
 *
 * @example
 * ```ts
 * messageOf(new Error('boom'));   // 'boom'
 * ```
 */
export function messageOf(error: unknown): string {
  // Not `instanceof Error`: socket errors come from Node's own realm, which differs from
  // the caller's under vm-based test runners.
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

function excerpt(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

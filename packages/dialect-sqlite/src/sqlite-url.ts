import path from 'node:path';
import { RetortError } from '@retort/core';

/**
 * Where a SQLite URL points and how to open it.
 *
 * @example
 * ```ts
 * const location: SqliteLocation = parseSqliteUrl('sqlite:./dev.db', { cwd: '/app' });
 * location.displayName;   // 'dev.db'
 * ```
 */
export interface SqliteLocation {
  /** The path to open: absolute when a `cwd` was given or the URL was absolute; `':memory:'` for memory. */
  readonly filename: string;
  readonly memory: boolean;
  /** How messages name the database: the path relative to `cwd` when inside it, else `filename`. */
  readonly displayName: string;
  /** `mode=ro`: open read-only. */
  readonly readonly: boolean;
  /** `mode=ro` or `mode=rw`: fail instead of creating a missing file. */
  readonly fileMustExist: boolean;
  /** How long a statement waits for another process's write lock (`busy_timeout`, default 5000). */
  readonly busyTimeoutMs: number;
}

/**
 * Options for {@link parseSqliteUrl}.
 *
 * @example
 * ```ts
 * const options: ParseSqliteUrlOptions = { cwd: '/app' };
 * ```
 */
export interface ParseSqliteUrlOptions {
  /** Base directory for relative paths; without it they stay relative (to the process). */
  readonly cwd?: string | undefined;
}

/**
 * The busy timeout used when the URL sets none, in milliseconds.
 *
 * @example
 * ```ts
 * parseSqliteUrl('sqlite::memory:').busyTimeoutMs === DEFAULT_BUSY_TIMEOUT_MS;   // true
 * ```
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

const FORMS = 'sqlite:./dev.db, sqlite:/abs/path.db, sqlite:///abs/path.db, sqlite::memory: or file:./dev.db?mode=ro';
const MODES = ['ro', 'rw', 'rwc', 'memory'] as const;
type Mode = (typeof MODES)[number];

/**
 * Parses a SQLite database URL: `sqlite:./dev.db`, `sqlite:dev.db`, `sqlite:/abs/path.db`,
 * `sqlite:///abs/path.db`, `sqlite::memory:`, and the same with `file:`, optionally with
 * `?mode=ro|rw|rwc|memory` and `?busy_timeout=<ms>`. Percent escapes in the path are decoded.
 *
 * @example
 * ```ts
 * parseSqliteUrl('sqlite:./dev.db', { cwd: '/app' }).filename;   // '/app/dev.db'
 * parseSqliteUrl('file:///data/app.db?mode=ro').readonly;         // true
 * parseSqliteUrl('sqlite::memory:').memory;                      // true
 * ```
 */
export function parseSqliteUrl(url: string, options: ParseSqliteUrlOptions = {}): SqliteLocation {
  const match = /^(sqlite|file):(.*)$/is.exec(url);
  if (!match) fail(url, `Database URL '${url}' is not a SQLite URL; use ${FORMS}.`);
  const rest = match[2] ?? '';
  const queryAt = rest.indexOf('?');
  const rawPath = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const params = parseParams(url, queryAt === -1 ? '' : rest.slice(queryAt + 1));
  const filePath = pathOf(url, rawPath);
  const memory = filePath === ':memory:' || params.mode === 'memory';
  const busyTimeoutMs = params.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!memory && filePath === '') fail(url, `SQLite URL '${url}' names no database file; use ${FORMS}.`);
  if (memory) {
    return { filename: ':memory:', memory, displayName: ':memory:', readonly: false, fileMustExist: false, busyTimeoutMs };
  }
  const cwd = options.cwd;
  const filename = cwd === undefined ? path.normalize(filePath) : path.resolve(cwd, filePath);
  return {
    filename,
    memory,
    displayName: displayNameOf(filename, cwd),
    readonly: params.mode === 'ro',
    fileMustExist: params.mode === 'ro' || params.mode === 'rw',
    busyTimeoutMs,
  };
}

function pathOf(url: string, raw: string): string {
  let rawPath = raw;
  if (rawPath.startsWith('//')) {
    const slash = rawPath.indexOf('/', 2);
    const host = slash === -1 ? rawPath.slice(2) : rawPath.slice(2, slash);
    if (host !== '' && host.toLowerCase() !== 'localhost') {
      fail(url, `SQLite URL '${url}' has a host part '${host}'; use sqlite:./${host}${slash === -1 ? '' : rawPath.slice(slash)} for a relative path or sqlite:///abs/path.db for an absolute one.`);
    }
    rawPath = slash === -1 ? '' : rawPath.slice(slash);
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    fail(url, `SQLite URL '${url}' has a malformed percent escape in its path; write '%' as %25.`);
  }
  if (decoded.includes('\0')) fail(url, `SQLite URL '${url}' has a NUL character in its path; remove it.`);
  return decoded;
}

function parseParams(url: string, query: string): { mode?: Mode; busyTimeoutMs?: number } {
  const out: { mode?: Mode; busyTimeoutMs?: number } = {};
  if (query === '') return out;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    if (key === 'mode') {
      if (!(MODES as readonly string[]).includes(value)) {
        fail(url, `SQLite URL '${url}' has mode '${value}'; use mode=ro, mode=rw, mode=rwc or mode=memory.`);
      }
      out.mode = value as Mode;
    } else if (key === 'busy_timeout') {
      if (!/^\d{1,9}$/.test(value)) {
        fail(url, `SQLite URL '${url}' has busy_timeout '${value}'; use a whole number of milliseconds such as busy_timeout=5000.`);
      }
      out.busyTimeoutMs = Number(value);
    } else {
      fail(url, `SQLite URL '${url}' has unknown parameter '${key}'; the accepted parameters are mode (ro, rw, rwc, memory) and busy_timeout (milliseconds).`);
    }
  }
  return out;
}

function displayNameOf(filename: string, cwd: string | undefined): string {
  if (cwd === undefined) return filename;
  const relative = path.relative(cwd, filename);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return relative === '' || outside ? filename : relative;
}

function fail(url: string, message: string): never {
  throw new RetortError('E_USAGE', message, { facts: { argument: url } });
}

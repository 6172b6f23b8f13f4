import { RetortError, redactUrl } from '@retort/core';

/**
 * libpq's `sslmode` values, plus node-postgres's `no-verify` (encrypt, verify nothing).
 *
 * @example
 * ```ts
 * SSL_MODES.includes('verify-full');   // true
 * ```
 */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'] as const;

/** How a connection uses TLS; see {@link SSL_MODES}. */
export type SslMode = (typeof SSL_MODES)[number];

/** Where a PostgreSQL URL points and how to connect to it. */
export interface PostgresUrl {
  /** Host name, IP address, or a Unix-socket directory (starting with `/`); undefined: pg's default. */
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly database: string | undefined;
  readonly user: string | undefined;
  /** The password; not enumerable, so it stays out of `JSON.stringify` and `console.log`. */
  readonly password: string | undefined;
  /** `?schema=`: holds the version tables, comes first on `search_path`, created if missing. */
  readonly schema: string | undefined;
  readonly sslMode: SslMode;
  /** `sslrootcert`: CA file to verify the server with, or `system` for the system store. */
  readonly sslRootCert: string | undefined;
  readonly sslCert: string | undefined;
  readonly sslKey: string | undefined;
  /** `application_name`, default `retort`. */
  readonly applicationName: string;
  /** `connect_timeout` in milliseconds (the URL gives seconds); 0 waits forever. Default 10 s. */
  readonly connectTimeoutMs: number;
  /** `statement_timeout` / `lock_timeout` in milliseconds, sent as session settings. */
  readonly statementTimeoutMs: number | undefined;
  readonly lockTimeoutMs: number | undefined;
  /** libpq `options`, e.g. `-c work_mem=64MB`. */
  readonly options: string | undefined;
  /** The URL with its password hidden, for messages. */
  readonly redacted: string;
}

/**
 * The connect timeout used when the URL sets none, in seconds.
 *
 * @example
 * ```ts
 * parsePostgresUrl('postgres://h/db').connectTimeoutMs === DEFAULT_CONNECT_TIMEOUT_SECONDS * 1000;   // true
 * ```
 */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

const PARAMETERS = [
  'schema',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'application_name',
  'connect_timeout',
  'statement_timeout',
  'lock_timeout',
  'options',
  'host',
  'port',
  'user',
  'password',
  'dbname',
] as const;
type Parameter = (typeof PARAMETERS)[number];

const FORM = 'postgres://user:password@host:5432/database?schema=app';
// PostgreSQL truncates longer names (NAMEDATALEN - 1 bytes) with only a NOTICE.
const MAX_NAME_BYTES = 63;

/**
 * Parses a `postgres://` or `postgresql://` URL: user, password, host (a percent-encoded
 * `/socket/dir` too), port and database, with `?schema=`, `sslmode` (default `prefer`, as
 * in libpq), `sslrootcert`, `sslcert`, `sslkey`, `application_name` (default `retort`),
 * `connect_timeout` (seconds), `statement_timeout` and `lock_timeout` (milliseconds),
 * `options`, and libpq's `host`, `port`, `user`, `password`, `dbname` overrides. Throws
 * `E_USAGE` quoting the URL with its password hidden.
 *
 * @example
 * ```ts
 * const u = parsePostgresUrl('postgres://app:s3cret@db.internal:6432/shop?schema=billing&sslmode=require');
 * u.schema;    // 'billing'
 * u.redacted;  // 'postgres://app:***@db.internal:6432/shop?schema=billing&sslmode=require'
 * ```
 */
export function parsePostgresUrl(url: string): PostgresUrl {
  const redacted = redactUrl(url);
  const fail = (message: string): never => {
    throw new RetortError('E_USAGE', message, { facts: { argument: redacted } });
  };
  if (!/^postgres(ql)?:\/\//i.test(url)) fail(`Database URL '${redacted}' is not a PostgreSQL URL; use ${FORM}.`);
  const portInAuthority = /^[a-z]+:\/\/(?:[^/?#]*@)?(?:\[[^\]/?#]*\]|[^:/?#@]*):([^/?#@]*)(?:[/?#]|$)/i.exec(url)?.[1];
  if (portInAuthority !== undefined && portInAuthority !== '') {
    wholeNumber(portInAuthority, 'port', 1, 65_535, 'port 5432', redacted, fail);
  }
  let parsed: URL;
  try {
    // The parser's own error carries the raw input (password included), so it is dropped.
    parsed = new URL(url);
  } catch {
    return fail(`PostgreSQL URL '${redacted}' is malformed; use ${FORM}, percent-encoding special characters.`);
  }
  const decode = (value: string, what: string): string => {
    try {
      return decodeURIComponent(value);
    } catch {
      return fail(`PostgreSQL URL '${redacted}' has a malformed percent escape in its ${what}; write '%' as %25.`);
    }
  };
  const params = parseParameters(parsed.search, redacted, fail, decode);
  const path = decode(parsed.pathname.replace(/^\//, ''), 'database name');
  if (path.includes('/')) fail(`PostgreSQL URL '${redacted}' has path '/${path}'; name just the database, as in ${FORM}.`);
  const rawHost = decode(parsed.hostname, 'host');
  const host = params.host ?? (rawHost === '' ? undefined : rawHost.replace(/^\[(.*)\]$/, '$1'));
  if (host !== undefined && host.includes(',')) {
    fail(`PostgreSQL URL '${redacted}' lists several hosts '${host}'; Retort connects to one host, so name just one.`);
  }
  const portText = params.port ?? (parsed.port === '' ? undefined : parsed.port);
  const schema = params.schema;
  if (schema !== undefined) checkName(schema, redacted, fail);
  const sslMode = params.sslmode ?? 'prefer';
  if (!(SSL_MODES as readonly string[]).includes(sslMode)) {
    fail(`PostgreSQL URL '${redacted}' has sslmode '${sslMode}'; use one of ${SSL_MODES.join(', ')}.`);
  }
  const result = {
    host,
    port: portText === undefined ? undefined : wholeNumber(portText, 'port', 1, 65_535, 'port 5432', redacted, fail),
    database: params.dbname ?? (path === '' ? undefined : path),
    user: params.user ?? (parsed.username === '' ? undefined : decode(parsed.username, 'user name')),
    schema,
    sslMode: sslMode as SslMode,
    sslRootCert: params.sslrootcert,
    sslCert: params.sslcert,
    sslKey: params.sslkey,
    applicationName: params.application_name ?? 'retort',
    connectTimeoutMs:
      1000 *
      (params.connect_timeout === undefined
        ? DEFAULT_CONNECT_TIMEOUT_SECONDS
        : wholeNumber(params.connect_timeout, 'connect_timeout', 0, 86_400, 'connect_timeout=10 (seconds)', redacted, fail)),
    statementTimeoutMs: optionalMs(params.statement_timeout, 'statement_timeout', redacted, fail),
    lockTimeoutMs: optionalMs(params.lock_timeout, 'lock_timeout', redacted, fail),
    options: params.options,
    redacted,
  };
  const password = params.password ?? (parsed.password === '' ? undefined : decode(parsed.password, 'password'));
  Object.defineProperty(result, 'password', { value: password, enumerable: false });
  return Object.freeze(result) as PostgresUrl;
}

type Fail = (message: string) => never;

function parseParameters(
  search: string,
  redacted: string,
  fail: Fail,
  decode: (value: string, what: string) => string,
): Partial<Record<Parameter, string>> {
  const out: Partial<Record<Parameter, string>> = {};
  // Split by hand: URLSearchParams turns '+' into a space, which libpq does not.
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq), 'parameters');
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1), 'parameters');
    if (!(PARAMETERS as readonly string[]).includes(key)) {
      fail(`PostgreSQL URL '${redacted}' has unknown parameter '${key}'; the accepted parameters are ${PARAMETERS.join(', ')}.`);
    }
    out[key as Parameter] = value;
  }
  return out;
}

function checkName(schema: string, redacted: string, fail: Fail): void {
  if (schema === '') fail(`PostgreSQL URL '${redacted}' has an empty schema; name one, as in ?schema=app, or leave it out.`);
  if (schema.includes('\0')) fail(`PostgreSQL URL '${redacted}' has a NUL character in its schema; remove it.`);
  if (Buffer.byteLength(schema, 'utf8') > MAX_NAME_BYTES) {
    fail(`PostgreSQL URL '${redacted}' has schema '${schema}', longer than PostgreSQL's ${MAX_NAME_BYTES} bytes; shorten it.`);
  }
}

function wholeNumber(
  text: string,
  name: string,
  min: number,
  max: number,
  example: string,
  redacted: string,
  fail: Fail,
): number {
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    fail(`PostgreSQL URL '${redacted}' has ${name} '${text}'; use a whole number from ${min} to ${max}, such as ${example}.`);
  }
  return value;
}

function optionalMs(text: string | undefined, name: string, redacted: string, fail: Fail): number | undefined {
  if (text === undefined) return undefined;
  return wholeNumber(text, name, 0, 2_147_483_647, `${name}=30000 (milliseconds)`, redacted, fail);
}

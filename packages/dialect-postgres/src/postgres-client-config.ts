import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import type { ClientConfig } from 'pg';
import { RetortError } from '@retort/core';
import type { PostgresUrl } from './postgres-url.js';

/** One way to open the connection; `sslmode=allow` tries two in turn. */
export interface ClientAttempt {
  readonly config: ClientConfig;
  /** True when a failure of this attempt should fall through to the next one. */
  readonly fallThrough: (error: unknown) => boolean;
  /**
   * `sslmode=prefer`, done as libpq does it: `config.ssl` is false and the connection first
   * asks the server for TLS on its own socket, upgrading with these options when the server
   * agrees and going on in plain text on that same socket when it declines (see
   * `negotiateSsl`), instead of a second connection.
   */
  readonly preferSsl?: ConnectionOptions;
}

/**
 * The node-postgres client configurations to try, in order, for a parsed URL. `prefer`
 * asks for TLS (unverified, as libpq does) and stays in plain text on the same connection
 * when the server has SSL off; `allow` tries plain and falls back to TLS when `pg_hba.conf`
 * demands it. Certificate
 * files are read relative to `cwd`; `verify-ca` and `verify-full` without `sslrootcert` use
 * the system's CA store. Unreadable files throw `E_USAGE`.
 *
 * @example
 * ```ts
 * const [first] = await clientAttempts(parsePostgresUrl('postgres://h/db?sslmode=disable'));
 * first.config.ssl;   // false
 * ```
 */
export async function clientAttempts(url: PostgresUrl, cwd?: string): Promise<ClientAttempt[]> {
  const base: ClientConfig = {
    host: url.host,
    port: url.port,
    database: url.database,
    user: url.user,
    application_name: url.applicationName,
    connectionTimeoutMillis: url.connectTimeoutMs,
    statement_timeout: url.statementTimeoutMs,
    lock_timeout: url.lockTimeoutMs,
    options: url.options,
    // Long migrations (CREATE INDEX CONCURRENTLY) can be silent for minutes behind NATs.
    keepAlive: true,
  };
  const clientCert = await clientCertificate(url, cwd);
  const noVerify: ConnectionOptions = { rejectUnauthorized: false, ...clientCert };
  const attempt = (ssl: false | ConnectionOptions, fallThrough: ClientAttempt['fallThrough']): ClientAttempt => {
    const config: ClientConfig = { ...base, ssl };
    // pg reads it all the same; not enumerable keeps it out of logs and inspection.
    Object.defineProperty(config, 'password', { value: url.password, enumerable: false });
    return { config, fallThrough };
  };
  const plain = (fallThrough: ClientAttempt['fallThrough'] = never): ClientAttempt => attempt(false, fallThrough);
  const tls = (ssl: ConnectionOptions, fallThrough: ClientAttempt['fallThrough'] = never): ClientAttempt =>
    attempt(ssl, fallThrough);
  switch (url.sslMode) {
    case 'disable':
      return [plain()];
    case 'allow':
      return [plain(isEncryptionRequired), tls(noVerify)];
    case 'prefer':
      return [{ ...plain(), preferSsl: noVerify }];
    case 'no-verify':
      return [tls(noVerify)];
    case 'require':
      // libpq: with a root certificate, require verifies the chain like verify-ca.
      return [tls(url.sslRootCert === undefined ? noVerify : await verifyCa(url, cwd, clientCert))];
    case 'verify-ca':
      return [tls(await verifyCa(url, cwd, clientCert))];
    case 'verify-full':
      return [tls({ ...(await rootCa(url, cwd)), rejectUnauthorized: true, ...clientCert })];
  }
}

const never = (): boolean => false;

// pg_hba.conf's "no pg_hba.conf entry ... no encryption" comes as invalid_authorization_specification.
function isEncryptionRequired(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '28000';
}

async function verifyCa(url: PostgresUrl, cwd: string | undefined, clientCert: ConnectionOptions): Promise<ConnectionOptions> {
  // Verify the chain, not the host name: that is what verify-ca means.
  return { ...(await rootCa(url, cwd)), rejectUnauthorized: true, checkServerIdentity: () => undefined, ...clientCert };
}

async function rootCa(url: PostgresUrl, cwd: string | undefined): Promise<ConnectionOptions> {
  if (url.sslRootCert === undefined || url.sslRootCert === 'system') return {};
  return { ca: await readSslFile(url, 'sslrootcert', url.sslRootCert, cwd) };
}

async function clientCertificate(url: PostgresUrl, cwd: string | undefined): Promise<ConnectionOptions> {
  const out: { cert?: string; key?: string } = {};
  if (url.sslCert !== undefined) out.cert = await readSslFile(url, 'sslcert', url.sslCert, cwd);
  if (url.sslKey !== undefined) out.key = await readSslFile(url, 'sslkey', url.sslKey, cwd);
  return out;
}

async function readSslFile(url: PostgresUrl, parameter: string, file: string, cwd: string | undefined): Promise<string> {
  const resolved = cwd === undefined ? file : path.resolve(cwd, file);
  try {
    return await readFile(resolved, 'utf8');
  } catch (error) {
    const reason = (error as { code?: unknown }).code ?? String(error);
    throw new RetortError(
      'E_USAGE',
      `Cannot read ${parameter} '${resolved}' named by '${url.redacted}' (${String(reason)}); fix the path in the URL.`,
      { facts: { argument: url.redacted, file: resolved } },
    );
  }
}

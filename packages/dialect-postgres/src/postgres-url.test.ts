import { inspect } from 'node:util';
import { RetortError } from '@retort/core';
import { parsePostgresUrl } from './postgres-url.js';

function usageError(url: string): RetortError {
  try {
    parsePostgresUrl(url);
  } catch (error) {
    if (error instanceof RetortError) return error;
    throw error;
  }
  throw new Error(`expected '${url}' to be rejected`);
}

describe('parsePostgresUrl', () => {
  it('reads every part of a full URL', () => {
    const u = parsePostgresUrl(
      'postgresql://app:s3cr%40t@db.internal:6432/shop?schema=billing&sslmode=verify-full&sslrootcert=ca.pem' +
        '&application_name=deploy&connect_timeout=3&lock_timeout=5000&statement_timeout=60000&options=-c%20work_mem%3D64MB',
    );
    expect({ ...u }).toEqual({
      host: 'db.internal',
      port: 6432,
      database: 'shop',
      user: 'app',
      schema: 'billing',
      sslMode: 'verify-full',
      sslRootCert: 'ca.pem',
      sslCert: undefined,
      sslKey: undefined,
      applicationName: 'deploy',
      connectTimeoutMs: 3000,
      statementTimeoutMs: 60000,
      lockTimeoutMs: 5000,
      options: '-c work_mem=64MB',
      redacted:
        'postgresql://app:***@db.internal:6432/shop?schema=billing&sslmode=verify-full&sslrootcert=ca.pem' +
        '&application_name=deploy&connect_timeout=3&lock_timeout=5000&statement_timeout=60000&options=-c%20work_mem%3D64MB',
    });
    expect(u.password).toBe('s3cr@t');
  });

  it('fills in the defaults: prefer SSL, application retort, 10 s connect timeout', () => {
    expect({ ...parsePostgresUrl('postgres://localhost/app') }).toEqual({
      host: 'localhost',
      port: undefined,
      database: 'app',
      user: undefined,
      schema: undefined,
      sslMode: 'prefer',
      sslRootCert: undefined,
      sslCert: undefined,
      sslKey: undefined,
      applicationName: 'retort',
      connectTimeoutMs: 10000,
      statementTimeoutMs: undefined,
      lockTimeoutMs: undefined,
      options: undefined,
      redacted: 'postgres://localhost/app',
    });
  });

  it('keeps the password out of JSON and inspection', () => {
    const u = parsePostgresUrl('postgres://app:hunter2@h/db');
    expect(JSON.stringify(u)).not.toContain('hunter2');
    expect(inspect(u)).not.toContain('hunter2');
    expect(u.password).toBe('hunter2');
  });

  it('reads a percent-encoded socket directory, an IPv6 address and an empty host', () => {
    expect(parsePostgresUrl('postgres://%2Fvar%2Frun%2Fpostgresql/db').host).toBe('/var/run/postgresql');
    expect(parsePostgresUrl('postgres://[::1]:5433/db')).toMatchObject({ host: '::1', port: 5433 });
    expect(parsePostgresUrl('postgres:///db')).toMatchObject({ host: undefined, database: 'db' });
  });

  it('lets libpq-style parameters override the authority', () => {
    const u = parsePostgresUrl('postgres://a:b@h:1/x?host=/tmp&port=5439&user=c&password=d&dbname=y');
    expect(u).toMatchObject({ host: '/tmp', port: 5439, user: 'c', database: 'y' });
    expect(u.password).toBe('d');
    expect(u.redacted).toBe('postgres://a:***@h:1/x?host=/tmp&port=5439&user=c&password=***&dbname=y');
  });

  it("keeps '+' in parameters, as libpq does", () => {
    expect(parsePostgresUrl('postgres://h/db?application_name=a+b').applicationName).toBe('a+b');
  });

  it('rejects a URL of another scheme', () => {
    const error = usageError('mysql://root:pw@h/db');
    expect(error.code).toBe('E_USAGE');
    expect(error.message).toBe(
      "Database URL 'mysql://root:***@h/db' is not a PostgreSQL URL; use postgres://user:password@host:5432/database?schema=app.",
    );
    expect(error.facts).toEqual({ argument: 'mysql://root:***@h/db' });
  });

  it('rejects unknown parameters, naming the accepted ones', () => {
    expect(usageError('postgres://u:pw@h/db?shema=app').message).toBe(
      "PostgreSQL URL 'postgres://u:***@h/db?shema=app' has unknown parameter 'shema'; the accepted parameters are " +
        'schema, sslmode, sslrootcert, sslcert, sslkey, application_name, connect_timeout, statement_timeout, ' +
        'lock_timeout, options, host, port, user, password, dbname.',
    );
  });

  it('rejects a bad sslmode', () => {
    expect(usageError('postgres://h/db?sslmode=on').message).toBe(
      "PostgreSQL URL 'postgres://h/db?sslmode=on' has sslmode 'on'; use one of disable, allow, prefer, require, verify-ca, verify-full, no-verify.",
    );
  });

  it('rejects a bad port and a bad connect_timeout', () => {
    expect(usageError('postgres://u:pw@h:99999/db').message).toBe(
      "PostgreSQL URL 'postgres://u:***@h:99999/db' has port '99999'; use a whole number from 1 to 65535, such as port 5432.",
    );
    expect(usageError('postgres://h:abc/db').message).toBe(
      "PostgreSQL URL 'postgres://h:abc/db' has port 'abc'; use a whole number from 1 to 65535, such as port 5432.",
    );
    expect(usageError('postgres://h/db?connect_timeout=1.5').message).toBe(
      "PostgreSQL URL 'postgres://h/db?connect_timeout=1.5' has connect_timeout '1.5'; use a whole number from 0 to 86400, such as connect_timeout=10 (seconds).",
    );
  });

  it('rejects an empty or over-long schema', () => {
    expect(usageError('postgres://h/db?schema=').message).toBe(
      "PostgreSQL URL 'postgres://h/db?schema=' has an empty schema; name one, as in ?schema=app, or leave it out.",
    );
    const long = 'x'.repeat(64);
    expect(usageError(`postgres://h/db?schema=${long}`).message).toBe(
      `PostgreSQL URL 'postgres://h/db?schema=${long}' has schema '${long}', longer than PostgreSQL's 63 bytes; shorten it.`,
    );
  });

  it('rejects several hosts, a nested path and a malformed escape', () => {
    expect(usageError('postgres://a,b/db').message).toBe(
      "PostgreSQL URL 'postgres://a,b/db' lists several hosts 'a,b'; Retort connects to one host, so name just one.",
    );
    expect(usageError('postgres://h/db/extra').message).toBe(
      "PostgreSQL URL 'postgres://h/db/extra' has path '/db/extra'; name just the database, as in postgres://user:password@host:5432/database?schema=app.",
    );
    expect(usageError('postgres://h/d%zzb').message).toBe(
      "PostgreSQL URL 'postgres://h/d%zzb' has a malformed percent escape in its database name; write '%' as %25.",
    );
  });

  it('never puts the password in a message, encoded or not', () => {
    for (const url of ['postgres://u:p%25w0rd@h:0/db', 'postgres://u:p%25w0rd@h/db?bogus=1', 'postgres://u:p%25w0rd@h/db?password=zz&x=1']) {
      const error = usageError(url);
      expect(error.message).not.toMatch(/p%25w0rd|p%w0rd|zz/);
      expect(JSON.stringify(error.toJSON())).not.toMatch(/p%25w0rd|p%w0rd|zz/);
    }
  });
});

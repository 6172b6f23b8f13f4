import { RetortError } from '@retort/core';
import { parseSqliteUrl } from './sqlite-url.js';

function usageError(url: string, cwd?: string): RetortError {
  try {
    parseSqliteUrl(url, { cwd });
  } catch (error) {
    if (error instanceof RetortError) return error;
    throw error;
  }
  throw new Error(`expected '${url}' to be rejected`);
}

const file = (filename: string, displayName: string) => ({
  filename,
  memory: false,
  displayName,
  readonly: false,
  fileMustExist: false,
  busyTimeoutMs: 5000,
});

describe('parseSqliteUrl', () => {
  it('resolves relative paths against cwd and names them relative to it', () => {
    expect(parseSqliteUrl('sqlite:./dev.db', { cwd: '/app' })).toEqual(file('/app/dev.db', 'dev.db'));
    expect(parseSqliteUrl('sqlite:dev.db', { cwd: '/app' })).toEqual(file('/app/dev.db', 'dev.db'));
    expect(parseSqliteUrl('sqlite:data/dev.db', { cwd: '/app' })).toEqual(file('/app/data/dev.db', 'data/dev.db'));
    expect(parseSqliteUrl('sqlite:../dev.db', { cwd: '/app/sub' })).toEqual(file('/app/dev.db', '/app/dev.db'));
  });

  it('keeps relative paths relative when no cwd is given', () => {
    expect(parseSqliteUrl('sqlite:./dev.db')).toEqual(file('dev.db', 'dev.db'));
  });

  it('accepts absolute paths in the one-slash and three-slash forms', () => {
    expect(parseSqliteUrl('sqlite:/abs/path.db', { cwd: '/app' })).toEqual(file('/abs/path.db', '/abs/path.db'));
    expect(parseSqliteUrl('sqlite:///abs/path.db', { cwd: '/app' })).toEqual(file('/abs/path.db', '/abs/path.db'));
    expect(parseSqliteUrl('sqlite://localhost/abs/path.db')).toEqual(file('/abs/path.db', '/abs/path.db'));
    expect(parseSqliteUrl('file:///app/x.db', { cwd: '/app' })).toEqual(file('/app/x.db', 'x.db'));
    expect(parseSqliteUrl('FILE:/abs/x.db')).toEqual(file('/abs/x.db', '/abs/x.db'));
  });

  it('decodes percent escapes in the path', () => {
    expect(parseSqliteUrl('file:///data/my%20app.db').filename).toBe('/data/my app.db');
  });

  it('recognises memory databases', () => {
    const memory = { filename: ':memory:', memory: true, displayName: ':memory:', readonly: false, fileMustExist: false, busyTimeoutMs: 5000 };
    expect(parseSqliteUrl('sqlite::memory:')).toEqual(memory);
    expect(parseSqliteUrl('file::memory:')).toEqual(memory);
    expect(parseSqliteUrl('file:scratch?mode=memory')).toEqual(memory);
  });

  it('reads mode and busy_timeout parameters', () => {
    expect(parseSqliteUrl('file:./dev.db?mode=ro&busy_timeout=250', { cwd: '/app' })).toEqual({
      ...file('/app/dev.db', 'dev.db'),
      readonly: true,
      fileMustExist: true,
      busyTimeoutMs: 250,
    });
    expect(parseSqliteUrl('sqlite:/x.db?mode=rw')).toMatchObject({ readonly: false, fileMustExist: true });
    expect(parseSqliteUrl('sqlite:/x.db?mode=rwc')).toMatchObject({ readonly: false, fileMustExist: false });
  });

  it.each([
    ['postgres://u@h/db', "Database URL 'postgres://u@h/db' is not a SQLite URL; use sqlite:./dev.db, sqlite:/abs/path.db, sqlite:///abs/path.db, sqlite::memory: or file:./dev.db?mode=ro."],
    ['./dev.db', "Database URL './dev.db' is not a SQLite URL; use sqlite:./dev.db, sqlite:/abs/path.db, sqlite:///abs/path.db, sqlite::memory: or file:./dev.db?mode=ro."],
    ['sqlite:', "SQLite URL 'sqlite:' names no database file; use sqlite:./dev.db, sqlite:/abs/path.db, sqlite:///abs/path.db, sqlite::memory: or file:./dev.db?mode=ro."],
    ['sqlite://', "SQLite URL 'sqlite://' names no database file; use sqlite:./dev.db, sqlite:/abs/path.db, sqlite:///abs/path.db, sqlite::memory: or file:./dev.db?mode=ro."],
    ['sqlite://dev.db', "SQLite URL 'sqlite://dev.db' has a host part 'dev.db'; use sqlite:./dev.db for a relative path or sqlite:///abs/path.db for an absolute one."],
    ['sqlite://srv/data/x.db', "SQLite URL 'sqlite://srv/data/x.db' has a host part 'srv'; use sqlite:./srv/data/x.db for a relative path or sqlite:///abs/path.db for an absolute one."],
    ['sqlite:./100%.db', "SQLite URL 'sqlite:./100%.db' has a malformed percent escape in its path; write '%' as %25."],
    ['sqlite:./a.db?mode=wr', "SQLite URL 'sqlite:./a.db?mode=wr' has mode 'wr'; use mode=ro, mode=rw, mode=rwc or mode=memory."],
    ['sqlite:./a.db?busy_timeout=soon', "SQLite URL 'sqlite:./a.db?busy_timeout=soon' has busy_timeout 'soon'; use a whole number of milliseconds such as busy_timeout=5000."],
    ['file:./a.db?cache=shared', "SQLite URL 'file:./a.db?cache=shared' has unknown parameter 'cache'; the accepted parameters are mode (ro, rw, rwc, memory) and busy_timeout (milliseconds)."],
  ])('rejects %s with E_USAGE', (url, message) => {
    const error = usageError(url, '/app');
    expect(error.code).toBe('E_USAGE');
    expect(error.message).toBe(message);
    expect(error.facts).toEqual({ argument: url });
  });
});

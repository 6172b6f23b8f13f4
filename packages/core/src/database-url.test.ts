import { dialectOfUrl, redactSecrets, redactUrl } from './database-url.js';

describe('database URLs', () => {
  test('dialectOfUrl picks the dialect from the scheme', () => {
    expect(dialectOfUrl('sqlite:./dev.db')).toBe('sqlite');
    expect(dialectOfUrl('sqlite::memory:')).toBe('sqlite');
    expect(dialectOfUrl('postgresql://a@b/c')).toBe('postgres');
    expect(() => dialectOfUrl('mysql://root:pw@h/db')).toThrow(
      "Database URL 'mysql://root:***@h/db' has no known scheme; use sqlite:./dev.db, sqlite::memory: or postgres://user@host:5432/db.",
    );
  });

  test('redactUrl hides passwords in userinfo and parameters', () => {
    expect(redactUrl('postgres://app:s3cr%40t@db:5432/x?schema=a')).toBe('postgres://app:***@db:5432/x?schema=a');
    expect(redactUrl('postgres://db/x?user=a&password=hunter2&ssl=1')).toBe('postgres://db/x?user=a&password=***&ssl=1');
    expect(redactUrl('postgres://app@db/x')).toBe('postgres://app@db/x');
  });

  test('redactSecrets removes the password wherever it appears', () => {
    const url = 'postgres://app:s3cr%40t@db/x';
    expect(redactSecrets(`failed ${url}: auth for s3cr@t and s3cr%40t`, [url])).toBe(
      'failed postgres://app:***@db/x: auth for *** and ***',
    );
  });
});

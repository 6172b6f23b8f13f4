import { RetortError } from './errors.js';

/**
 * Which dialect a database URL names, and the URL with any password hidden.
 *
 * @example
 * ```ts
 * dialectOfUrl('sqlite:./dev.db');                 // 'sqlite'
 * dialectOfUrl('postgres://u:pw@localhost/app');   // 'postgres'
 * redactUrl('postgres://u:pw@localhost/app');      // 'postgres://u:***@localhost/app'
 * ```
 */
export function dialectOfUrl(url: string): 'sqlite' | 'postgres' {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'sqlite' || scheme === 'file') return 'sqlite';
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  throw new RetortError(
    'E_USAGE',
    `Database URL '${redactUrl(url)}' has no known scheme; use sqlite:./dev.db, sqlite::memory: or postgres://user@host:5432/db.`,
    { facts: { argument: redactUrl(url) } },
  );
}

/** The same URL with the password (and any `password=` parameter) replaced by `***`. */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:?#]*):([^@/?#]*)@/i, (_m, user: string) => `${user}:***@`)
    .replace(/([?&](?:password|sslpassword)=)[^&#]*/gi, '$1***');
}

/** Replaces every occurrence of `url` (and of its password) in `text` by the redacted URL. */
export function redactSecrets(text: string, urls: readonly string[]): string {
  let out = text;
  for (const url of urls) {
    if (!url) continue;
    out = out.split(url).join(redactUrl(url));
    const password = /^[a-z][a-z0-9+.-]*:\/\/[^/@:?#]*:([^@/?#]+)@/i.exec(url)?.[1];
    if (password) {
      out = out.split(password).join('***');
      const decoded = safeDecode(password);
      if (decoded !== password) out = out.split(decoded).join('***');
    }
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

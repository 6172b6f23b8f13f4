import { createRequire } from 'node:module';

// node:crypto costs ~8 ms to load and its first hash ~7 ms more of OpenSSL set-up; most
// commands (`heads`, `history`, `current`) never hash, so it is loaded on first use.
const nodeRequire = createRequire(import.meta.url);
let crypto: typeof import('node:crypto') | undefined;

/**
 * The SHA-256 of a text (UTF-8) as 64 hex digits.
 *
 * @example
 * ```ts
 * sha256Hex(''); // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 * ```
 */
export function sha256Hex(text: string): string {
  crypto ??= nodeRequire('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * {@link sha256Hex} of the empty text, without loading node:crypto.
 *
 * @example
 * ```ts
 * const checksum = text === '' ? EMPTY_SHA256 : sha256Hex(text);
 * ```
 */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

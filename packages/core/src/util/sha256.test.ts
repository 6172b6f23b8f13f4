import { createHash } from 'node:crypto';
import { EMPTY_SHA256, sha256Hex } from './sha256.js';

test('sha256Hex is node:crypto SHA-256 in hex, and EMPTY_SHA256 that of the empty text', () => {
  for (const text of ['', 'CREATE TABLE t (id integer);\n', 'é ✓ 𝄞']) {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
  }
  expect(EMPTY_SHA256).toBe(createHash('sha256').update('').digest('hex'));
});

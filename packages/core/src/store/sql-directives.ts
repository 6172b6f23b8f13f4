import { RetortError } from '../errors.js';

/** Directives a SQL file may declare in its leading comments. */
export interface SqlDirectives {
  /** `-- retort:no-transaction`: run outside a transaction, statement by statement. */
  readonly noTransaction: boolean;
}

const KNOWN = ['no-transaction'] as const;

/**
 * Reads `-- retort:<directive>` lines from the leading comment block of a SQL file.
 * Unknown directives are errors naming the file and line (a typo must not silently turn
 * a CREATE INDEX CONCURRENTLY file transactional).
 *
 * @example
 * ```ts
 * parseSqlDirectives('-- retort:no-transaction\nCREATE INDEX CONCURRENTLY ...', 'up.sql');
 * // { noTransaction: true }
 * ```
 */
export function parseSqlDirectives(text: string, file: string): SqlDirectives {
  let noTransaction = false;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    if (!line.startsWith('--')) break;
    const match = /^--\s*retort:\s*([A-Za-z-]*)\s*$/.exec(line);
    if (!match) continue;
    const name = match[1] ?? '';
    if (name === 'no-transaction') {
      noTransaction = true;
      continue;
    }
    throw new RetortError(
      'E_INVALID_FILE',
      `${file}:${index + 1}: unknown directive 'retort:${name}'; the known directives are ${KNOWN.map((k) => `-- retort:${k}`).join(', ')}.`,
      { facts: { file, line: index + 1, argument: name } },
    );
  }
  return { noTransaction };
}

import { RetortError } from '../errors.js';

/** Directives a SQL file may declare in its leading comments. */
export interface SqlDirectives {
  /** `-- retort:no-transaction`: run outside a transaction, statement by statement. */
  readonly noTransaction: boolean;
  /** `-- retort:reviewed DATA_LOSS, TABLE_REWRITE`: hazards a reviewer accepted (lint skips them). */
  readonly reviewed: readonly string[];
}

const KNOWN = ['no-transaction', 'reviewed <HAZARD_CODE>[, ...]'] as const;

/**
 * Reads `-- retort:<directive>` lines from the leading comment block of a SQL file.
 * Unknown directives are errors naming the file and line (a typo must not silently turn
 * a CREATE INDEX CONCURRENTLY file transactional).
 *
 * @example
 * ```ts
 * parseSqlDirectives('-- retort:no-transaction\nCREATE INDEX CONCURRENTLY ...', 'up.sql');
 * // { noTransaction: true, reviewed: [] }
 * ```
 */
export function parseSqlDirectives(text: string, file: string): SqlDirectives {
  let noTransaction = false;
  const reviewed: string[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    if (!line.startsWith('--')) break;
    const match = /^--\s*retort:\s*([A-Za-z-]*)\s*(.*)$/.exec(line);
    if (!match) continue;
    const name = match[1] ?? '';
    const rest = (match[2] ?? '').trim();
    if (name === 'no-transaction' && rest === '') {
      noTransaction = true;
      continue;
    }
    if (name === 'reviewed') {
      const codes = rest.split(/[\s,]+/).filter(Boolean);
      if (codes.length === 0 || codes.some((code) => !/^[A-Z_]+$/.test(code))) {
        throw new RetortError(
          'E_INVALID_FILE',
          `${file}:${index + 1}: 'retort:reviewed' needs hazard codes such as DATA_LOSS, got '${rest}'; write -- retort:reviewed DATA_LOSS, TABLE_REWRITE.`,
          { facts: { file, line: index + 1, argument: rest } },
        );
      }
      reviewed.push(...codes);
      continue;
    }
    throw new RetortError(
      'E_INVALID_FILE',
      `${file}:${index + 1}: unknown directive 'retort:${name}${rest ? ` ${rest}` : ''}'; the known directives are ${KNOWN.map((k) => `-- retort:${k}`).join(', ')}.`,
      { facts: { file, line: index + 1, argument: name } },
    );
  }
  return { noTransaction, reviewed };
}

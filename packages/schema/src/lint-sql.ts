import type { HazardCode } from './hazard.js';
import { isName, isWord, tokenizeSql, type SqlToken } from './sql-tokens.js';

/** A hazard found in a SQL file. */
export interface LintFinding {
  readonly code: HazardCode;
  readonly message: string;
  /** 1-based line in the file. */
  readonly line: number;
  /** `comment`: declared in a `-- hazard` comment (autogenerate wrote it); `sql`: found in a statement. */
  readonly source: 'comment' | 'sql';
}

/** A statement of the file, as the dialect's splitter returns it. */
export interface LintStatement {
  readonly sql: string;
  readonly line: number;
}

const HAZARD_COMMENT = /^--\s*hazard\s+([A-Z_]+):\s*(.*)$/i;

/**
 * Hazards of a hand-written or generated SQL file: the `-- hazard CODE: ...` comments
 * autogenerate wrote, plus what the statements themselves do — dropped tables and columns,
 * deleted rows, NOT NULL columns added without a default, type changes that rewrite a
 * Postgres table, and Postgres indexes built on existing tables without CONCURRENTLY.
 * A code already declared in a comment is not reported again from the statements.
 *
 * @example
 * ```ts
 * lintSql('ALTER TABLE users DROP COLUMN bio;', [{ sql: 'ALTER TABLE users DROP COLUMN bio', line: 1 }], 'postgres');
 * // [{ code: 'DATA_LOSS', message: "Drops column 'users.bio' and the data in it.", line: 1, source: 'sql' }]
 * ```
 */
export function lintSql(text: string, statements: readonly LintStatement[], dialect: string): LintFinding[] {
  const findings: LintFinding[] = [];
  text.split('\n').forEach((raw, index) => {
    const match = HAZARD_COMMENT.exec(raw.trim());
    if (match) findings.push({ code: match[1]!.toUpperCase() as HazardCode, message: match[2]!.trim(), line: index + 1, source: 'comment' });
  });
  const declared = new Set(findings.map((f) => f.code));
  const created = new Set<string>();
  const dropped = new Map<string, LintFinding>();
  for (const statement of statements) {
    const tokens = tokenizeSql(statement.sql);
    // A table dropped and then re-created under the same name (SQLite's rebuild: copy into a
    // new table, drop the old, rename the new) keeps its rows: no data loss.
    const renamedTo = renameTarget(tokens);
    const recreated = renamedTo ?? createdTable(tokens);
    if (recreated !== undefined && dropped.has(recreated)) {
      findings.splice(findings.indexOf(dropped.get(recreated)!), 1);
      dropped.delete(recreated);
    }
    for (const finding of lintStatement(tokens, dialect, created)) {
      if (declared.has(finding.code)) continue;
      const { table, ...rest } = finding;
      const entry: LintFinding = { ...rest, line: statement.line, source: 'sql' };
      findings.push(entry);
      if (table !== undefined) dropped.set(table, entry);
    }
  }
  return findings;
}

function renameTarget(tokens: readonly SqlToken[]): string | undefined {
  const n = tokens.length;
  if (!isWord(tokens[0], 'ALTER') || !isWord(tokens[1], 'TABLE')) return undefined;
  if (isWord(tokens[n - 3], 'RENAME') && isWord(tokens[n - 2], 'TO') && isName(tokens[n - 1])) return tokens[n - 1]!.value;
  return undefined;
}

function createdTable(tokens: readonly SqlToken[]): string | undefined {
  if (!isWord(tokens[0], 'CREATE')) return undefined;
  const at = tokens.findIndex((t) => isWord(t, 'TABLE'));
  if (at < 0 || at > 2) return undefined;
  let i = at + 1;
  while (['IF', 'NOT', 'EXISTS'].some((w) => isWord(tokens[i], w))) i += 1;
  let name = tokens[i]?.value;
  while (tokens[i + 1]?.text === '.' && isName(tokens[i + 2])) {
    name = tokens[i + 2]!.value;
    i += 2;
  }
  return name;
}

type Found = Omit<LintFinding, 'line' | 'source'> & { readonly table?: string };

function lintStatement(tokens: readonly SqlToken[], dialect: string, created: Set<string>): Found[] {
  const words = (at: number, ...expected: string[]) => expected.every((word, k) => isWord(tokens[at + k], word));
  let i = 0;
  const skip = (...optional: string[]) => {
    while (optional.some((word) => isWord(tokens[i], word))) i += 1;
  };
  const name = () => {
    let value = tokens[i]?.value ?? '?';
    i += 1;
    while (tokens[i]?.text === '.' && isName(tokens[i + 1])) {
      value = tokens[i + 1]!.value;
      i += 2;
    }
    return value;
  };

  if (words(0, 'CREATE', 'TABLE') || words(0, 'CREATE', 'UNLOGGED', 'TABLE') || words(0, 'CREATE', 'TEMP', 'TABLE')) {
    i = isWord(tokens[1], 'TABLE') ? 2 : 3;
    skip('IF', 'NOT', 'EXISTS');
    created.add(name());
    return [];
  }
  if (words(0, 'DROP', 'TABLE')) {
    i = 2;
    skip('IF', 'EXISTS');
    const table = name();
    // A table the same script created (a rebuild's temporary check table) holds no user data.
    if (created.has(table)) return [];
    return [{ code: 'DATA_LOSS', message: `Drops table '${table}' and its rows.`, table }];
  }
  if (words(0, 'TRUNCATE') || words(0, 'DELETE', 'FROM')) {
    i = isWord(tokens[0], 'DELETE') ? 2 : 1;
    skip('TABLE', 'ONLY');
    const table = name();
    return [{ code: 'DATA_LOSS', message: `${isWord(tokens[0], 'DELETE') ? 'Deletes rows from' : 'Empties'} table '${table}'.` }];
  }
  if (words(0, 'CREATE', 'INDEX') || words(0, 'CREATE', 'UNIQUE', 'INDEX')) {
    if (dialect !== 'postgres') return [];
    i = isWord(tokens[1], 'UNIQUE') ? 3 : 2;
    if (isWord(tokens[i], 'CONCURRENTLY')) return [];
    const on = tokens.findIndex((t) => isWord(t, 'ON'));
    if (on < 0) return [];
    i = on + 1;
    skip('ONLY');
    const table = name();
    if (created.has(table)) return [];
    return [{ code: 'INDEX_NOT_CONCURRENT', message: `Builds an index on '${table}' without CONCURRENTLY: writes to it wait until the build ends.` }];
  }
  if (!words(0, 'ALTER', 'TABLE')) return [];
  i = 2;
  skip('IF', 'EXISTS', 'ONLY');
  const table = name();
  const found: Found[] = [];
  for (const action of splitActions(tokens.slice(i))) {
    if (isWord(action[0], 'DROP') && !['CONSTRAINT', 'DEFAULT'].some((w) => isWord(action[1], w))) {
      let k = isWord(action[1], 'COLUMN') ? 2 : 1;
      if (isWord(action[k], 'IF')) k += 2;
      found.push({ code: 'DATA_LOSS', message: `Drops column '${table}.${action[k]?.value ?? '?'}' and the data in it.` });
    } else if (isWord(action[0], 'ADD') && !['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK'].some((w) => isWord(action[1], w))) {
      const k = isWord(action[1], 'COLUMN') ? 2 : 1;
      const upper = action.map((t) => (t.kind === 'word' ? t.value.toUpperCase() : ''));
      const notNull = upper.some((w, n) => w === 'NOT' && upper[n + 1] === 'NULL');
      if (notNull && !upper.includes('DEFAULT') && !upper.includes('GENERATED')) {
        found.push({ code: 'NOT_NULL_WITHOUT_DEFAULT', message: `Adds NOT NULL column '${table}.${action[k]?.value ?? '?'}' without a default: fails if the table has rows.` });
      }
    } else if (isWord(action[0], 'ALTER') && dialect === 'postgres') {
      const k = isWord(action[1], 'COLUMN') ? 2 : 1;
      const rest = action.slice(k + 1);
      if (isWord(rest[0], 'TYPE') || (isWord(rest[0], 'SET') && isWord(rest[1], 'DATA'))) {
        found.push({ code: 'TABLE_REWRITE', message: `Changes the type of '${table}.${action[k]?.value ?? '?'}': Postgres may rewrite the table under an exclusive lock and values may not fit.` });
      }
    }
  }
  return found;
}

// ALTER TABLE actions are separated by top-level commas.
function splitActions(tokens: readonly SqlToken[]): SqlToken[][] {
  const out: SqlToken[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'lparen') depth += 1;
    if (token.kind === 'rparen') depth -= 1;
    if (token.kind === 'comma' && depth === 0) out.push([]);
    else out[out.length - 1]!.push(token);
  }
  return out.filter((action) => action.length > 0);
}

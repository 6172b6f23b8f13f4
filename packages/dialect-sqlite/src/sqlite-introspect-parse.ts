import type { Deferrable, ReferentialAction, SqlToken } from '@retort/schema';
import { canonicalExpression, closingParen, isName, isWord, splitTopLevel, tokenizeSql } from '@retort/schema';

/**
 * What the pragmas do not tell about a table, read from its stored CREATE TABLE text:
 * constraint names, CHECKs, collations, generated expressions, AUTOINCREMENT, DEFERRABLE.
 */
export interface ParsedTable {
  readonly name: string;
  readonly columns: readonly ParsedColumn[];
  readonly primaryKey?: { readonly name?: string; readonly columns: readonly string[] };
  readonly uniques: readonly { readonly name?: string; readonly columns: readonly string[] }[];
  readonly checks: readonly { readonly name?: string; readonly expression: string }[];
  readonly foreignKeys: readonly ParsedForeignKey[];
  readonly withoutRowid: boolean;
  readonly strict: boolean;
}

/** A column definition's parts the pragmas do not report. */
export interface ParsedColumn {
  readonly name: string;
  readonly collation?: string;
  readonly generated?: { readonly expression: string; readonly stored: boolean };
  readonly autoincrement: boolean;
}

/** A foreign key as written. `refColumns` is empty when the text names none. */
export interface ParsedForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
  readonly deferrable?: Deferrable;
}

const COLUMN_CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Parses a stored `CREATE TABLE` statement (as `sqlite_schema.sql` holds it).
 *
 * @example
 * ```ts
 * parseCreateTable('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, CONSTRAINT ck CHECK (id > 0))');
 * // { name: 't', columns: [{ name: 'id', autoincrement: true }], checks: [{ name: 'ck', expression: 'id > 0' }], ... }
 * ```
 */
export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenizeSql(sql);
  const open = tokens.findIndex((t) => t.kind === 'lparen');
  const close = closingParen(tokens, open);
  const nameTokens = tokens.slice(0, open).filter(isName);
  const name = nameTokens[nameTokens.length - 1]?.value ?? '';
  const table: Mutable<ParsedTable> & {
    columns: ParsedColumn[];
    uniques: { name?: string; columns: string[] }[];
    checks: { name?: string; expression: string }[];
    foreignKeys: ParsedForeignKey[];
  } = { name, columns: [], uniques: [], checks: [], foreignKeys: [], withoutRowid: false, strict: false };
  for (const def of splitTopLevel(tokens.slice(open + 1, close))) {
    if (def.length === 0) continue;
    const first = (def[0] as SqlToken).value.toUpperCase();
    const isConstraint = def[0]?.kind === 'word' && ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'].includes(first);
    if (isConstraint) parseTableConstraint(def, table);
    else table.columns.push(parseColumn(def, table));
  }
  const tail = tokens.slice(close + 1);
  table.withoutRowid = tail.some((t, i) => isWord(t, 'WITHOUT') && isWord(tail[i + 1], 'ROWID'));
  table.strict = tail.some((t) => isWord(t, 'STRICT'));
  return table;
}

function parseColumn(def: SqlToken[], table: { uniques: { name?: string; columns: string[] }[]; checks: { name?: string; expression: string }[]; foreignKeys: ParsedForeignKey[]; primaryKey?: { name?: string; columns: readonly string[] } }): ParsedColumn {
  const name = (def[0] as SqlToken).value;
  const column: Mutable<ParsedColumn> = { name, autoincrement: false };
  let i = 1;
  while (i < def.length && !(def[i]?.kind === 'word' && COLUMN_CONSTRAINT_START.has((def[i] as SqlToken).value.toUpperCase()))) {
    i = def[i]?.kind === 'lparen' ? closingParen(def, i) + 1 : i + 1;
  }
  let constraintName: string | undefined;
  const named = (): { name?: string } => (constraintName === undefined ? {} : { name: constraintName });
  while (i < def.length) {
    const t = def[i] as SqlToken;
    const word = t.kind === 'word' ? t.value.toUpperCase() : '';
    if (word === 'CONSTRAINT') {
      constraintName = def[i + 1]?.value;
      i += 2;
      continue;
    }
    if (word === 'PRIMARY') {
      table.primaryKey = { ...named(), columns: [name] };
      i += 2;
      while (i < def.length && !startsConstraint(def[i])) {
        if (isWord(def[i], 'AUTOINCREMENT')) column.autoincrement = true;
        i++;
      }
    } else if (word === 'UNIQUE') {
      table.uniques.push({ ...named(), columns: [name] });
      i = skipConflict(def, i + 1);
    } else if (word === 'CHECK') {
      const end = closingParen(def, i + 1);
      table.checks.push({ ...named(), expression: exprText(def.slice(i + 2, end)) });
      i = end + 1;
    } else if (word === 'DEFAULT') {
      i = def[i + 1]?.kind === 'lparen' ? closingParen(def, i + 1) + 1 : skipSigned(def, i + 1);
    } else if (word === 'COLLATE') {
      column.collation = (def[i + 1] as SqlToken).value;
      i += 2;
    } else if (word === 'REFERENCES') {
      const parsed = parseReferences(def, i, [name]);
      table.foreignKeys.push({ ...named(), ...parsed.fk });
      i = parsed.end;
    } else if (word === 'GENERATED' || word === 'AS') {
      const open = def.findIndex((tok, k) => k > i && tok.kind === 'lparen');
      const end = closingParen(def, open);
      const stored = isWord(def[end + 1], 'STORED');
      column.generated = { expression: exprText(def.slice(open + 1, end)), stored };
      i = isWord(def[end + 1], 'STORED') || isWord(def[end + 1], 'VIRTUAL') ? end + 2 : end + 1;
    } else {
      i++; // NOT NULL, NULL, conflict clauses
      continue;
    }
    constraintName = undefined;
  }
  return column;
}

function parseTableConstraint(def: SqlToken[], table: { uniques: { name?: string; columns: string[] }[]; checks: { name?: string; expression: string }[]; foreignKeys: ParsedForeignKey[]; primaryKey?: { name?: string; columns: readonly string[] } }): void {
  let i = 0;
  let name: string | undefined;
  if (isWord(def[0], 'CONSTRAINT')) {
    name = def[1]?.value;
    i = 2;
  }
  const named = name === undefined ? {} : { name };
  const word = (def[i] as SqlToken).value.toUpperCase();
  if (word === 'PRIMARY' || word === 'UNIQUE') {
    const open = def.findIndex((t, k) => k > i && t.kind === 'lparen');
    const columns = keyColumns(def.slice(open + 1, closingParen(def, open)));
    if (word === 'PRIMARY') table.primaryKey = { ...named, columns };
    else table.uniques.push({ ...named, columns });
  } else if (word === 'CHECK') {
    table.checks.push({ ...named, expression: exprText(def.slice(i + 2, closingParen(def, i + 1))) });
  } else if (word === 'FOREIGN') {
    const open = i + 2;
    const end = closingParen(def, open);
    const columns = keyColumns(def.slice(open + 1, end));
    table.foreignKeys.push({ ...named, ...parseReferences(def, end + 1, columns).fk });
  }
}

function parseReferences(def: SqlToken[], at: number, columns: string[]): { fk: ParsedForeignKey; end: number } {
  let i = at + 1;
  const refTable = (def[i] as SqlToken).value;
  i++;
  let refColumns: string[] = [];
  if (def[i]?.kind === 'lparen') {
    const end = closingParen(def, i);
    refColumns = keyColumns(def.slice(i + 1, end));
    i = end + 1;
  }
  let onDelete: ReferentialAction = 'NO ACTION';
  let onUpdate: ReferentialAction = 'NO ACTION';
  let deferrable: Deferrable | undefined;
  for (;;) {
    if (isWord(def[i], 'ON')) {
      const which = (def[i + 1] as SqlToken).value.toUpperCase();
      const a = (def[i + 2] as SqlToken).value.toUpperCase();
      const two = a === 'SET' || a === 'NO';
      const action = (two ? `${a} ${(def[i + 3] as SqlToken).value.toUpperCase()}` : a) as ReferentialAction;
      if (which === 'DELETE') onDelete = action;
      else onUpdate = action;
      i += two ? 4 : 3;
    } else if (isWord(def[i], 'MATCH')) {
      i += 2;
    } else if (isWord(def[i], 'NOT') && isWord(def[i + 1], 'DEFERRABLE')) {
      i += 2;
      if (isWord(def[i], 'INITIALLY')) i += 2;
    } else if (isWord(def[i], 'DEFERRABLE')) {
      deferrable = 'immediate';
      i++;
      if (isWord(def[i], 'INITIALLY')) {
        if (isWord(def[i + 1], 'DEFERRED')) deferrable = 'deferred';
        i += 2;
      }
    } else {
      break;
    }
  }
  const fk: ParsedForeignKey = { columns, refTable, refColumns, onDelete, onUpdate, ...(deferrable ? { deferrable } : {}) };
  return { fk, end: i };
}

/** Column names of an indexed-column list (`a COLLATE x DESC, b`). */
function keyColumns(tokens: SqlToken[]): string[] {
  return splitTopLevel(tokens).map((part) => (part[0] as SqlToken).value);
}

function startsConstraint(t: SqlToken | undefined): boolean {
  return t !== undefined && t.kind === 'word' && COLUMN_CONSTRAINT_START.has(t.value.toUpperCase()) && !['NOT', 'NULL'].includes(t.value.toUpperCase());
}

function skipConflict(def: SqlToken[], i: number): number {
  return isWord(def[i], 'ON') && isWord(def[i + 1], 'CONFLICT') ? i + 3 : i;
}

function skipSigned(def: SqlToken[], i: number): number {
  return def[i]?.kind === 'op' && (def[i]?.text === '-' || def[i]?.text === '+') ? i + 2 : i + 1;
}

/** Canonical text of an expression given as tokens of the original statement. */
function exprText(tokens: readonly SqlToken[]): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first && last ? canonicalExpression(sqlOf(tokens)) : '';
}

function sqlOf(tokens: readonly SqlToken[]): string {
  return tokens.map((t) => t.text).join(' ');
}

/**
 * A parsed `CREATE INDEX`: the text of each key (expression, COLLATE, ASC/DESC) and the
 * WHERE predicate.
 *
 * @example
 * ```ts
 * parseCreateIndex('CREATE INDEX i ON t (lower(name) DESC) WHERE x > 0');
 * // { keys: [{ expression: 'lower(name)', descending: true }], where: 'x > 0' }
 * ```
 */
export function parseCreateIndex(sql: string): {
  keys: { expression: string; name?: string; descending: boolean; collation?: string }[];
  where?: string;
} {
  const tokens = tokenizeSql(sql);
  const on = tokens.findIndex((t) => isWord(t, 'ON'));
  const open = tokens.findIndex((t, k) => k > on && t.kind === 'lparen');
  const close = closingParen(tokens, open);
  const keys = splitTopLevel(tokens.slice(open + 1, close)).map((part) => {
    let end = part.length;
    let descending = false;
    let collation: string | undefined;
    if (isWord(part[end - 1], 'DESC') || isWord(part[end - 1], 'ASC')) {
      descending = isWord(part[end - 1], 'DESC');
      end--;
    }
    if (isWord(part[end - 2], 'COLLATE')) {
      collation = (part[end - 1] as SqlToken).value;
      end -= 2;
    }
    const expr = part.slice(0, end);
    const single = expr.length === 1 && isName(expr[0]) ? (expr[0] as SqlToken).value : undefined;
    return {
      expression: canonicalExpression(sqlOf(expr)),
      ...(single === undefined ? {} : { name: single }),
      descending,
      ...(collation === undefined ? {} : { collation }),
    };
  });
  const where = tokens.findIndex((t, k) => k > close && isWord(t, 'WHERE'));
  return where < 0 ? { keys } : { keys, where: canonicalExpression(sqlOf(tokens.slice(where + 1))) };
}

/**
 * A parsed `CREATE VIEW`: optional column names and the query after `AS`, as written.
 *
 * @example
 * ```ts
 * parseCreateView('CREATE VIEW v (a) AS SELECT 1'); // { columns: ['a'], definition: 'SELECT 1' }
 * ```
 */
export function parseCreateView(sql: string): { columns?: string[]; definition: string } {
  const tokens = tokenizeSql(sql);
  const as = tokens.findIndex((t) => isWord(t, 'AS'));
  const head = tokens.slice(0, as);
  const open = head.findIndex((t) => t.kind === 'lparen');
  const definition = sql.slice((tokens[as] as SqlToken).end).trim();
  if (open < 0) return { definition };
  return { columns: splitTopLevel(head.slice(open + 1, closingParen(head, open))).map((p) => (p[0] as SqlToken).value), definition };
}

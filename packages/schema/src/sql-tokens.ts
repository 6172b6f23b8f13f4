/**
 * A small SQL tokenizer shared by the dialects: enough to canonicalize expressions, find
 * the identifiers a view or expression mentions, and parse stored CREATE statements.
 */

/** What a token is. `word` is a bare identifier or keyword; `ident` a quoted identifier. */
export type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma' | 'semicolon' | 'param';

/**
 * One token. For `ident`, `value` is the unquoted name; for the others it is the text.
 *
 * @example
 * ```ts
 * const t: SqlToken = { kind: 'ident', text: '[AlbumId]', value: 'AlbumId', start: 0, end: 9 };
 * ```
 */
export interface SqlToken {
  readonly kind: TokenKind;
  readonly text: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const OPERATORS = ['||', '<<', '>>', '<=', '>=', '==', '!=', '<>', '::', '->>', '->', '~~*', '!~~', '~*', '!~'];

/**
 * Splits SQL into tokens, dropping whitespace and comments. Understands '' strings (with
 * '' escapes, E'' and X'' prefixes), "", [] and `` identifiers, numbers, and dollar quotes.
 *
 * @example
 * ```ts
 * tokenizeSql("lower(\"Email\") = 'a'").map((t) => t.value); // ['lower', '(', 'Email', ')', '=', "'a'"]
 * ```
 */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end });
  };
  // Character codes, not regular expressions: introspection tokenizes every stored
  // statement of a schema (hundreds of tables) on each run.
  while (i < n) {
    const code = sql.charCodeAt(i);
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (code === 32 || code === 10 || code === 9 || code === 13 || code === 12) {
      i++;
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === "'" || (next === "'" && (c === 'E' || c === 'e' || c === 'X' || c === 'x' || c === 'B' || c === 'b'))) {
      const start = i;
      i = skipQuoted(sql, c === "'" ? i : i + 1, "'");
      push('string', start, i);
    } else if (c === '"' || c === '`') {
      const start = i;
      i = skipQuoted(sql, i, c);
      const inner = sql.slice(start + 1, i - 1);
      push('ident', start, i, inner.includes(c) ? inner.split(c + c).join(c) : inner);
    } else if (c === '[') {
      const close = sql.indexOf(']', i);
      const end = close < 0 ? n : close + 1;
      push('ident', i, end, sql.slice(i + 1, end - 1));
      i = end;
    } else if (c === '$' && next !== undefined && isWordStart(next.charCodeAt(0), true) && dollarTag(sql, i) !== undefined) {
      const tag = dollarTag(sql, i) as string;
      const close = sql.indexOf(tag, i + tag.length);
      const end = close < 0 ? n : close + tag.length;
      push('string', i, end);
      i = end;
    } else if (isDigit(code) || (c === '.' && next !== undefined && isDigit(next.charCodeAt(0)))) {
      const m = /^(?:0x[0-9a-f]+|\d*\.?\d+(?:e[+-]?\d+)?|\d+\.)/i.exec(sql.slice(i, i + 64)) as RegExpExecArray;
      push('number', i, i + m[0].length);
      i += m[0].length;
    } else if (isWordStart(code, false)) {
      const start = i;
      i++;
      while (i < n && isWordPart(sql.charCodeAt(i))) i++;
      push('word', start, i);
    } else if (c === '(' || c === ')' || c === ',' || c === ';') {
      push(c === '(' ? 'lparen' : c === ')' ? 'rparen' : c === ',' ? 'comma' : 'semicolon', i, i + 1);
      i++;
    } else if ((c === '?' || c === ':' || c === '@' || c === '$') && next !== undefined && isWordPart(next.charCodeAt(0))) {
      const start = i++;
      while (i < n && isWordPart(sql.charCodeAt(i)) && sql[i] !== '$') i++;
      push('param', start, i);
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i)) ?? c;
      push('op', i, i + op.length);
      i += op.length;
    }
  }
  return tokens;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isWordStart(code: number, dollar: boolean): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128 || (dollar && code === 36);
}

function isWordPart(code: number): boolean {
  return isWordStart(code, true) || isDigit(code);
}

function skipQuoted(sql: string, open: number, quote: string): number {
  let i = open + 1;
  for (;;) {
    const close = sql.indexOf(quote, i);
    if (close < 0) return sql.length;
    if (sql[close + 1] === quote) i = close + 2;
    else return close + 1;
  }
}

function dollarTag(sql: string, at: number): string | undefined {
  return /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(at, at + 64))?.[0];
}

/** True when the token is the bare word `word` (case-insensitive). */
export function isWord(token: SqlToken | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'word' && token.value.toUpperCase() === word;
}

/** True for tokens that name something: bare words and quoted identifiers. */
export function isName(token: SqlToken | undefined): token is SqlToken {
  return token !== undefined && (token.kind === 'word' || token.kind === 'ident');
}

/**
 * The index of the `)` matching the `(` at `open`, or -1.
 *
 * @example
 * ```ts
 * closingParen(tokenizeSql('(a, (b))'), 0); // 6
 * ```
 */
export function closingParen(tokens: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const kind = (tokens[i] as SqlToken).kind;
    if (kind === 'lparen') depth++;
    else if (kind === 'rparen' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Splits tokens at top-level commas.
 *
 * @example
 * ```ts
 * splitTopLevel(tokenizeSql('a, f(b, c)')).length; // 2
 * ```
 */
export function splitTopLevel(tokens: readonly SqlToken[]): SqlToken[][] {
  const parts: SqlToken[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'lparen') depth++;
    else if (t.kind === 'rparen') depth--;
    if (t.kind === 'comma' && depth === 0) parts.push([]);
    else (parts[parts.length - 1] as SqlToken[]).push(t);
  }
  return parts;
}

/**
 * What a PostgreSQL token is: a bare word (folded to lower case in `value`), a quoted
 * identifier, a string constant (decoded in `value`; `prefix` says E, B or X), a number, an
 * operator, punctuation, or a `$1` parameter.
 *
 * @example
 * ```ts
 * const kind: PgTokenKind = 'ident';
 * ```
 */
export type PgTokenKind = 'word' | 'ident' | 'string' | 'number' | 'op' | 'punct' | 'param';

/**
 * One token of PostgreSQL SQL.
 *
 * @example
 * ```ts
 * const t: PgToken = { kind: 'string', text: "E'a\\\\b'", value: 'a\\b', prefix: 'E', start: 0, end: 7 };
 * ```
 */
export interface PgToken {
  readonly kind: PgTokenKind;
  /** The token as written. */
  readonly text: string;
  /** Words: lower-cased; identifiers: unquoted; strings: decoded; others: the text. */
  readonly value: string;
  /** For strings: `'E'`, `'B'`, `'X'`, `'N'` or `''`. */
  readonly prefix?: string;
  /** Offset of the first character and of the one after the last. */
  readonly start: number;
  readonly end: number;
  /** True when whitespace or a comment precedes the token. */
  readonly spaced: boolean;
}

const OP_CHARS = new Set('+-*/<>=~!@#%^&|`?'.split(''));
const OP_SPECIAL = /[~!@#%^&|`?]/;

/**
 * Splits PostgreSQL SQL into tokens the way the server's scanner does (scan.l): bare words
 * fold to lower case, `"..."` keeps case, `'...'`, `E'...'`, `B'...'`, `X'...'` and `$tag$...$tag$`
 * are strings, operators are the longest run of operator characters (a trailing `+` or `-`
 * is split off unless the run holds one of `~!@#%^&|\`?`), and comments are skipped.
 * Throws a plain `Error` on unterminated quotes or comments.
 *
 * @example
 * ```ts
 * lexPostgres("a>=-1").map((t) => t.text); // ['a', '>=', '-', '1']
 * ```
 */
export function lexPostgres(sql: string): PgToken[] {
  const tokens: PgToken[] = [];
  const n = sql.length;
  let i = 0;
  let spaced = false;
  const push = (kind: PgTokenKind, start: number, end: number, value?: string, prefix?: string): void => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, ...(prefix === undefined ? {} : { prefix }), start, end, spaced });
    spaced = false;
  };
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      spaced = true;
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
      spaced = true;
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i);
      spaced = true;
    } else if (c === "'") {
      const [end, value] = readString(sql, i, false);
      push('string', i, end, value, '');
      i = end;
    } else if ((c === 'E' || c === 'e' || c === 'B' || c === 'b' || c === 'X' || c === 'x' || c === 'N' || c === 'n') && next === "'") {
      const [end, value] = readString(sql, i + 1, c === 'E' || c === 'e');
      push('string', i, end, value, c.toUpperCase());
      i = end;
    } else if (c === '"') {
      const [end, value] = readQuoted(sql, i, '"');
      if (value === '') throw new Error('zero-length delimited identifier');
      push('ident', i, end, value);
      i = end;
    } else if (c === '$' && next !== undefined && /[0-9]/.test(next)) {
      const start = i++;
      while (i < n && /[0-9]/.test(sql[i] as string)) i++;
      push('param', start, i);
    } else if (c === '$') {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 128))?.[0];
      if (tag === undefined) throw new Error(`unexpected '$' at ${i}`);
      const close = sql.indexOf(tag, i + tag.length);
      if (close < 0) throw new Error('unterminated dollar-quoted string');
      push('string', i, close + tag.length, sql.slice(i + tag.length, close), '');
      i = close + tag.length;
    } else if (isDigit(c) || (c === '.' && next !== undefined && isDigit(next))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(sql.slice(i, i + 256)) as RegExpExecArray;
      push('number', i, i + m[0].length);
      i += m[0].length;
    } else if (isWordStart(c)) {
      const start = i++;
      while (i < n && isWordPart(sql[i] as string)) i++;
      const text = sql.slice(start, i);
      push('word', start, i, text.replace(/[A-Z]+/g, (s) => s.toLowerCase()));
    } else if (c === ':' && next === ':') {
      push('op', i, i + 2);
      i += 2;
    } else if (c === ':' && next === '=') {
      push('op', i, i + 2);
      i += 2;
    } else if ('()[],;.:'.includes(c)) {
      push('punct', i, i + 1);
      i++;
    } else if (OP_CHARS.has(c)) {
      const end = operatorEnd(sql, i);
      push('op', i, end);
      i = end;
    } else {
      throw new Error(`unexpected character '${c}' at ${i}`);
    }
  }
  return tokens;
}

function operatorEnd(sql: string, start: number): number {
  let end = start;
  while (end < sql.length && OP_CHARS.has(sql[end] as string)) {
    // A comment start ends the operator.
    if ((sql[end] === '-' && sql[end + 1] === '-') || (sql[end] === '/' && sql[end + 1] === '*')) break;
    end++;
  }
  if (end === start) end = start + 1;
  let text = sql.slice(start, end);
  if (text.length > 1 && !OP_SPECIAL.test(text)) {
    while (text.length > 1 && (text.endsWith('+') || text.endsWith('-'))) text = text.slice(0, -1);
  }
  return start + text.length;
}

function skipBlockComment(sql: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  throw new Error('unterminated /* comment');
}

/** Reads `'...'` starting at the quote; with `escapes`, backslash sequences are decoded (E''). */
function readString(sql: string, open: number, escapes: boolean): [number, string] {
  let out = '';
  let i = open + 1;
  for (;;) {
    if (i >= sql.length) throw new Error('unterminated quoted string');
    const c = sql[i] as string;
    if (c === "'") {
      if (sql[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      return [i + 1, out];
    }
    if (escapes && c === '\\') {
      const [len, decoded] = decodeEscape(sql, i);
      out += decoded;
      i += len;
      continue;
    }
    out += c;
    i++;
  }
}

function decodeEscape(sql: string, at: number): [number, string] {
  const c = sql[at + 1] ?? '';
  const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  if (simple[c] !== undefined) return [2, simple[c] as string];
  const octal = /^[0-7]{1,3}/.exec(sql.slice(at + 1, at + 4));
  if (octal) return [1 + octal[0].length, String.fromCharCode(parseInt(octal[0], 8))];
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(sql.slice(at + 1, at + 4));
  if (hex) return [1 + hex[0].length, String.fromCharCode(parseInt(hex[1] as string, 16))];
  const uni = /^(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(sql.slice(at + 1, at + 10));
  if (uni) return [1 + uni[0].length, String.fromCodePoint(parseInt((uni[1] ?? uni[2]) as string, 16))];
  return [2, c];
}

function readQuoted(sql: string, open: number, quote: string): [number, string] {
  let out = '';
  let i = open + 1;
  for (;;) {
    const close = sql.indexOf(quote, i);
    if (close < 0) throw new Error('unterminated quoted identifier');
    out += sql.slice(i, close);
    if (sql[close + 1] === quote) {
      out += quote;
      i = close + 2;
    } else {
      return [close + 1, out];
    }
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isWordStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c.charCodeAt(0) >= 128;
}

function isWordPart(c: string): boolean {
  return isWordStart(c) || isDigit(c) || c === '$';
}

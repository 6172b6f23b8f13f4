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

// One sticky regular expression: the regex engine compiles it to native code, which keeps
// a cold process (a CLI run introspecting hundreds of tables) fast. Groups, in order:
// 1 string (with E/X/B prefix), 2 "ident", 3 `ident`, 4 [ident], 5 dollar quote (6 = tag),
// 7 number, 8 word, 9 punctuation, 10 parameter, 11 operator. Whitespace and comments match
// no group.
const TOKEN =
  /\s+|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|([EeXxBb]?'(?:[^']|'')*'?)|("(?:[^"]|"")*"?)|(`(?:[^`]|``)*`?)|(\[[^\]]*\]?)|(\$([A-Za-z_][A-Za-z0-9_]*)?\$[\s\S]*?(?:\$\6\$|$))|(0x[0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?|\d+\.)|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)|([(),;])|([?:@$][0-9A-Za-z_]+)|(->>|\|\||<<|>>|<=|>=|==|!=|<>|::|->|~~\*|!~~|~\*|!~|[\s\S])/y;

const PUNCTUATION: Record<string, TokenKind> = { '(': 'lparen', ')': 'rparen', ',': 'comma', ';': 'semicolon' };

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
  const re = TOKEN;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (re.lastIndex < sql.length && (m = re.exec(sql)) !== null) {
    const text = m[0];
    const start = m.index;
    const end = start + text.length;
    let kind: TokenKind;
    let value = text;
    if (m[8] !== undefined) kind = 'word';
    else if (m[9] !== undefined) kind = PUNCTUATION[text] as TokenKind;
    else if (m[1] !== undefined || m[5] !== undefined) kind = 'string';
    else if (m[2] !== undefined) {
      kind = 'ident';
      value = unquote(text, '"');
    } else if (m[3] !== undefined) {
      kind = 'ident';
      value = unquote(text, '`');
    } else if (m[4] !== undefined) {
      kind = 'ident';
      value = text.slice(1, text.endsWith(']') ? -1 : undefined);
    } else if (m[7] !== undefined) kind = 'number';
    else if (m[10] !== undefined) kind = 'param';
    else if (m[11] !== undefined) kind = 'op';
    else continue;
    tokens.push({ kind, text, value, start, end });
  }
  return tokens;
}

function unquote(text: string, quote: string): string {
  const inner = text.slice(1, text.length > 1 && text.endsWith(quote) ? -1 : undefined);
  return inner.includes(quote) ? inner.split(quote + quote).join(quote) : inner;
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

import type { SqlStatement } from '@retort/core';
import { countLineBreaks } from './postgres-text-position.js';

/**
 * Splits a PostgreSQL SQL file into statements the way `psql` and the server do: a `;`
 * ends a statement unless it is inside `'...'` (with `''`), `E'...'` (with backslash
 * escapes), `"..."`, a `$$` or `$tag$` dollar quote, a `--` or nested `/* *\/` comment,
 * parentheses (`CREATE RULE ... (a; b)`), or the `BEGIN ATOMIC ... END` body of
 * `CREATE [OR REPLACE] FUNCTION|PROCEDURE`. Each statement starts at its first real
 * character (comments and blanks before it are skipped) and ends after its last token, so
 * trailing comments are dropped; empty statements are dropped. Assumes
 * `standard_conforming_strings = on` (the default since PostgreSQL 9.1).
 *
 * @example
 * ```ts
 * splitStatements("-- add\nCREATE TABLE a (id int);\nINSERT INTO a VALUES (1);");
 * // [{ sql: 'CREATE TABLE a (id int)', offset: 7, line: 2 },
 * //  { sql: 'INSERT INTO a VALUES (1)', offset: 32, line: 3 }]
 * ```
 */
export function splitStatements(text: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  const state = freshState();
  let i = 0;
  let line = 1;
  let lineCountedTo = 0;
  const flush = (): void => {
    if (state.start >= 0) {
      line += countLineBreaks(text, lineCountedTo, state.start);
      lineCountedTo = state.start;
      statements.push({ sql: text.slice(state.start, state.end), offset: state.start, line });
    }
    Object.assign(state, freshState());
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === DASH && text.charCodeAt(i + 1) === DASH) {
      i = endOfLineComment(text, i);
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      i = endOfBlockComment(text, i);
    } else if (c === SEMICOLON && state.parenDepth === 0 && state.beginDepth === 0) {
      flush();
      i++;
    } else {
      if (state.start < 0) state.start = i;
      i = endOfToken(text, i, state);
      state.end = i;
    }
  }
  flush();
  return statements;
}

interface SplitState {
  /** Offset of the current statement's first real character, or -1 before it. */
  start: number;
  /** Offset just past the current statement's last token. */
  end: number;
  parenDepth: number;
  beginDepth: number;
  /** The first unquoted words of the statement, lowercased (enough to spot CREATE FUNCTION). */
  words: string[];
}

function freshState(): SplitState {
  return { start: -1, end: -1, parenDepth: 0, beginDepth: 0, words: [] };
}

const DASH = 45;
const SLASH = 47;
const STAR = 42;
const SEMICOLON = 59;
const QUOTE = 39;
const DOUBLE_QUOTE = 34;
const DOLLAR = 36;
const BACKSLASH = 92;
const AMPERSAND = 38;

// Returns the offset just past the token starting at `i`, updating depths and words.
function endOfToken(text: string, i: number, state: SplitState): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return endOfQuoted(text, i, QUOTE, false);
  if (c === DOUBLE_QUOTE) return endOfQuoted(text, i, DOUBLE_QUOTE, false);
  if (c === DOLLAR) return endOfDollar(text, i);
  if (c === 40) {
    state.parenDepth++;
    return i + 1;
  }
  if (c === 41) {
    if (state.parenDepth > 0) state.parenDepth--;
    return i + 1;
  }
  if (isDigit(c)) {
    let j = i + 1;
    while (j < text.length && (isIdentPart(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
    return j;
  }
  if (!isIdentStart(c)) return i + 1;
  let j = i + 1;
  while (j < text.length && isIdentPart(text.charCodeAt(j))) j++;
  const word = text.slice(i, j).toLowerCase();
  const next = text.charCodeAt(j);
  if (word === 'e' && next === QUOTE) return endOfQuoted(text, j, QUOTE, true);
  if (word === 'u' && next === AMPERSAND) {
    const after = text.charCodeAt(j + 1);
    if (after === QUOTE || after === DOUBLE_QUOTE) return endOfQuoted(text, j + 1, after, false);
  }
  trackWord(word, state);
  return j;
}

// psql's heuristic: inside CREATE [OR REPLACE] FUNCTION|PROCEDURE, BEGIN (ATOMIC) opens a
// body that END closes, and CASE ... END nests inside it; semicolons in the body stay.
function trackWord(word: string, state: SplitState): void {
  if (state.words.length < 4) state.words.push(word);
  if (state.parenDepth !== 0 || !isRoutineDefinition(state.words)) return;
  if (word === 'begin') state.beginDepth++;
  else if (word === 'case' && state.beginDepth > 0) state.beginDepth++;
  else if (word === 'end' && state.beginDepth > 0) state.beginDepth--;
}

function isRoutineDefinition(words: readonly string[]): boolean {
  if (words[0] !== 'create') return false;
  const kind = words[1] === 'or' && words[2] === 'replace' ? words[3] : words[1];
  return kind === 'function' || kind === 'procedure';
}

// `'...'`, `"..."` (doubled closer escapes it) and `E'...'` (backslash escapes too).
// An unterminated quote runs to the end of the text; the server reports it.
function endOfQuoted(text: string, open: number, closer: number, backslashEscapes: boolean): number {
  let j = open + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (backslashEscapes && c === BACKSLASH) {
      j += 2;
    } else if (c === closer) {
      if (text.charCodeAt(j + 1) !== closer) return j + 1;
      j += 2;
    } else {
      j++;
    }
  }
  return text.length;
}

// `$tag$ ... $tag$` and `$$ ... $$`; `$1` is a parameter and a lone `$` an operator character.
function endOfDollar(text: string, i: number): number {
  let j = i + 1;
  if (j < text.length && isDigit(text.charCodeAt(j))) {
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
    return j;
  }
  if (j < text.length && isIdentStart(text.charCodeAt(j))) {
    j++;
    while (j < text.length && isIdentPart(text.charCodeAt(j)) && text.charCodeAt(j) !== DOLLAR) j++;
  }
  if (text.charCodeAt(j) !== DOLLAR) return i + 1;
  const delimiter = text.slice(i, j + 1);
  const close = text.indexOf(delimiter, j + 1);
  return close === -1 ? text.length : close + delimiter.length;
}

function endOfLineComment(text: string, i: number): number {
  let j = i + 2;
  while (j < text.length && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
  return j;
}

function endOfBlockComment(text: string, i: number): number {
  let depth = 1;
  let j = i + 2;
  while (j < text.length && depth > 0) {
    if (text.charCodeAt(j) === SLASH && text.charCodeAt(j + 1) === STAR) {
      depth++;
      j += 2;
    } else if (text.charCodeAt(j) === STAR && text.charCodeAt(j + 1) === SLASH) {
      depth--;
      j += 2;
    } else {
      j++;
    }
  }
  return j;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// PostgreSQL identifiers: letters, `_` and any non-ASCII character, then digits and `$` too.
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === DOLLAR;
}

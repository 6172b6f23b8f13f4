import type { SqlStatement } from '@retort/core';

/**
 * Splits SQLite SQL text into statements at top-level `;`. A `;` inside '...' strings,
 * "...", `...` and [...] identifiers, -- and /* *\/ comments, or the BEGIN ... END body of
 * a CREATE TRIGGER (CASE ... END nests inside it) never splits. Each statement's `sql` runs
 * from its first non-blank, non-comment character to the end of its last token (comments
 * inside are kept, trailing ones dropped); `offset` and the 1-based `line` point at that
 * first character. Empty statements and comment-only text are dropped.
 *
 * @example
 * ```ts
 * splitStatements("-- users\nCREATE TABLE u (id int);\nINSERT INTO u VALUES (1);");
 * // [{ sql: 'CREATE TABLE u (id int)', offset: 9, line: 2 },
 * //  { sql: 'INSERT INTO u VALUES (1)', offset: 34, line: 3 }]
 * ```
 */
export function splitStatements(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  const n = text.length;
  const lines = lineCounter(text);
  let i = 0;
  let start = -1;
  let end = -1;
  let words = 0;
  let trigger = Trigger.None;
  let caseDepth = 0;
  let afterDot = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === MINUS && text.charCodeAt(i + 1) === MINUS) {
      const nl = text.indexOf('\n', i + 2);
      i = nl === -1 ? n : nl;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 2;
      continue;
    }
    if (c === SEMICOLON && trigger !== Trigger.Body) {
      if (start !== -1) out.push({ sql: text.slice(start, end), offset: start, line: lines(start) });
      start = -1;
      words = 0;
      trigger = Trigger.None;
      afterDot = false;
      i++;
      continue;
    }
    if (start === -1) start = i;
    if (c === QUOTE || c === DQUOTE || c === BACKTICK) {
      i = skipQuoted(text, i, text[i] as string);
    } else if (c === LBRACKET) {
      const close = text.indexOf(']', i + 1);
      i = close === -1 ? n : close + 1;
    } else if (isWordChar(c)) {
      const from = i;
      do i++;
      while (i < n && isWordChar(text.charCodeAt(i)));
      if (!afterDot && i - from <= 9) {
        const word = text.slice(from, i).toUpperCase();
        if (words < 3) trigger = triggerHeader(trigger, words, word);
        if (trigger === Trigger.Header && word === 'BEGIN') {
          trigger = Trigger.Body;
          caseDepth = 0;
        } else if (trigger === Trigger.Body) {
          if (word === 'CASE') caseDepth++;
          else if (word === 'END') {
            if (caseDepth === 0) trigger = Trigger.Done;
            else caseDepth--;
          }
        }
      }
      words++;
      afterDot = false;
      end = i;
      continue;
    } else {
      i++;
    }
    afterDot = c === DOT;
    end = i;
  }
  if (start !== -1) out.push({ sql: text.slice(start, end), offset: start, line: lines(start) });
  return out;
}

const enum Trigger {
  None,
  /** Saw CREATE, maybe TEMP: a trigger if TRIGGER follows. */
  Create,
  /** Saw CREATE [TEMP] TRIGGER, waiting for BEGIN. */
  Header,
  Body,
  Done,
}

function triggerHeader(state: Trigger, index: number, word: string): Trigger {
  if (index === 0) return word === 'CREATE' ? Trigger.Create : Trigger.None;
  if (state !== Trigger.Create) return state;
  if (word === 'TRIGGER') return Trigger.Header;
  return index === 1 && (word === 'TEMP' || word === 'TEMPORARY') ? Trigger.Create : Trigger.None;
}

function skipQuoted(text: string, from: number, quote: string): number {
  let i = from + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close === -1) return text.length;
    // A doubled quote is an escaped quote, not the end.
    if (text[close + 1] !== quote) return close + 1;
    i = close + 2;
  }
}

// Counts lines incrementally: statements come in order, so the whole text is scanned once.
function lineCounter(text: string): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset) => {
    for (; pos < offset; pos++) {
      const c = text.charCodeAt(pos);
      if (c === LF || (c === CR && text.charCodeAt(pos + 1) !== LF)) line++;
    }
    return line;
  };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === LF || c === CR || c === 12 || c === 0xfeff;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || (c >= 0x80 && c !== 0xfeff)
  );
}

const LF = 10;
const CR = 13;
const QUOTE = 39;
const DQUOTE = 34;
const BACKTICK = 96;
const LBRACKET = 91;
const MINUS = 45;
const SLASH = 47;
const STAR = 42;
const SEMICOLON = 59;
const DOT = 46;

/**
 * The 1-based line of a character offset in `text`. `\n`, `\r\n` and a lone `\r` each end
 * a line, as editors count them.
 *
 * @example
 * ```ts
 * lineAt('a;\nb;', 3);   // 2
 * ```
 */
export function lineAt(text: string, offset: number): number {
  return 1 + countLineBreaks(text, 0, offset);
}

/**
 * How many line breaks `text` holds from offset `from` up to (not including) `to`.
 *
 * @example
 * ```ts
 * countLineBreaks('a\r\nb\nc', 0, 5);   // 2
 * ```
 */
export function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  const end = Math.min(to, text.length);
  for (let i = Math.max(0, from); i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) breaks++;
    else if (code === 13 && text.charCodeAt(i + 1) !== 10) breaks++;
  }
  return breaks;
}

/**
 * Converts a PostgreSQL error `position` (1-based, counted in characters, i.e. code points)
 * into a 0-based JavaScript string index (UTF-16 code units). Positions past the end map to
 * `text.length`.
 *
 * @example
 * ```ts
 * indexOfPosition('SELECT 1', 8);   // 7
 * indexOfPosition('😀 x', 3);        // 3: the emoji takes two code units
 * ```
 */
export function indexOfPosition(text: string, position: number): number {
  let index = 0;
  for (let remaining = position - 1; remaining > 0 && index < text.length; remaining--) {
    const code = text.charCodeAt(index);
    const pair = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length;
    index += pair ? 2 : 1;
  }
  return index;
}

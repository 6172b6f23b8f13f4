/**
 * Remembers a pure function of a string: introspection normalizes the same types and
 * expressions over and over (500 tables of the same shape repeat every default), so each
 * distinct text is computed once. The memory is cleared when it holds `limit` entries.
 *
 * @example
 * ```ts
 * const normalizeType = memoize((t: string) => slowNormalize(t));
 * ```
 */
export function memoize<R>(fn: (text: string) => R, limit = 20_000): (text: string) => R {
  const memory = new Map<string, R>();
  return (text) => {
    if (memory.has(text)) return memory.get(text) as R;
    const value = fn(text);
    if (memory.size >= limit) memory.clear();
    memory.set(text, value);
    return value;
  };
}

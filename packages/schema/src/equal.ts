/**
 * Structural equality of IR values: plain objects compared key by key (a key holding
 * `undefined` counts as absent), arrays element by element in order.
 *
 * @example
 * ```ts
 * deepEqual({ a: 1, b: undefined }, { a: 1 }); // true
 * ```
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of Object.keys(ra)) {
    if (ra[key] !== undefined && !deepEqual(ra[key], rb[key])) return false;
  }
  for (const key of Object.keys(rb)) {
    if (rb[key] !== undefined && ra[key] === undefined) return false;
  }
  return true;
}

/**
 * A stable text key for an IR value (object keys sorted, `undefined` dropped): equal
 * values give equal keys.
 *
 * @example
 * ```ts
 * stableKey({ b: 1, a: [2] }) === stableKey({ a: [2], b: 1 }); // true
 * ```
 */
export function stableKey(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableKey(record[k])}`).join(',')}}`;
}

/**
 * A seeded source of randomness for generated schemas: `next()` in [0, 1), and helpers.
 * Deterministic for a seed, so a failing case is reproduced by its seed alone.
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/**
 * A {@link Random} from a 32-bit seed (mulberry32), or from any `() => number` in [0, 1)
 * (e.g. one fast-check hands out).
 *
 * @example
 * ```ts
 * const r = seededRandom(42);
 * r.int(1, 6); // the same value on every run
 * ```
 */
export function seededRandom(seed: number | (() => number)): Random {
  let state = typeof seed === 'number' ? seed >>> 0 : 0;
  const next =
    typeof seed === 'function'
      ? seed
      : (): number => {
          state = (state + 0x6d2b79f5) >>> 0;
          let t = state;
          t = Math.imul(t ^ (t >>> 15), t | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
  return {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

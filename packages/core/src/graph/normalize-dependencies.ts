/**
 * Alembic's `_normalize_depends_on`: a revision's dependencies minus those that one of its
 * versioned ancestors already depends on. The dependencies "seen above" each revision are
 * propagated once down the parents as bitsets over the distinct dependency targets, so the
 * cost is linear in the graph size times a few words, not a walk per revision.
 */

/**
 * Normalized dependencies for every revision (declared order kept, duplicates dropped).
 *
 * @example
 * ```ts
 * // b2 depends on a3, and b4 (below b3 below b2) too: b4's dependency is implied.
 * normalizeDependencies(parents, deps, order)[b4]; // []
 * ```
 */
export function normalizeDependencies(
  parents: readonly (readonly number[])[],
  deps: readonly (readonly number[])[],
  order: Int32Array,
): (readonly number[])[] {
  const n = parents.length;
  const slot = new Map<number, number>();
  for (const ds of deps) for (const d of ds) if (!slot.has(d)) slot.set(d, slot.size);
  if (slot.size === 0) return deps.map(() => NONE);
  const words = Math.ceil(slot.size / 32);
  // above[v]: targets depended on by some strict versioned ancestor of v; -1 = none.
  const offset = new Int32Array(n).fill(-1);
  const pool: number[] = [];
  const result: (readonly number[])[] = deps.map(() => NONE);
  for (const v of order) {
    let start = -1;
    const [only, ...more] = parents[v]!;
    if (only !== undefined && more.length === 0 && deps[only]!.length === 0) {
      start = offset[only]!; // a plain parent passes its set on unchanged
    } else for (const p of parents[v]!) {
      if (offset[p] === -1 && deps[p]!.length === 0) continue;
      if (start === -1) {
        start = pool.length;
        for (let w = 0; w < words; w++) pool.push(0);
      }
      const from = offset[p]!;
      for (let w = 0; w < words; w++) pool[start + w]! |= from === -1 ? 0 : pool[from + w]!;
      for (const d of deps[p]!) {
        const s = slot.get(d)!;
        pool[start + (s >>> 5)]! |= 1 << (s & 31);
      }
    }
    offset[v] = start;
    if (deps[v]!.length === 0) continue;
    const own = [...new Set(deps[v]!)];
    result[v] = start === -1 ? own : own.filter((d) => {
      const s = slot.get(d)!;
      return (pool[start + (s >>> 5)]! & (1 << (s & 31))) === 0;
    });
  }
  return result;
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * Alembic's `_normalize_depends_on`: a revision's dependencies minus those that one of its
 * versioned ancestors already depends on. The dependencies "seen above" each revision are
 * propagated once down the parents as bitsets over the distinct dependency targets, so the
 * cost is linear in the graph size times a few words, not a walk per revision.
 */

const NONE: readonly number[] = Object.freeze([]);

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
  const slot = new Int32Array(n).fill(-1);
  let targets = 0;
  for (const ds of deps) for (const d of ds) if (slot[d] === -1) slot[d] = targets++;
  const result: (readonly number[])[] = new Array<readonly number[]>(n).fill(NONE);
  if (targets === 0) return result;
  const words = Math.ceil(targets / 32);
  // row[v]: where the set of targets depended on by v's strict versioned ancestors starts
  // in `bits`; a revision with one parent that depends on nothing shares its parent's row.
  const row = new Int32Array(n);
  let rows = 1;
  for (let v = 0; v < n; v++) {
    const ps = parents[v]!;
    if (ps.length > 1 || (ps.length === 1 && deps[ps[0]!]!.length > 0)) rows++;
  }
  const bits = new Uint32Array(rows * words);
  let free = words;
  for (const v of order) {
    const ps = parents[v]!;
    if (ps.length === 0) row[v] = 0;
    else if (ps.length === 1 && deps[ps[0]!]!.length === 0) row[v] = row[ps[0]!]!;
    else {
      const start = free;
      free += words;
      row[v] = start;
      for (const p of ps) {
        const from = row[p]!;
        for (let w = 0; w < words; w++) bits[start + w]! |= bits[from + w]!;
        for (const d of deps[p]!) bits[start + (slot[d]! >>> 5)]! |= 1 << (slot[d]! & 31);
      }
    }
    const own = deps[v]!;
    if (own.length === 0) continue;
    const start = row[v]!;
    result[v] = [...new Set(own)].filter((d) => (bits[start + (slot[d]! >>> 5)]! & (1 << (slot[d]! & 31))) === 0);
  }
  return result;
}

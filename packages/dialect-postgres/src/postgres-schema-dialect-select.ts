import { arrayOf, canCoerce, isPolymorphic, typeInfo, type PgType, type Signature } from './postgres-schema-dialect-catalog.js';

/**
 * A chosen signature with its polymorphic parameters replaced by actual types.
 *
 * @example
 * ```ts
 * const chosen: Resolved = { signature, params: ['mood', 'mood'], result: 'bool' };
 * ```
 */
export interface Resolved {
  readonly signature: Signature;
  /** The type each argument is converted to. */
  readonly params: readonly PgType[];
  readonly result: PgType;
}

/**
 * Picks the operator or function a call resolves to, following PostgreSQL's rules
 * ("Type Conversion": exact match, with an unknown operand of a binary operator taken as
 * the other's type; then implicit coercibility, most exact matches, most preferred types
 * where a conversion is needed, unknown arguments resolved by category, and finally
 * unknowns taken as the known arguments' common type). Returns `undefined` when nothing
 * or more than one candidate fits, or when an argument's type is not known (`'?'`).
 *
 * @example
 * ```ts
 * selectCandidate(operatorCandidates('>=', 2), ['float4', 'int4'], true)?.params; // ['float4', 'float8']
 * ```
 */
export function selectCandidate(candidates: readonly Signature[], inputs: readonly PgType[], binaryOperator: boolean): Resolved | undefined {
  if (inputs.includes('?') || candidates.length === 0) return undefined;
  const args = (s: Signature): readonly PgType[] => expandVariadic(s, inputs.length);
  if (binaryOperator && inputs.length === 2) {
    const [l, r] = inputs as [PgType, PgType];
    const probe = l === 'unknown' ? [r, r] : r === 'unknown' ? [l, l] : [l, r];
    const exact = candidates.find((s) => args(s)[0] === probe[0] && args(s)[1] === probe[1]);
    if (exact) return finish(exact, inputs, args(exact));
  }
  const exact = candidates.find((s) => args(s).every((a, i) => a === inputs[i]));
  if (exact) return finish(exact, inputs, args(exact));
  let pool = candidates.filter((s) => args(s).length === inputs.length && args(s).every((a, i) => canCoerce(inputs[i] as PgType, a)) && consistent(args(s), inputs));
  if (pool.length === 1) return finish(pool[0] as Signature, inputs, args(pool[0] as Signature));
  if (pool.length === 0) return undefined;
  pool = keepBest(pool, (s) => args(s).filter((a, i) => inputs[i] !== 'unknown' && a === inputs[i]).length);
  if (pool.length === 1) return finish(pool[0] as Signature, inputs, args(pool[0] as Signature));
  pool = keepBest(pool, (s) =>
    args(s).filter((a, i) => {
      const input = inputs[i] as PgType;
      if (input === 'unknown') return false;
      const info = typeInfo(a);
      return a === input || (info.preferred && info.category === typeInfo(input).category);
    }).length,
  );
  if (pool.length === 1) return finish(pool[0] as Signature, inputs, args(pool[0] as Signature));
  if (inputs.includes('unknown')) {
    pool = resolveUnknowns(pool, inputs, args);
    if (pool.length === 1) return finish(pool[0] as Signature, inputs, args(pool[0] as Signature));
    const known = [...new Set(inputs.filter((t) => t !== 'unknown'))];
    if (known.length === 1) {
      const assumed = inputs.map((t) => (t === 'unknown' ? (known[0] as PgType) : t));
      const fits = pool.filter((s) => args(s).every((a, i) => inputs[i] !== 'unknown' || canCoerce(assumed[i] as PgType, a)));
      if (fits.length === 1) return finish(fits[0] as Signature, inputs, args(fits[0] as Signature));
    }
  }
  return undefined;
}

function keepBest<T>(pool: readonly T[], score: (item: T) => number): T[] {
  const scores = pool.map(score);
  const best = Math.max(...scores);
  return pool.filter((_, i) => scores[i] === best);
}

/** Step "unknown arguments": prefer the string category, else a category all candidates share, then its preferred type. */
function resolveUnknowns(pool: Signature[], inputs: readonly PgType[], args: (s: Signature) => readonly PgType[]): Signature[] {
  let out = pool;
  inputs.forEach((input, i) => {
    if (input !== 'unknown') return;
    const categories = out.map((s) => typeInfo(args(s)[i] as PgType).category);
    const category = categories.includes('S') ? 'S' : categories.every((c) => c === categories[0]) ? categories[0] : undefined;
    if (category === undefined) {
      out = [];
      return;
    }
    const inCategory = out.filter((s) => typeInfo(args(s)[i] as PgType).category === category);
    const preferred = inCategory.filter((s) => typeInfo(args(s)[i] as PgType).preferred);
    out = preferred.length > 0 ? preferred : inCategory;
  });
  return out.length === 0 ? pool : out;
}

function expandVariadic(s: Signature, count: number): readonly PgType[] {
  if (!s.variadic || s.args.length === count) return s.args;
  const last = s.args[s.args.length - 1] as PgType;
  const elem = last === 'any' ? 'any' : typeInfo(last).elem ?? last;
  return [...s.args.slice(0, -1), ...Array.from({ length: count - s.args.length + 1 }, () => elem)];
}

/** Polymorphic parameters must agree on one actual type (check_generic_type_consistency). */
function consistent(params: readonly PgType[], inputs: readonly PgType[]): boolean {
  return genericType(params, inputs) !== null;
}

/**
 * The actual type of `anyelement`-like parameters: the common type of the arguments in
 * those positions (element types of `anyarray` arguments), `undefined` when they are all
 * unknown, `null` when they disagree.
 */
function genericType(params: readonly PgType[], inputs: readonly PgType[]): PgType | undefined | null {
  let found: PgType | undefined;
  for (let i = 0; i < params.length; i++) {
    const p = params[i] as PgType;
    const input = inputs[i] as PgType;
    if (!isPolymorphic(p) || p === 'any' || input === 'unknown') continue;
    const actual = p.endsWith('array') ? typeInfo(input).elem : input;
    if (actual === undefined) return null;
    if (found === undefined) found = actual;
    else if (found !== actual && !(p.startsWith('anycompatible') && canCoerce(actual, found))) return null;
  }
  return found;
}

function finish(signature: Signature, inputs: readonly PgType[], declared: readonly PgType[]): Resolved {
  const generic = genericType(declared, inputs) ?? 'text';
  const concrete = (p: PgType, i: number): PgType => {
    if (p === 'any') return inputs[i] === 'unknown' ? 'unknown' : (inputs[i] as PgType);
    if (!isPolymorphic(p)) return p;
    return p.endsWith('array') ? (arrayOf(generic) ?? '?') : generic;
  };
  const params = declared.map(concrete);
  const result = isPolymorphic(signature.result) ? concrete(signature.result, -1) : signature.result;
  return { signature, params, result };
}

import {
  BUILTIN_CASTS,
  BUILTIN_FUNCTIONS,
  BUILTIN_KEYWORDS,
  BUILTIN_OPERATORS,
  BUILTIN_TYPES,
} from './postgres-schema-dialect-builtins.js';

/**
 * A type as the expression resolver sees it: a built-in `typname` (`'int4'`, `'_text'` for
 * `text[]`), `'unknown'` for an untyped literal, `'u:<name>'` for a type of the user's
 * schema (an enum, a domain), `'u:<name>[]'` for an array of one, or `'?'` when the type
 * cannot be known without the database (the expression is then printed as written).
 *
 * @example
 * ```ts
 * const types: PgType[] = ['int4', '_text', 'unknown', 'u:mood', '?'];
 * ```
 */
export type PgType = string;

/**
 * A built-in type's facts from pg_type.
 *
 * @example
 * ```ts
 * const int4: TypeInfo = { name: 'int4', display: 'integer', category: 'N', preferred: false };
 * ```
 */
export interface TypeInfo {
  readonly name: string;
  /** As format_type prints it without a type modifier (`'character varying'`). */
  readonly display: string;
  /** pg_type.typcategory (`N` numeric, `S` string, `D` date/time, `A` array, `P` pseudo, ...). */
  readonly category: string;
  readonly preferred: boolean;
  /** Element type of an array type. */
  readonly elem?: string;
}

/**
 * One operator or function signature.
 *
 * @example
 * ```ts
 * const lower: Signature = { name: 'lower', args: ['text'], result: 'text', variadic: false };
 * ```
 */
export interface Signature {
  readonly name: string;
  /** Argument types; a prefix operator has one. */
  readonly args: readonly PgType[];
  readonly result: PgType;
  readonly variadic: boolean;
}

const TYPES = new Map<string, TypeInfo>(
  BUILTIN_TYPES.map((line) => {
    const [name = '', display = '', category = '', preferred, elem = ''] = line.split('|');
    return [name, { name, display, category, preferred: preferred === '1', ...(elem === '' ? {} : { elem }) }];
  }),
);
const ARRAY_OF = new Map([...TYPES.values()].filter((t) => t.elem !== undefined).map((t) => [t.elem as string, t.name]));
const CASTS = new Map<string, { context: string; method: string }>(
  BUILTIN_CASTS.map((line) => {
    const [source, target, context = '', method = ''] = line.split(' ');
    return [`${source} ${target}`, { context, method }];
  }),
);
const OPERATORS = groupSignatures(
  BUILTIN_OPERATORS.map((line) => {
    const [name = '', left = '', right = '', result = ''] = line.split(' ');
    return { name, args: left === '-' ? [right] : [left, right], result, variadic: false };
  }),
);
const FUNCTIONS = groupSignatures(
  BUILTIN_FUNCTIONS.map((line) => {
    const [name = '', args = '', result = '', variadic] = line.split(' ');
    return { name, args: args === '-' ? [] : args.split(','), result, variadic: variadic === '1' };
  }),
);
const KEYWORDS = new Map(BUILTIN_KEYWORDS.map((line) => line.split(' ') as [string, string]));

function groupSignatures(list: Signature[]): Map<string, Signature[]> {
  const out = new Map<string, Signature[]>();
  for (const s of list) {
    const key = `${s.name}/${s.args.length}`;
    out.set(key, [...(out.get(key) ?? []), s]);
  }
  return out;
}

/**
 * Facts about a type: built-in ones from the generated catalog; user types are treated as
 * enum-like (category `E`), arrays of them as arrays.
 *
 * @example
 * ```ts
 * typeInfo('int4').display; // 'integer'
 * typeInfo('u:mood').category; // 'E'
 * ```
 */
export function typeInfo(type: PgType): TypeInfo {
  const builtin = TYPES.get(type);
  if (builtin) return builtin;
  if (type.startsWith('u:')) {
    if (type.endsWith('[]')) {
      const elem = type.slice(0, -2);
      return { name: type, display: `${typeInfo(elem).display}[]`, category: 'A', preferred: false, elem };
    }
    return { name: type, display: quoteIdent(type.slice(2)), category: 'E', preferred: false };
  }
  return { name: type, display: type, category: type === '?' ? '?' : 'X', preferred: false };
}

/**
 * The array type whose elements are `type`, or `undefined`.
 *
 * @example
 * ```ts
 * arrayOf('int4'); // '_int4'
 * ```
 */
export function arrayOf(type: PgType): PgType | undefined {
  if (type.startsWith('u:') && !type.endsWith('[]')) return `${type}[]`;
  return ARRAY_OF.get(type);
}

/**
 * True for the polymorphic pseudo-types (`anyelement`, `anyarray`, ...).
 *
 * @example
 * ```ts
 * isPolymorphic('anyenum'); // true
 * ```
 */
export function isPolymorphic(type: PgType): boolean {
  return type.startsWith('any') || type === 'any';
}

/**
 * True when a value of `from` may be converted to `to` implicitly, as PostgreSQL's
 * can_coerce_type decides for function and operator arguments.
 *
 * @example
 * ```ts
 * canCoerce('int4', 'numeric'); // true
 * canCoerce('numeric', 'int4'); // false
 * ```
 */
export function canCoerce(from: PgType, to: PgType): boolean {
  if (from === to || from === 'unknown') return to !== '?';
  if (from === '?' || to === '?') return false;
  const fromInfo = typeInfo(from);
  switch (to) {
    case 'any':
    case 'anyelement':
    case 'anycompatible':
      return fromInfo.category !== 'P';
    case 'anynonarray':
    case 'anycompatiblenonarray':
      return fromInfo.category !== 'A' && fromInfo.category !== 'P';
    case 'anyarray':
    case 'anycompatiblearray':
      return fromInfo.category === 'A';
    case 'anyenum':
      return fromInfo.category === 'E';
    case 'record':
      return false;
  }
  const fromElem = fromInfo.elem;
  const toElem = typeInfo(to).elem;
  if (fromElem !== undefined && toElem !== undefined) return canCoerce(fromElem, toElem);
  return CASTS.get(`${from} ${to}`)?.context === 'i';
}

/**
 * pg_cast's entry for two built-in types (context `i`, `a`, `e`; method `f`, `b`, `i`).
 *
 * @example
 * ```ts
 * castBetween('int8', 'int4'); // { context: 'a', method: 'f' }
 * ```
 */
export function castBetween(from: PgType, to: PgType): { context: string; method: string } | undefined {
  return CASTS.get(`${from} ${to}`);
}

/**
 * Operators named `name` with `arity` operands.
 *
 * @example
 * ```ts
 * operatorCandidates('||', 2).length > 0; // true
 * ```
 */
export function operatorCandidates(name: string, arity: number): readonly Signature[] {
  return OPERATORS.get(`${name}/${arity}`) ?? [];
}

/**
 * Built-in functions named `name` taking `arity` arguments (variadic ones by their declared count).
 *
 * @example
 * ```ts
 * functionCandidates('lower', 1); // [{ name: 'lower', args: ['text'], ... }, ...]
 * ```
 */
export function functionCandidates(name: string, arity: number): readonly Signature[] {
  const exact = FUNCTIONS.get(`${name}/${arity}`) ?? [];
  const variadic: Signature[] = [];
  for (let n = 1; n <= arity; n++) {
    for (const s of FUNCTIONS.get(`${name}/${n}`) ?? []) {
      if (s.variadic && s.args.length <= arity && !exact.includes(s)) variadic.push(s);
    }
  }
  return [...exact, ...variadic];
}


/**
 * An identifier as PostgreSQL's quote_identifier writes it: bare when it is lower case
 * letters, digits and underscores (not starting with a digit) and not a keyword that
 * needs quoting; double-quoted otherwise.
 *
 * @example
 * ```ts
 * quoteIdent('price');     // 'price'
 * quoteIdent('timestamp'); // '"timestamp"'
 * quoteIdent('Name');      // '"Name"'
 * ```
 */
export function quoteIdent(name: string): string {
  const safe = /^[a-z_][a-z0-9_]*$/.test(name) && !KEYWORDS.has(name);
  return safe ? name : `"${name.replaceAll('"', '""')}"`;
}


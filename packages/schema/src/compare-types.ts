import type { TypeChange } from './schema-dialect.js';

const INTEGER_RANK: Record<string, number> = { smallint: 1, int2: 1, integer: 2, int: 2, int4: 2, bigint: 3, int8: 3 };
const FLOAT_RANK: Record<string, number> = { real: 1, float4: 1, 'double precision': 2, float8: 2, float: 2 };
const TEXT_TYPES = new Set(['text', 'varchar', 'character varying', 'char', 'character', 'nvarchar', 'nchar', 'clob', 'bpchar']);

/**
 * A dialect-neutral comparison of two canonical types, for hazards: integer and float
 * widths, text lengths, numeric precision and scale. Dialects may use it as their
 * `compareTypes` or refine it.
 *
 * @example
 * ```ts
 * compareTypes('varchar(100)', 'varchar(50)'); // 'narrowing'
 * compareTypes('integer', 'bigint');          // 'widening'
 * compareTypes('text', 'integer');            // 'incompatible'
 * ```
 */
export function compareTypes(from: string, to: string): TypeChange {
  if (from === to) return 'same';
  const a = parseType(from);
  const b = parseType(to);
  const intA = INTEGER_RANK[a.base];
  const intB = INTEGER_RANK[b.base];
  if (intA !== undefined && intB !== undefined) return intB >= intA ? 'widening' : 'narrowing';
  const floatA = FLOAT_RANK[a.base];
  const floatB = FLOAT_RANK[b.base];
  if (floatA !== undefined && floatB !== undefined) return floatB >= floatA ? 'widening' : 'narrowing';
  if (intA !== undefined && (floatB !== undefined || isNumeric(b.base))) return 'widening';
  if (TEXT_TYPES.has(a.base) && TEXT_TYPES.has(b.base)) {
    const lenA = a.args[0] ?? Infinity;
    const lenB = b.args[0] ?? Infinity;
    if (b.base === 'text' || lenB >= lenA) return 'widening';
    return 'narrowing';
  }
  if (isNumeric(a.base) && isNumeric(b.base)) {
    const [pa = Infinity, sa = 0] = a.args;
    const [pb = Infinity, sb = 0] = b.args;
    return pb - sb >= pa - sa && sb >= sa ? 'widening' : 'narrowing';
  }
  if ((intA !== undefined || isNumeric(a.base) || floatA !== undefined) && TEXT_TYPES.has(b.base) && b.args.length === 0) return 'widening';
  return 'incompatible';
}

function isNumeric(base: string): boolean {
  return base === 'numeric' || base === 'decimal';
}

function parseType(type: string): { base: string; args: number[] } {
  const m = /^([^(]*?)\s*(?:\(([^)]*)\))?\s*$/.exec(type.toLowerCase());
  const base = (m?.[1] ?? type).trim();
  const args = m?.[2] === undefined ? [] : m[2].split(',').map((s) => Number(s.trim()));
  return { base, args: args.some(Number.isNaN) ? [] : args };
}

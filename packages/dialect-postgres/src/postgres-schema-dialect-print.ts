import type { Expr } from './postgres-schema-dialect-ast.js';
import { quoteIdent } from './postgres-schema-dialect-catalog.js';
import { displayType } from './postgres-schema-dialect-type.js';

/** Node kinds whose text is wrapped in one pair of parentheses, as ruleutils prints them. */
const WRAPPED = new Set<Expr['k']>(['op', 'bool', 'not', 'isnull', 'booltest', 'distinct', 'saop', 'attz', 'collate']);

/**
 * Prints a resolved expression as PostgreSQL's ruleutils does in its non-pretty mode (what
 * pg_get_expr and pg_get_constraintdef show): every operator application in parentheses,
 * implicit conversions of operator and function arguments shown as `(x)::type`, constants
 * labelled with their type unless the literal already implies it, negative numbers quoted.
 * The outermost parentheses are left off (`price > (0)::numeric`, not
 * `(price > (0)::numeric)`), and `CASE` is printed on one line.
 *
 * @example
 * ```ts
 * printExpression(resolved); // "(v)::text = ANY ((ARRAY['a'::character varying])::text[])"
 * ```
 */
export function printExpression(expr: Expr): string {
  const text = print(expr, false);
  return WRAPPED.has(expr.k) ? text.slice(1, -1) : text;
}

function print(e: Expr, showImplicit: boolean): string {
  switch (e.k) {
    case 'const':
      return printConst(e, 0);
    case 'var':
      return quoteIdent(e.name);
    case 'coerce': {
      if (!e.explicit && !showImplicit) return print(e.arg, false);
      const type = displayType({ type: e.type, mods: e.mods });
      if (e.arg.k === 'const' && e.arg.type === e.type) return `${printConst(e.arg, -1)}::${type}`;
      if (e.arg.k === 'array' && e.arg.elements.length === 0 && e.arg.type === e.type) return `ARRAY[]::${type}`;
      return `(${print(e.arg, false)})::${type}`;
    }
    case 'op':
      return e.left === undefined ? `(${e.op} ${print(e.right, true)})` : `(${print(e.left, true)} ${e.op} ${print(e.right, true)})`;
    case 'bool':
      return `(${e.args.map((a) => print(a, false)).join(` ${e.op} `)})`;
    case 'not':
      return `(NOT ${print(e.arg, false)})`;
    case 'isnull':
      return `(${print(e.arg, true)} IS ${e.not ? 'NOT ' : ''}NULL)`;
    case 'booltest':
      return `(${print(e.arg, true)} IS ${e.test})`;
    case 'distinct':
      return `(${print(e.left, true)} IS DISTINCT FROM ${print(e.right, true)})`;
    case 'saop':
      return `(${print(e.left, true)} ${e.op} ${e.all ? 'ALL' : 'ANY'} (${print(e.right, true)}))`;
    case 'array':
      return `ARRAY[${e.elements.map((x) => print(x, true)).join(', ')}]`;
    case 'func':
      if (e.star) return `${functionName(e.name)}(*)`;
      return `${functionName(e.name)}(${e.args.map((a) => print(a, true)).join(', ')})`;
    case 'special':
      return `${e.name}(${e.args.map((a) => print(a, true)).join(', ')})`;
    case 'sqlfunc':
      return printSqlFunction(e);
    case 'svf':
      return e.precision === undefined ? e.name : `${e.name}(${e.precision})`;
    case 'case': {
      const whens = e.whens.map(([c, r]) => ` WHEN ${print(c, false)} THEN ${print(r, true)}`).join('');
      const otherwise = e.otherwise === undefined ? '' : ` ELSE ${print(e.otherwise, true)}`;
      return `CASE${whens}${otherwise} END`;
    }
    case 'attz':
      return `(${print(e.arg, true)} AT TIME ZONE ${print(e.zone, true)})`;
    case 'collate':
      return `(${print(e.arg, false)} COLLATE ${quoteIdent(e.collation)})`;
    case 'subscript':
      return `(${print(e.arg, false)})[${print(e.index, false)}]`;
  }
}

function printSqlFunction(e: Extract<Expr, { k: 'sqlfunc' }>): string {
  const [a, b, c] = e.args.map((x) => print(x, true));
  switch (e.name) {
    case 'EXTRACT':
      return `EXTRACT(${(e.args[0] as Extract<Expr, { k: 'const' }>).value ?? ''} FROM ${b})`;
    case 'POSITION':
      return `POSITION((${a}) IN (${b}))`;
    case 'SUBSTRING':
      return e.mode === 'FOR' ? `SUBSTRING(${a} FOR ${b})` : `SUBSTRING(${a} FROM ${b}${c === undefined ? '' : ` FOR ${c}`})`;
    default:
      return `TRIM(${e.mode} ${b === undefined ? '' : `${b} `}FROM ${a})`;
  }
}

function functionName(name: string): string {
  return name.includes('.') ? name : quoteIdent(name);
}

/**
 * A constant as get_const_expr prints it. `showType` 0 labels it unless the literal implies
 * its type (integers, float-looking numerics, booleans, untyped strings); -1 never labels.
 */
function printConst(c: Extract<Expr, { k: 'const' }>, showType: 0 | -1): string {
  const label = `::${displayType({ type: c.type, mods: c.mods ?? [] })}`;
  if (c.value === null) return showType === 0 && c.type !== 'unknown' ? `NULL${label}` : 'NULL';
  const v = c.value;
  let text: string;
  let needLabel = true;
  switch (c.type) {
    case 'int4':
      text = v.startsWith('-') ? quote(v) : v;
      needLabel = v.startsWith('-');
      break;
    case 'numeric':
      if (/^[0-9]/.test(v) && /[.eE]/.test(v)) {
        text = v;
        needLabel = (c.mods?.length ?? 0) > 0;
      } else {
        text = quote(v);
      }
      break;
    case 'bool':
      text = v === 'true' ? 'true' : 'false';
      needLabel = false;
      break;
    case 'bit':
    case 'varbit':
      text = v;
      break;
    case 'unknown':
      text = quote(v);
      needLabel = false;
      break;
    default:
      text = quote(v);
  }
  return showType === 0 && needLabel ? `${text}${label}` : text;
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

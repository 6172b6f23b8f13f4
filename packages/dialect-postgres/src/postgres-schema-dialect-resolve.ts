import type { Expr, RawExpr, TypeName } from './postgres-schema-dialect-ast.js';
import { arrayOf, canCoerce, functionCandidates, operatorCandidates, typeInfo, type PgType } from './postgres-schema-dialect-catalog.js';
import { constValue } from './postgres-schema-dialect-const.js';
import { selectCandidate } from './postgres-schema-dialect-select.js';

/**
 * What the resolver knows about the table an expression belongs to.
 *
 * @example
 * ```ts
 * const context: ResolveContext = { columns: new Map([['qty', { type: 'int4', mods: [] }]]) };
 * ```
 */
export interface ResolveContext {
  /** Column name (exact) to its type. */
  readonly columns: ReadonlyMap<string, TypeName>;
}

const BOOL = 'bool';
const SVF_TYPES: Record<string, PgType> = {
  CURRENT_DATE: 'date', CURRENT_TIME: 'timetz', CURRENT_TIMESTAMP: 'timestamptz', LOCALTIME: 'time', LOCALTIMESTAMP: 'timestamp',
  CURRENT_ROLE: 'name', CURRENT_USER: 'name', SESSION_USER: 'name', USER: 'name', CURRENT_CATALOG: 'name', CURRENT_SCHEMA: 'name',
};

/**
 * Resolves a parsed expression as PostgreSQL's parser would: gives every node its type,
 * picks operators and functions, rewrites `IN` lists, `BETWEEN` and `LIKE` into what the
 * server stores, and makes every implicit conversion an explicit `coerce` node. Parts
 * whose types cannot be known (unknown columns or functions) get type `'?'` and keep
 * their operands as written.
 *
 * @example
 * ```ts
 * resolveExpression(parsePostgresExpression('n >= 0'), { columns: new Map([['n', { type: 'numeric', mods: [10, 2] }]]) });
 * // n >= (0)::numeric, as the printer shows it
 * ```
 */
export function resolveExpression(raw: RawExpr, context: ResolveContext): Expr {
  return new Resolver(context).expr(raw);
}

/**
 * `expr` converted to `type` the way the parser converts an argument: an untyped literal
 * becomes a constant of the type, anything else is wrapped in an implicit conversion.
 *
 * @example
 * ```ts
 * coerceTo({ k: 'const', type: 'unknown', value: 'x' }, 'text'); // { k: 'const', type: 'text', value: 'x' }
 * ```
 */
export function coerceTo(expr: Expr, type: PgType, mods: readonly number[] = [], explicit = false): Expr {
  if (type === '?' || type === 'unknown') return expr;
  if (expr.type === type && (mods.length === 0 || !explicit)) return expr;
  if (expr.k === 'const' && expr.type === 'unknown') {
    const constant: Expr = { k: 'const', type, value: expr.value === null ? null : constValue(type, expr.value) };
    return mods.length === 0 ? constant : { k: 'coerce', type, mods, arg: constant, explicit };
  }
  if (expr.type === '?') return expr;
  return { k: 'coerce', type, mods, arg: expr, explicit };
}

class Resolver {
  constructor(private readonly context: ResolveContext) {}

  expr(raw: RawExpr): Expr {
    switch (raw.k) {
      case 'num':
        return numberConst(raw.text);
      case 'str':
        return { k: 'const', type: 'unknown', value: raw.value };
      case 'bool':
        return { k: 'const', type: BOOL, value: raw.value ? 'true' : 'false' };
      case 'null':
        return { k: 'const', type: 'unknown', value: null };
      case 'col': {
        const name = raw.names[raw.names.length - 1] as string;
        const column = this.context.columns.get(name);
        return { k: 'var', type: column?.type ?? '?', name, ...(column && column.mods.length > 0 ? { mods: column.mods } : {}) };
      }
      case 'typed':
        return coerceTo({ k: 'const', type: 'unknown', value: raw.value }, raw.to.type, raw.to.mods, true);
      case 'cast':
        return this.cast(this.expr(raw.arg), raw.to);
      case 'op':
        return this.operator(raw.op, raw.left === undefined ? undefined : this.expr(raw.left), this.expr(raw.right));
      case 'and':
      case 'or':
        return { k: 'bool', type: BOOL, op: raw.k === 'and' ? 'AND' : 'OR', args: raw.args.map((a) => toBool(this.expr(a))) };
      case 'not':
        return { k: 'not', type: BOOL, arg: toBool(this.expr(raw.arg)) };
      case 'isnull':
        return { k: 'isnull', type: BOOL, arg: this.expr(raw.arg), not: raw.not };
      case 'booltest':
        return { k: 'booltest', type: BOOL, arg: toBool(this.expr(raw.arg)), test: raw.test };
      case 'distinct':
        return this.distinct(raw.left, raw.right, raw.not);
      case 'in':
        return this.inList(raw.arg, raw.list, raw.not);
      case 'between': {
        const arg = raw.arg;
        if (raw.not) return this.expr({ k: 'or', args: [{ k: 'op', op: '<', left: arg, right: raw.lo }, { k: 'op', op: '>', left: arg, right: raw.hi }] });
        return this.expr({ k: 'and', args: [{ k: 'op', op: '>=', left: arg, right: raw.lo }, { k: 'op', op: '<=', left: arg, right: raw.hi }] });
      }
      case 'like': {
        const pattern = raw.escape ? { k: 'func' as const, name: ['like_escape'], args: [raw.pattern, raw.escape], star: false } : raw.pattern;
        return this.operator(raw.op, this.expr(raw.arg), this.expr(pattern));
      }
      case 'similar': {
        const args = raw.escape ? [raw.pattern, raw.escape] : [raw.pattern];
        const pattern = this.call('similar_to_escape', args.map((a) => this.expr(a)));
        return this.operator(raw.not ? '!~' : '~', this.expr(raw.arg), pattern);
      }
      case 'anyall':
        return this.scalarArray(raw.op, raw.all, this.expr(raw.left), this.expr(raw.right));
      case 'func': {
        if (raw.star) return { k: 'func', type: '?', name: raw.name.join('.'), args: [], star: true };
        const args = raw.args.map((a) => this.expr(a));
        if (raw.name.length > 1 && raw.name[0] !== 'pg_catalog') return { k: 'func', type: '?', name: raw.name.join('.'), args };
        return this.call(raw.name[raw.name.length - 1] as string, args);
      }
      case 'special':
        return this.special(raw.name, raw.args.map((a) => this.expr(a)));
      case 'svf':
        return { k: 'svf', type: SVF_TYPES[raw.name] ?? '?', name: raw.name, ...(raw.precision === undefined ? {} : { precision: raw.precision }) };
      case 'case':
        return this.caseExpr(raw);
      case 'array':
        return this.array(raw.elements.map((e) => this.expr(e)));
      case 'sqlfunc':
        return this.sqlFunction(raw.name, raw.args.map((a) => this.expr(a)), raw.mode);
      case 'attz': {
        const arg = this.expr(raw.arg);
        const zone = this.expr(raw.zone);
        const call = this.call('timezone', [zone, arg]);
        if (call.k !== 'func' || call.type === '?') return { k: 'attz', type: '?', arg, zone };
        return { k: 'attz', type: call.type, arg: call.args[1] as Expr, zone: call.args[0] as Expr };
      }
      case 'collate': {
        const arg = this.expr(raw.arg);
        const typed = arg.type === 'unknown' ? coerceTo(arg, 'text') : arg;
        return { k: 'collate', type: typed.type, arg: typed, collation: raw.collation };
      }
      case 'subscript': {
        const arg = this.expr(raw.arg);
        const elem = typeInfo(arg.type).elem ?? '?';
        return { k: 'subscript', type: elem, arg, index: coerceTo(this.expr(raw.index), 'int4') };
      }
    }
  }

  private cast(arg: Expr, to: TypeName): Expr {
    if (arg.k === 'array' && arg.elements.length === 0) return { k: 'coerce', type: to.type, mods: to.mods, arg: { ...arg, type: to.type }, explicit: true };
    // A cast to the type (and modifier) the value already has is no cast at all.
    if (arg.type === to.type && (to.mods.length === 0 || sameMods(modsOf(arg), to.mods))) return arg;
    if (arg.k === 'const' && arg.type === 'unknown') return coerceTo(arg, to.type, to.mods, true);
    return { k: 'coerce', type: to.type, mods: to.mods, arg, explicit: true };
  }

  operator(op: string, left: Expr | undefined, right: Expr): Expr {
    const inputs = left === undefined ? [right.type] : [left.type, right.type];
    const chosen = selectCandidate(operatorCandidates(op, inputs.length), inputs, inputs.length === 2);
    if (!chosen) return { k: 'op', type: '?', op, ...(left === undefined ? {} : { left }), right };
    const [p0 = '?', p1 = '?'] = chosen.params;
    if (left === undefined) return { k: 'op', type: chosen.result, op, right: coerceTo(right, p0) };
    return { k: 'op', type: chosen.result, op, left: coerceTo(left, p0), right: coerceTo(right, p1) };
  }

  call(name: string, args: readonly Expr[]): Expr {
    const chosen = selectCandidate(functionCandidates(name, args.length), args.map((a) => a.type), false);
    if (!chosen) return { k: 'func', type: '?', name, args };
    const coerced = args.map((a, i) => {
      const param = chosen.params[i] as PgType;
      // A "any" parameter takes its argument as it is; an untyped literal becomes text.
      if (chosen.signature.variadic && param === 'unknown') return coerceTo(a, 'text');
      return coerceTo(a, param);
    });
    return { k: 'func', type: chosen.result, name, args: coerced };
  }

  private distinct(leftRaw: RawExpr, rightRaw: RawExpr, not: boolean): Expr {
    const eq = this.operator('=', this.expr(leftRaw), this.expr(rightRaw));
    const node: Expr =
      eq.k === 'op' && eq.left !== undefined
        ? { k: 'distinct', type: BOOL, left: eq.left, right: eq.right }
        : { k: 'distinct', type: BOOL, left: this.expr(leftRaw), right: this.expr(rightRaw) };
    return not ? { k: 'not', type: BOOL, arg: node } : node;
  }

  /** transformAExprIn: constants go into one `= ANY (ARRAY[...])`, other items into their own comparisons. */
  private inList(argRaw: RawExpr, listRaw: readonly RawExpr[], not: boolean): Expr {
    const arg = this.expr(argRaw);
    const list = listRaw.map((r) => ({ raw: r, expr: this.expr(r) }));
    const constants = list.filter((x) => !mentionsColumn(x.raw));
    const others = list.filter((x) => mentionsColumn(x.raw));
    const op = not ? '<>' : '=';
    const clauses: Expr[] = [];
    if (constants.length > 1) {
      const common = commonType([arg, ...constants.map((c) => c.expr)]);
      const arrayType = common === undefined ? undefined : arrayOf(common);
      if (common !== undefined && arrayType !== undefined) {
        const array: Expr = { k: 'array', type: arrayType, elements: constants.map((c) => coerceTo(c.expr, common)) };
        clauses.push(this.scalarArray(op, not, arg, array));
      } else {
        for (const c of constants) clauses.push(this.operator(op, arg, c.expr));
      }
    } else {
      for (const c of constants) clauses.push(this.operator(op, arg, c.expr));
    }
    for (const o of others) clauses.push(this.operator(op, arg, o.expr));
    if (clauses.length === 1) return clauses[0] as Expr;
    return { k: 'bool', type: BOOL, op: not ? 'AND' : 'OR', args: clauses };
  }

  private scalarArray(op: string, all: boolean, left: Expr, right: Expr): Expr {
    const rightElem = right.type === 'unknown' ? 'unknown' : typeInfo(right.type).elem ?? '?';
    const chosen = selectCandidate(operatorCandidates(op, 2), [left.type, rightElem], true);
    if (!chosen) return { k: 'saop', type: '?', op, all, left, right };
    const [p0 = '?', p1 = '?'] = chosen.params;
    const arrayType = arrayOf(p1) ?? '?';
    return { k: 'saop', type: BOOL, op, all, left: coerceTo(left, p0), right: coerceTo(right, arrayType) };
  }

  private array(elements: readonly Expr[]): Expr {
    const common = commonType(elements);
    const type = common === undefined ? '?' : (arrayOf(common) ?? '?');
    return { k: 'array', type, elements: common === undefined ? elements : elements.map((e) => coerceTo(e, common)) };
  }

  private special(name: string, args: readonly Expr[]): Expr {
    if (name === 'NULLIF') {
      const [a, b] = args as [Expr, Expr];
      const eq = this.operator('=', a, b);
      if (eq.k !== 'op' || eq.left === undefined || eq.type === '?') return { k: 'special', type: '?', name, args };
      return { k: 'special', type: eq.left.type, name, args: [eq.left, eq.right] };
    }
    const common = commonType(args);
    if (common === undefined) return { k: 'special', type: '?', name, args };
    return { k: 'special', type: common, name, args: args.map((a) => coerceTo(a, common)) };
  }

  private caseExpr(raw: Extract<RawExpr, { k: 'case' }>): Expr {
    const whens = raw.whens.map(([cond, result]) => {
      const test = raw.arg === undefined ? toBool(this.expr(cond)) : this.operator('=', this.expr(raw.arg), this.expr(cond));
      return [test, this.expr(result)] as const;
    });
    const otherwise = raw.otherwise === undefined ? undefined : this.expr(raw.otherwise);
    const results = [...whens.map(([, r]) => r), ...(otherwise ? [otherwise] : [])];
    const common = commonType(results);
    const fix = (e: Expr): Expr => (common === undefined ? e : coerceTo(e, common));
    return {
      k: 'case',
      type: common ?? '?',
      whens: whens.map(([c, r]) => [c, fix(r)] as const),
      ...(otherwise === undefined ? {} : { otherwise: fix(otherwise) }),
    };
  }

  private sqlFunction(name: string, args: readonly Expr[], mode: string | undefined): Expr {
    const underlying =
      name === 'TRIM' ? (mode === 'LEADING' ? 'ltrim' : mode === 'TRAILING' ? 'rtrim' : 'btrim') : name === 'EXTRACT' ? 'extract' : name.toLowerCase();
    const call = this.call(underlying, args);
    const resolvedArgs = call.k === 'func' ? call.args : args;
    return { k: 'sqlfunc', type: call.type, name, args: resolvedArgs, ...(mode === undefined ? {} : { mode }) };
  }
}

function modsOf(expr: Expr): readonly number[] {
  return expr.k === 'var' || expr.k === 'coerce' || expr.k === 'const' ? (expr.mods ?? []) : [];
}

function sameMods(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

function toBool(expr: Expr): Expr {
  return expr.type === 'unknown' ? coerceTo(expr, BOOL) : expr;
}

function numberConst(text: string): Expr {
  if (/^-?\d+$/.test(text)) {
    const n = BigInt(text);
    if (n >= -2147483648n && n <= 2147483647n) return { k: 'const', type: 'int4', value: n.toString() };
    if (n >= -9223372036854775808n && n <= 9223372036854775807n) return { k: 'const', type: 'int8', value: n.toString() };
  }
  return { k: 'const', type: 'numeric', value: constValue('numeric', text) };
}

function mentionsColumn(raw: RawExpr): boolean {
  if (raw.k === 'col') return true;
  return Object.values(raw).some((v) => {
    if (Array.isArray(v)) return v.some((x) => (Array.isArray(x) ? x.some(isRawWithColumn) : isRawWithColumn(x)));
    return isRawWithColumn(v);
  });
}

function isRawWithColumn(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'k' in v && typeof (v as { k: unknown }).k === 'string' && mentionsColumn(v as RawExpr);
}

/**
 * select_common_type: the type a set of expressions (CASE results, COALESCE arguments,
 * ARRAY elements, IN lists) is converted to; `undefined` when their categories differ or a
 * type is unknown to the resolver.
 */
function commonType(exprs: readonly Expr[]): PgType | undefined {
  if (exprs.some((e) => e.type === '?')) return undefined;
  let ptype: PgType = 'unknown';
  for (const e of exprs) {
    const ntype = e.type;
    if (ntype === 'unknown' || ntype === ptype) continue;
    if (ptype === 'unknown') {
      ptype = ntype;
      continue;
    }
    const p = typeInfo(ptype);
    const n = typeInfo(ntype);
    if (n.category !== p.category) return undefined;
    if (!p.preferred && canCoerce(ptype, ntype) && !canCoerce(ntype, ptype)) ptype = ntype;
  }
  return ptype === 'unknown' ? 'text' : ptype;
}

import type { RawExpr, TypeName } from './postgres-schema-dialect-ast.js';
import { lexPostgres, type PgToken } from './postgres-schema-dialect-lexer.js';
import { readTypeName } from './postgres-schema-dialect-type.js';

// Binding powers, from PostgreSQL's operator precedence table (gram.y).
const BP = { or: 1, and: 2, not: 3, is: 4, cmp: 5, like: 6, op: 7, add: 8, mul: 9, exp: 10, at: 11, collate: 12, unary: 13, subscript: 14, cast: 15 };
const COMPARISON = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
const SVF = new Set(['current_date', 'current_time', 'current_timestamp', 'localtime', 'localtimestamp', 'current_role', 'current_user', 'session_user', 'user', 'current_catalog', 'current_schema']);
const SVF_PRECISION = new Set(['current_time', 'current_timestamp', 'localtime', 'localtimestamp']);

/**
 * Parses a PostgreSQL scalar expression (a default, a CHECK, an index key or predicate, a
 * generated column) into a {@link RawExpr}. Covers what those hold in practice: literals,
 * columns, operators with PostgreSQL's precedence, `::` and `CAST`, function calls, `CASE`,
 * `COALESCE`/`GREATEST`/`LEAST`/`NULLIF`, `IN`, `BETWEEN`, `LIKE`/`ILIKE`/`SIMILAR TO`, `IS`
 * tests, `ANY`/`ALL`, `ARRAY[...]`, `EXTRACT`, `SUBSTRING`, `POSITION`, `TRIM`, `AT TIME
 * ZONE`, `COLLATE`, subscripts and SQL value functions. Throws a plain `Error` on anything
 * else (sub-queries, row constructors): callers then keep the text as written.
 *
 * @example
 * ```ts
 * parsePostgresExpression('price > 0'); // { k: 'op', op: '>', left: { k: 'col', names: ['price'] }, right: { k: 'num', text: '0' } }
 * ```
 */
export function parsePostgresExpression(sql: string): RawExpr {
  const parser = new Parser(lexPostgres(sql));
  const expr = parser.expression(0);
  parser.expectEnd();
  return expr;
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: readonly PgToken[]) {}

  expectEnd(): void {
    if (this.i < this.tokens.length) throw new Error(`unexpected '${this.peek()?.text}'`);
  }

  private peek(k = 0): PgToken | undefined {
    return this.tokens[this.i + k];
  }

  private isWord(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t !== undefined && t.kind === 'word' && t.value === word;
  }

  private isText(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t !== undefined && (t.kind === 'punct' || t.kind === 'op') && t.text === text;
  }

  private take(): PgToken {
    const t = this.tokens[this.i++];
    if (!t) throw new Error('unexpected end of expression');
    return t;
  }

  private expectText(text: string): void {
    if (!this.isText(text)) throw new Error(`expected '${text}'`);
    this.i++;
  }

  private expectWord(word: string): void {
    if (!this.isWord(word)) throw new Error(`expected ${word.toUpperCase()}`);
    this.i++;
  }

  expression(minBp: number): RawExpr {
    let left = this.prefix();
    for (;;) {
      const next = this.infix(left, minBp);
      if (next === undefined) return left;
      left = next;
    }
  }

  private prefix(): RawExpr {
    const t = this.take();
    if (t.kind === 'number') return { k: 'num', text: t.text };
    if (t.kind === 'string') return t.prefix === 'B' || t.prefix === 'X' ? { k: 'typed', to: { type: 'bit', mods: [] }, value: t.text } : { k: 'str', value: t.value, prefix: t.prefix ?? '' };
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      const operand = this.expression(BP.unary);
      if (t.text === '-' && operand.k === 'num') return { k: 'num', text: operand.text.startsWith('-') ? operand.text.slice(1) : `-${operand.text}` };
      return { k: 'op', op: t.text, right: operand };
    }
    if (t.kind === 'op') return { k: 'op', op: t.text, right: this.expression(BP.op) };
    if (t.kind === 'punct' && t.text === '(') {
      if (this.isWord('select') || this.isWord('values') || this.isWord('with')) throw new Error('sub-queries are not supported');
      const inner = this.expression(0);
      if (this.isText(',')) throw new Error('row constructors are not supported');
      this.expectText(')');
      return inner;
    }
    if (t.kind === 'ident') return this.nameOrCall(t);
    if (t.kind !== 'word') throw new Error(`unexpected '${t.text}'`);
    switch (t.value) {
      case 'true':
      case 'false':
        return { k: 'bool', value: t.value === 'true' };
      case 'null':
        return { k: 'null' };
      case 'not':
        return { k: 'not', arg: this.expression(BP.not) };
      case 'array':
        return this.arrayLiteral();
      case 'cast': {
        this.expectText('(');
        const arg = this.expression(0);
        this.expectWord('as');
        const to = this.typeName();
        this.expectText(')');
        return { k: 'cast', arg, to };
      }
      case 'case':
        return this.caseExpr();
      case 'coalesce':
      case 'greatest':
      case 'least':
      case 'nullif':
        if (this.isText('(')) return { k: 'special', name: t.value.toUpperCase() as 'COALESCE', args: this.argumentList() };
        break;
      case 'extract':
      case 'substring':
      case 'position':
      case 'trim':
        if (this.isText('(')) return this.sqlFunction(t.value);
        break;
      case 'exists':
        throw new Error('sub-queries are not supported');
    }
    if (SVF.has(t.value) && !this.isText('(', 0)) return { k: 'svf', name: t.value.toUpperCase() };
    if (SVF_PRECISION.has(t.value) && this.isText('(') && this.peek(1)?.kind === 'number' && this.isText(')', 2)) {
      this.i++;
      const precision = Number(this.take().text);
      this.i++;
      return { k: 'svf', name: t.value.toUpperCase(), precision };
    }
    const typed = this.typedLiteral();
    if (typed) return typed;
    return this.nameOrCall(t);
  }

  /** `date '2020-01-01'`, `timestamp with time zone '...'`: a type name then a string. */
  private typedLiteral(): RawExpr | undefined {
    const start = this.i - 1;
    try {
      const [to, end] = readTypeName(this.tokens, start);
      const value = this.tokens[end];
      if (value?.kind !== 'string' || value.prefix === 'B' || value.prefix === 'X') return undefined;
      this.i = end + 1;
      return { k: 'typed', to, value: value.value };
    } catch {
      return undefined;
    }
  }

  private nameOrCall(first: PgToken): RawExpr {
    const names = [first.kind === 'word' ? first.value : first.value];
    while (this.isText('.') && (this.peek(1)?.kind === 'word' || this.peek(1)?.kind === 'ident')) {
      this.i++;
      names.push(this.take().value);
    }
    if (!this.isText('(')) return { k: 'col', names };
    this.i++;
    if (this.isText('*')) {
      this.i++;
      this.expectText(')');
      return { k: 'func', name: names, args: [], star: true };
    }
    if (this.isWord('distinct') || this.isWord('all') || this.isWord('variadic')) throw new Error('aggregate and variadic calls are not supported');
    const args: RawExpr[] = [];
    if (!this.isText(')')) {
      do {
        if (this.peek(1)?.text === '=>') throw new Error('named arguments are not supported');
        args.push(this.expression(0));
      } while (this.isText(',') && this.take());
    }
    this.expectText(')');
    if (this.isWord('over') || this.isWord('filter') || this.isWord('within')) throw new Error('window and aggregate calls are not supported');
    return { k: 'func', name: names, args, star: false };
  }

  private argumentList(): RawExpr[] {
    this.expectText('(');
    const args: RawExpr[] = [];
    do args.push(this.expression(0));
    while (this.isText(',') && this.take());
    this.expectText(')');
    return args;
  }

  private arrayLiteral(): RawExpr {
    if (this.isText('(')) throw new Error('ARRAY sub-queries are not supported');
    this.expectText('[');
    const elements: RawExpr[] = [];
    if (!this.isText(']')) {
      do {
        if (this.isText('[')) throw new Error('multi-dimensional ARRAY literals are not supported');
        elements.push(this.expression(0));
      } while (this.isText(',') && this.take());
    }
    this.expectText(']');
    return { k: 'array', elements };
  }

  private caseExpr(): RawExpr {
    const arg = this.isWord('when') ? undefined : this.expression(0);
    const whens: [RawExpr, RawExpr][] = [];
    while (this.isWord('when')) {
      this.i++;
      const cond = this.expression(0);
      this.expectWord('then');
      whens.push([cond, this.expression(0)]);
    }
    let otherwise: RawExpr | undefined;
    if (this.isWord('else')) {
      this.i++;
      otherwise = this.expression(0);
    }
    this.expectWord('end');
    if (whens.length === 0) throw new Error('CASE without WHEN');
    return { k: 'case', ...(arg === undefined ? {} : { arg }), whens, ...(otherwise === undefined ? {} : { otherwise }) };
  }

  private sqlFunction(name: string): RawExpr {
    this.expectText('(');
    let out: RawExpr;
    if (name === 'extract') {
      const field = this.take();
      const fieldName = field.kind === 'string' ? field.value : field.value;
      this.expectWord('from');
      out = { k: 'sqlfunc', name: 'EXTRACT', args: [{ k: 'str', value: fieldName, prefix: '' }, this.expression(0)] };
    } else if (name === 'position') {
      const needle = this.expression(BP.like + 1);
      this.expectWord('in');
      out = { k: 'sqlfunc', name: 'POSITION', args: [needle, this.expression(0)] };
    } else if (name === 'substring') {
      const arg = this.expression(0);
      if (this.isText(',')) {
        const args = [arg];
        while (this.isText(',') && this.take()) args.push(this.expression(0));
        this.expectText(')');
        return { k: 'func', name: ['substring'], args, star: false };
      }
      const args = [arg];
      let mode = '';
      if (this.isWord('from')) {
        this.i++;
        args.push(this.expression(0));
        mode = 'FROM';
      }
      if (this.isWord('for')) {
        this.i++;
        args.push(this.expression(0));
        mode += 'FOR';
      }
      if (this.isWord('similar')) throw new Error('SUBSTRING SIMILAR is not supported');
      out = { k: 'sqlfunc', name: 'SUBSTRING', args, mode };
    } else {
      let mode = 'BOTH';
      if (this.isWord('both') || this.isWord('leading') || this.isWord('trailing')) mode = this.take().value.toUpperCase();
      let chars: RawExpr | undefined;
      if (!this.isWord('from')) chars = this.expression(0);
      let arg: RawExpr;
      if (this.isWord('from')) {
        this.i++;
        arg = this.expression(0);
      } else {
        if (!chars) throw new Error('TRIM without an argument');
        arg = chars;
        chars = undefined;
      }
      out = { k: 'sqlfunc', name: 'TRIM', args: chars ? [arg, chars] : [arg], mode };
    }
    this.expectText(')');
    return out;
  }

  private typeName(): TypeName {
    const [name, end] = readTypeName(this.tokens, this.i);
    this.i = end;
    return name;
  }

  /** Extends `left` with the next infix or postfix construct binding at least `minBp`, or returns undefined. */
  private infix(left: RawExpr, minBp: number): RawExpr | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.kind === 'op' && t.text === '::') {
      if (BP.cast < minBp) return undefined;
      this.i++;
      return { k: 'cast', arg: left, to: this.typeName() };
    }
    if (t.kind === 'punct' && t.text === '[') {
      if (BP.subscript < minBp) return undefined;
      this.i++;
      const index = this.expression(0);
      if (this.isText(':')) throw new Error('array slices are not supported');
      this.expectText(']');
      return { k: 'subscript', arg: left, index };
    }
    if (t.kind === 'word') return this.wordInfix(left, t.value, minBp);
    if (t.kind !== 'op') return undefined;
    const op = t.text === '!=' ? '<>' : t.text;
    const bp = COMPARISON.has(op) ? BP.cmp : op === '+' || op === '-' ? BP.add : op === '*' || op === '/' || op === '%' ? BP.mul : op === '^' ? BP.exp : BP.op;
    if (bp < minBp) return undefined;
    this.i++;
    if ((this.isWord('any') || this.isWord('some') || this.isWord('all')) && this.isText('(', 1)) {
      const all = this.take().value === 'all';
      this.expectText('(');
      if (this.isWord('select')) throw new Error('sub-queries are not supported');
      const right = this.expression(0);
      this.expectText(')');
      return { k: 'anyall', op, all, left, right };
    }
    return { k: 'op', op, left, right: this.expression(bp + 1) };
  }

  private wordInfix(left: RawExpr, word: string, minBp: number): RawExpr | undefined {
    switch (word) {
      case 'or':
      case 'and': {
        const bp = word === 'or' ? BP.or : BP.and;
        if (bp < minBp) return undefined;
        this.i++;
        const right = this.expression(bp + 1);
        if (left.k === word) return { k: word, args: [...left.args, right] };
        return { k: word, args: [left, right] };
      }
      case 'is': {
        if (BP.is < minBp) return undefined;
        this.i++;
        const not = this.isWord('not');
        if (not) this.i++;
        const what = this.take();
        if (what.kind === 'word' && what.value === 'null') return { k: 'isnull', arg: left, not };
        if (what.kind === 'word' && (what.value === 'true' || what.value === 'false' || what.value === 'unknown')) {
          return { k: 'booltest', arg: left, test: `${not ? 'NOT ' : ''}${what.value.toUpperCase()}` };
        }
        if (what.kind === 'word' && what.value === 'distinct') {
          this.expectWord('from');
          return { k: 'distinct', left, right: this.expression(BP.is + 1), not };
        }
        throw new Error(`IS ${what.text} is not supported`);
      }
      case 'isnull':
      case 'notnull':
        if (BP.is < minBp) return undefined;
        this.i++;
        return { k: 'isnull', arg: left, not: word === 'notnull' };
      case 'not':
        if (BP.like < minBp) return undefined;
        if (!['in', 'between', 'like', 'ilike', 'similar'].includes(this.peek(1)?.value ?? '')) return undefined;
        this.i++;
        return this.likeFamily(left, this.take().value, true);
      case 'in':
      case 'between':
      case 'like':
      case 'ilike':
      case 'similar':
        if (BP.like < minBp) return undefined;
        this.i++;
        return this.likeFamily(left, word, false);
      case 'at':
        if (BP.at < minBp || !this.isWord('time', 1) || !this.isWord('zone', 2)) return undefined;
        this.i += 3;
        return { k: 'attz', arg: left, zone: this.expression(BP.at + 1) };
      case 'collate': {
        if (BP.collate < minBp) return undefined;
        this.i++;
        const parts = [this.take()];
        while (this.isText('.')) {
          this.i++;
          parts.push(this.take());
        }
        return { k: 'collate', arg: left, collation: parts.map((p) => (p.kind === 'ident' ? p.value : p.value)).join('.') };
      }
      default:
        return undefined;
    }
  }

  private likeFamily(left: RawExpr, word: string, not: boolean): RawExpr {
    if (word === 'in') {
      this.expectText('(');
      if (this.isWord('select')) throw new Error('sub-queries are not supported');
      const list: RawExpr[] = [];
      do list.push(this.expression(0));
      while (this.isText(',') && this.take());
      this.expectText(')');
      return { k: 'in', arg: left, list, not };
    }
    if (word === 'between') {
      if (this.isWord('symmetric') || this.isWord('asymmetric')) throw new Error('BETWEEN SYMMETRIC is not supported');
      const lo = this.expression(BP.like + 1);
      this.expectWord('and');
      const hi = this.expression(BP.like + 1);
      return { k: 'between', arg: left, lo, hi, not };
    }
    if (word === 'similar') this.expectWord('to');
    const pattern = this.expression(BP.like + 1);
    let escape: RawExpr | undefined;
    if (this.isWord('escape')) {
      this.i++;
      escape = this.expression(BP.like + 1);
    }
    if (word === 'similar') return { k: 'similar', not, arg: left, pattern, ...(escape ? { escape } : {}) };
    const op = `${not ? '!' : ''}~~${word === 'ilike' ? '*' : ''}`;
    return { k: 'like', op, arg: left, pattern, ...(escape ? { escape } : {}) };
  }
}

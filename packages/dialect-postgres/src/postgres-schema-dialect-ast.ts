import type { PgType } from './postgres-schema-dialect-catalog.js';

/**
 * A type name as written in SQL, resolved to the resolver's {@link PgType} plus its type
 * modifiers.
 *
 * @example
 * ```ts
 * const varchar20: TypeName = { type: 'varchar', mods: [20] };
 * ```
 */
export interface TypeName {
  readonly type: PgType;
  readonly mods: readonly number[];
}

/**
 * An expression as parsed, before types are resolved. Syntax that PostgreSQL rewrites at
 * parse time (`IN`, `BETWEEN`, `LIKE`) keeps its own node so the resolver can rewrite it the
 * way the server does once it knows the operand types.
 *
 * @example
 * ```ts
 * const raw: RawExpr = { k: 'op', op: '>', left: { k: 'col', names: ['qty'] }, right: { k: 'num', text: '0' } };
 * ```
 */
export type RawExpr =
  | { readonly k: 'num'; readonly text: string }
  | { readonly k: 'str'; readonly value: string; readonly prefix: string }
  | { readonly k: 'bool'; readonly value: boolean }
  | { readonly k: 'null' }
  | { readonly k: 'col'; readonly names: readonly string[] }
  | { readonly k: 'op'; readonly op: string; readonly left?: RawExpr; readonly right: RawExpr }
  | { readonly k: 'and' | 'or'; readonly args: readonly RawExpr[] }
  | { readonly k: 'not'; readonly arg: RawExpr }
  | { readonly k: 'isnull'; readonly arg: RawExpr; readonly not: boolean }
  | { readonly k: 'booltest'; readonly arg: RawExpr; readonly test: string }
  | { readonly k: 'distinct'; readonly left: RawExpr; readonly right: RawExpr; readonly not: boolean }
  | { readonly k: 'in'; readonly arg: RawExpr; readonly list: readonly RawExpr[]; readonly not: boolean }
  | { readonly k: 'between'; readonly arg: RawExpr; readonly lo: RawExpr; readonly hi: RawExpr; readonly not: boolean }
  | { readonly k: 'like'; readonly op: string; readonly arg: RawExpr; readonly pattern: RawExpr; readonly escape?: RawExpr }
  | { readonly k: 'similar'; readonly not: boolean; readonly arg: RawExpr; readonly pattern: RawExpr; readonly escape?: RawExpr }
  | { readonly k: 'anyall'; readonly op: string; readonly all: boolean; readonly left: RawExpr; readonly right: RawExpr }
  | { readonly k: 'cast'; readonly arg: RawExpr; readonly to: TypeName }
  | { readonly k: 'typed'; readonly to: TypeName; readonly value: string }
  | { readonly k: 'func'; readonly name: readonly string[]; readonly args: readonly RawExpr[]; readonly star: boolean }
  | { readonly k: 'special'; readonly name: 'COALESCE' | 'GREATEST' | 'LEAST' | 'NULLIF'; readonly args: readonly RawExpr[] }
  | { readonly k: 'svf'; readonly name: string; readonly precision?: number }
  | { readonly k: 'case'; readonly arg?: RawExpr; readonly whens: readonly (readonly [RawExpr, RawExpr])[]; readonly otherwise?: RawExpr }
  | { readonly k: 'array'; readonly elements: readonly RawExpr[] }
  | { readonly k: 'sqlfunc'; readonly name: 'EXTRACT' | 'SUBSTRING' | 'POSITION' | 'TRIM' | 'OVERLAY'; readonly args: readonly RawExpr[]; readonly mode?: string }
  | { readonly k: 'attz'; readonly arg: RawExpr; readonly zone: RawExpr }
  | { readonly k: 'collate'; readonly arg: RawExpr; readonly collation: string }
  | { readonly k: 'subscript'; readonly arg: RawExpr; readonly index: RawExpr };

/**
 * A resolved expression: every node knows its type, and implicit conversions are explicit
 * `coerce` nodes (shown or hidden by the printer as PostgreSQL's ruleutils does).
 *
 * @example
 * ```ts
 * const e: Expr = { k: 'coerce', type: 'numeric', mods: [], arg: { k: 'const', type: 'int4', value: '0' }, explicit: false }; // (0)::numeric
 * ```
 */
export type Expr =
  | { readonly k: 'const'; readonly type: PgType; readonly value: string | null; readonly mods?: readonly number[] }
  | { readonly k: 'var'; readonly type: PgType; readonly name: string; readonly mods?: readonly number[] }
  | { readonly k: 'coerce'; readonly type: PgType; readonly mods: readonly number[]; readonly arg: Expr; readonly explicit: boolean }
  | { readonly k: 'op'; readonly type: PgType; readonly op: string; readonly left?: Expr; readonly right: Expr }
  | { readonly k: 'bool'; readonly type: PgType; readonly op: 'AND' | 'OR'; readonly args: readonly Expr[] }
  | { readonly k: 'not'; readonly type: PgType; readonly arg: Expr }
  | { readonly k: 'isnull'; readonly type: PgType; readonly arg: Expr; readonly not: boolean }
  | { readonly k: 'booltest'; readonly type: PgType; readonly arg: Expr; readonly test: string }
  | { readonly k: 'distinct'; readonly type: PgType; readonly left: Expr; readonly right: Expr }
  | { readonly k: 'saop'; readonly type: PgType; readonly op: string; readonly all: boolean; readonly left: Expr; readonly right: Expr }
  | { readonly k: 'array'; readonly type: PgType; readonly elements: readonly Expr[] }
  | { readonly k: 'func'; readonly type: PgType; readonly name: string; readonly args: readonly Expr[]; readonly star?: boolean }
  | { readonly k: 'special'; readonly type: PgType; readonly name: string; readonly args: readonly Expr[] }
  | { readonly k: 'sqlfunc'; readonly type: PgType; readonly name: string; readonly args: readonly Expr[]; readonly mode?: string }
  | { readonly k: 'svf'; readonly type: PgType; readonly name: string; readonly precision?: number }
  | { readonly k: 'case'; readonly type: PgType; readonly whens: readonly (readonly [Expr, Expr])[]; readonly otherwise?: Expr }
  | { readonly k: 'attz'; readonly type: PgType; readonly arg: Expr; readonly zone: Expr }
  | { readonly k: 'collate'; readonly type: PgType; readonly arg: Expr; readonly collation: string }
  | { readonly k: 'subscript'; readonly type: PgType; readonly arg: Expr; readonly index: Expr };

import { RetortError } from '@retort/core';
import type { Deferrable, ReferentialAction } from '../schema-ir.js';
import type { ColumnBuilder } from './column-builder.js';
import type { ModelColumnRef, SqlExpression } from './sql-tag.js';

/** A key of an index in a model: a column reference or an `sql` expression. */
export type ModelIndexKey = ModelColumnRef | SqlExpression;

/** A table-level part of a model: index, unique, primary key, foreign key or check. */
export type TablePart =
  | { readonly kind: 'index'; readonly name: string; readonly unique: boolean; readonly keys: readonly ModelIndexKey[]; readonly predicate?: string; readonly accessMethod?: string; readonly descendingKeys?: readonly boolean[] }
  | { readonly kind: 'unique'; readonly name?: string; readonly columns: readonly ModelColumnRef[] }
  | { readonly kind: 'primaryKey'; readonly name?: string; readonly columns: readonly ModelColumnRef[] }
  | {
      readonly kind: 'foreignKey';
      readonly name?: string;
      readonly columns: readonly ModelColumnRef[];
      readonly references: readonly ModelColumnRef[];
      readonly onDelete?: ReferentialAction | Lowercase<ReferentialAction>;
      readonly onUpdate?: ReferentialAction | Lowercase<ReferentialAction>;
      readonly deferrable?: Deferrable;
    }
  | { readonly kind: 'check'; readonly name?: string; readonly expression: string };

/**
 * A table model: a reference per column (`users.id`), and its name, column builders and
 * table-level parts under `$` keys (so columns may be called `name` or `kind`).
 */
export type TableModel<C extends Record<string, ColumnBuilder> = Record<string, ColumnBuilder>> = {
  readonly $kind: 'table';
  readonly $name: string;
  readonly $columns: C;
  readonly $parts: readonly TablePart[];
  readonly $comment?: string;
} & { readonly [K in keyof C]: ModelColumnRef };

/** Options of {@link table}. */
export interface TableOptions {
  readonly comment?: string;
}

/**
 * Declares a table. Keys of `columns` are the column names; the optional callback gets a
 * reference per column and returns table-level parts (indexes, composite keys, checks).
 * Every column is also a property of the result, for references: `orders.user_id`.
 * Column names must not start with `$`.
 *
 * @example
 * ```ts
 * export const users = table('users', {
 *   id: integer().primaryKey(),
 *   username: varchar(50).notNull().unique(),
 *   email: varchar(255).notNull(),
 * }, (t) => [index('idx_user_email').on(t.email)]);
 * ```
 */
export function table<C extends Record<string, ColumnBuilder>>(
  name: string,
  columns: C,
  parts?: (t: { readonly [K in keyof C]: ModelColumnRef }) => readonly TablePart[],
  options: TableOptions = {},
): TableModel<C> {
  const refs = {} as Record<string, ModelColumnRef>;
  for (const column of Object.keys(columns)) refs[column] = { kind: 'columnRef', table: name, column };
  const typedRefs = refs as { readonly [K in keyof C]: ModelColumnRef };
  const model = {
    ...refs,
    $kind: 'table' as const,
    $name: name,
    $columns: columns,
    $parts: parts ? parts(typedRefs) : [],
    ...(options.comment === undefined ? {} : { $comment: options.comment }),
  };
  return model as unknown as TableModel<C>;
}

/** Builder of an index: `.on(...)`, then optionally `.where(...)`, `.using(...)`, `.desc(...)`. */
export class IndexBuilder {
  private readonly name: string;
  private readonly unique: boolean;

  constructor(name: string, unique: boolean) {
    this.name = name;
    this.unique = unique;
  }

  /** The indexed columns or expressions, in order. */
  on(...keys: ModelIndexKey[]): IndexPart {
    return new IndexPart({ kind: 'index', name: this.name, unique: this.unique, keys });
  }
}

/** An index in a model (a {@link TablePart}) with chainable options. */
export class IndexPart {
  readonly kind = 'index' as const;
  readonly name: string;
  readonly unique: boolean;
  readonly keys: readonly ModelIndexKey[];
  readonly predicate?: string;
  readonly accessMethod?: string;
  readonly descendingKeys?: readonly boolean[];

  constructor(part: Extract<TablePart, { kind: 'index' }>) {
    this.name = part.name;
    this.unique = part.unique;
    this.keys = part.keys;
    if (part.predicate !== undefined) this.predicate = part.predicate;
    if (part.accessMethod !== undefined) this.accessMethod = part.accessMethod;
    if (part.descendingKeys !== undefined) this.descendingKeys = part.descendingKeys;
  }

  private toPart(): Extract<TablePart, { kind: 'index' }> {
    return {
      kind: 'index',
      name: this.name,
      unique: this.unique,
      keys: this.keys,
      ...(this.predicate === undefined ? {} : { predicate: this.predicate }),
      ...(this.accessMethod === undefined ? {} : { accessMethod: this.accessMethod }),
      ...(this.descendingKeys === undefined ? {} : { descendingKeys: this.descendingKeys }),
    };
  }

  /** A partial index: only rows matching `predicate`. */
  where(predicate: SqlExpression | string): IndexPart {
    return new IndexPart({ ...this.toPart(), predicate: typeof predicate === 'string' ? predicate : predicate.text });
  }

  /** Postgres access method (`'gin'`, `'gist'`, `'brin'`, `'hash'`). */
  using(method: string): IndexPart {
    return new IndexPart({ ...this.toPart(), accessMethod: method });
  }

  /** Marks keys descending by position: `.desc(false, true)`. */
  desc(...flags: boolean[]): IndexPart {
    return new IndexPart({ ...this.toPart(), descendingKeys: flags });
  }
}

/** @example `index('idx_user_email').on(t.email)` */
export const index = (name: string): IndexBuilder => new IndexBuilder(name, false);
/** @example `uniqueIndex('uq_active_email').on(t.email).where(sql\`deleted_at IS NULL\`)` */
export const uniqueIndex = (name: string): IndexBuilder => new IndexBuilder(name, true);

/** A composite unique constraint. @example `unique('uq_slug_per_org', t.organization_id, t.slug)` */
export function unique(name: string | undefined, ...columns: ModelColumnRef[]): TablePart {
  return name === undefined ? { kind: 'unique', columns } : { kind: 'unique', name, columns };
}

/** A composite primary key. @example `primaryKey(undefined, t.order_id, t.product_id)` */
export function primaryKey(name: string | undefined, ...columns: ModelColumnRef[]): TablePart {
  return name === undefined ? { kind: 'primaryKey', columns } : { kind: 'primaryKey', name, columns };
}

/**
 * A composite foreign key.
 *
 * @example
 * ```ts
 * foreignKey({ columns: [t.order_id, t.line], references: [lines.order_id, lines.line], onDelete: 'CASCADE' })
 * ```
 */
export function foreignKey(spec: Omit<Extract<TablePart, { kind: 'foreignKey' }>, 'kind'>): TablePart {
  return { kind: 'foreignKey', ...spec };
}

/** A table CHECK constraint. @example `check('positive_total', sql\`total >= 0\`)` */
export function check(expression: SqlExpression): TablePart;
export function check(name: string | undefined, expression: SqlExpression | string): TablePart;
export function check(first: string | undefined | SqlExpression, second?: SqlExpression | string): TablePart {
  // check(sql`...`) names nothing; check('name', sql`...`) names the constraint.
  const [name, expression] = second === undefined && typeof first === 'object' ? [undefined, first] : [first as string | undefined, second];
  if (expression === undefined) {
    throw new RetortError('E_MODEL', `check('${String(first)}') has no expression; write check(sql\`...\`) or check('name', sql\`...\`).`, {
      facts: { argument: String(first) },
    });
  }
  const text = typeof expression === 'string' ? expression : expression.text;
  return name === undefined ? { kind: 'check', expression: text } : { kind: 'check', name, expression: text };
}

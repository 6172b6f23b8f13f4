import type { Deferrable, ReferentialAction } from '../schema-ir.js';
import { sqlValueText, type ModelColumnRef, type SqlExpression, type SqlValue } from './sql-tag.js';

/** What a foreign key in a model points at: a column, a function returning one (self and forward references), or `'table'` / `'table.column'`. */
export type ReferenceTarget = ModelColumnRef | (() => ModelColumnRef) | string;

/** Options of {@link ColumnBuilder.references}. */
export interface ReferenceOptions {
  readonly onDelete?: ReferentialAction | Lowercase<ReferentialAction>;
  readonly onUpdate?: ReferentialAction | Lowercase<ReferentialAction>;
  readonly name?: string;
  readonly deferrable?: Deferrable;
}

/** Everything a column builder has collected; read by `fromModels`. */
export interface ColumnSpec {
  readonly type: string;
  /** Name of the enum type when the column is an enum column. */
  readonly enumName?: string;
  readonly enumValues?: readonly string[];
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  readonly unique?: { readonly name?: string };
  readonly default?: string;
  readonly references?: { readonly target: ReferenceTarget; readonly options: ReferenceOptions };
  readonly checks: readonly { readonly name?: string; readonly expression: string }[];
  readonly collation?: string;
  readonly generated?: { readonly expression: string; readonly stored: boolean };
  readonly identity?: 'always' | 'by-default';
  readonly autoincrement?: true;
  readonly comment?: string;
}

/**
 * A column in a model. Immutable: every method returns a new builder, so a builder can be
 * shared as a template (`const money = numeric(10, 2).notNull()`).
 *
 * @example
 * ```ts
 * const email = varchar(255).notNull().unique();
 * const createdAt = timestamp().notNull().default(sql`CURRENT_TIMESTAMP`);
 * ```
 */
export class ColumnBuilder {
  readonly spec: ColumnSpec;

  constructor(spec: ColumnSpec) {
    this.spec = spec;
  }

  private with(patch: Partial<ColumnSpec>): ColumnBuilder {
    return new ColumnBuilder({ ...this.spec, ...patch });
  }

  /** NOT NULL. */
  notNull(): ColumnBuilder {
    return this.with({ nullable: false });
  }

  /** The primary key (NOT NULL implied). Several columns marked so form a composite key. */
  primaryKey(): ColumnBuilder {
    return this.with({ primaryKey: true, nullable: false });
  }

  /** A single-column unique constraint, optionally named. */
  unique(name?: string): ColumnBuilder {
    return this.with({ unique: name === undefined ? {} : { name } });
  }

  /** Default: a JavaScript value (a literal) or `sql\`...\`` (an expression). */
  default(value: SqlValue): ColumnBuilder {
    return this.with({ default: sqlValueText(value) });
  }

  /**
   * A foreign key to another column. Use a function for self and forward references:
   * `integer().references(() => categories.id)`; `'users'` means the users' primary key.
   */
  references(target: ReferenceTarget, options: ReferenceOptions = {}): ColumnBuilder {
    return this.with({ references: { target, options } });
  }

  /** A CHECK constraint on this column, optionally named. */
  check(expression: SqlExpression | string, name?: string): ColumnBuilder {
    const text = typeof expression === 'string' ? expression : expression.text;
    return this.with({ checks: [...this.spec.checks, name === undefined ? { expression: text } : { name, expression: text }] });
  }

  /** COLLATE `name` (`'NOCASE'` on SQLite, `'C'` on Postgres). */
  collate(name: string): ColumnBuilder {
    return this.with({ collation: name });
  }

  /** GENERATED ALWAYS AS (expression), STORED by default (VIRTUAL is SQLite-only). */
  generatedAlwaysAs(expression: SqlExpression | string, options: { stored?: boolean } = {}): ColumnBuilder {
    const text = typeof expression === 'string' ? expression : expression.text;
    return this.with({ generated: { expression: text, stored: options.stored ?? true } });
  }

  /** Postgres identity column; SQLite ignores it (an INTEGER PRIMARY KEY numbers itself). */
  identity(kind: 'always' | 'by-default' = 'by-default'): ColumnBuilder {
    return this.with({ identity: kind, nullable: false });
  }

  /** SQLite AUTOINCREMENT (never reuse ids); only on an integer primary key. */
  autoincrement(): ColumnBuilder {
    return this.with({ autoincrement: true });
  }

  /** A comment (Postgres COMMENT ON COLUMN). */
  comment(text: string): ColumnBuilder {
    return this.with({ comment: text });
  }
}

function column(type: string): ColumnBuilder {
  return new ColumnBuilder({ type, nullable: true, primaryKey: false, checks: [] });
}

/** @example `id: integer().primaryKey()` */
export const integer = (): ColumnBuilder => column('integer');
/** @example `views: bigint().notNull().default(0)` */
export const bigint = (): ColumnBuilder => column('bigint');
/** @example `rank: smallint()` */
export const smallint = (): ColumnBuilder => column('smallint');
/** An auto-numbered integer key: identity on Postgres, the rowid on SQLite. @example `id: serial().primaryKey()` */
export const serial = (): ColumnBuilder => column('integer').identity('by-default');
/** @example `body: text().notNull()` */
export const text = (): ColumnBuilder => column('text');
/** @example `username: varchar(50).notNull().unique()` */
export const varchar = (length?: number): ColumnBuilder => column(length === undefined ? 'varchar' : `varchar(${length})`);
/** @example `country: char(2)` */
export const char = (length = 1): ColumnBuilder => column(`char(${length})`);
/** @example `active: boolean().notNull().default(true)` */
export const boolean = (): ColumnBuilder => column('boolean');
/** @example `score: real()` */
export const real = (): ColumnBuilder => column('real');
/** @example `ratio: doublePrecision()` */
export const doublePrecision = (): ColumnBuilder => column('double precision');
/** @example `price: numeric(10, 2).notNull()` */
export const numeric = (precision?: number, scale?: number): ColumnBuilder =>
  column(precision === undefined ? 'numeric' : scale === undefined ? `numeric(${precision})` : `numeric(${precision},${scale})`);
/** Same as {@link numeric}. @example `total: decimal(12, 2)` */
export const decimal = (precision?: number, scale?: number): ColumnBuilder =>
  column(precision === undefined ? 'decimal' : scale === undefined ? `decimal(${precision})` : `decimal(${precision},${scale})`);
/** @example `born: date()` */
export const date = (): ColumnBuilder => column('date');
/** @example `opens: time()` */
export const time = (): ColumnBuilder => column('time');
/** Timestamp without time zone. @example `created_at: timestamp().default(sql\`CURRENT_TIMESTAMP\`)` */
export const timestamp = (): ColumnBuilder => column('timestamp');
/** Timestamp with time zone. @example `paid_at: timestamptz()` */
export const timestamptz = (): ColumnBuilder => column('timestamptz');
/** @example `settings: json()` */
export const json = (): ColumnBuilder => column('json');
/** @example `payload: jsonb()` */
export const jsonb = (): ColumnBuilder => column('jsonb');
/** @example `id: uuid().primaryKey().default(sql\`gen_random_uuid()\`)` */
export const uuid = (): ColumnBuilder => column('uuid');
/** Binary data (bytea on Postgres). @example `avatar: blob()` */
export const blob = (): ColumnBuilder => column('blob');
/** Any other type, spelled as the database spells it. @example `name: customType('citext')` */
export const customType = (type: string): ColumnBuilder => column(type);

/** Builds an enum column; used by `enumType(...).column()`. */
export function enumColumn(name: string, values: readonly string[]): ColumnBuilder {
  return new ColumnBuilder({ type: name, enumName: name, enumValues: values, nullable: true, primaryKey: false, checks: [] });
}

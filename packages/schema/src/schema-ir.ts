/**
 * The schema IR: what a database (or a set of models) looks like, in one namespace.
 *
 * The same shapes come out of introspection and out of the model DSL, normalized by the
 * dialect (see {@link SchemaDialect.normalizeSchema}) so that two schemas describing the same
 * database compare equal with plain structural equality. Every shape is plain JSON (no
 * classes, no bigint, no undefined-only fields needed) so a schema can be cached on disk.
 *
 * Conventions:
 * - Names are unquoted and case-preserved (`'users'`, `'PlaylistTrack'`); renderers quote.
 * - SQL expressions (defaults, checks, generated columns, index expressions and predicates,
 *   view bodies) are text in the dialect's canonical form (its `normalizeExpression`).
 * - Types are the dialect's canonical spelling (`'integer'`, `'varchar(50)'`,
 *   `'numeric(10,2)'`); a Postgres enum column has the enum's name as its type.
 * - Optional fields are omitted when they hold the default (no `undefined`, no `null`), so
 *   equality is structural. Arrays of named things are sorted by name (columns keep their
 *   table order).
 * - Postgres-only parts (enums, sequences, identity, methods, deferrable, comments) are
 *   simply absent on SQLite; SQLite-only parts (`withoutRowid`, `strict`, `autoincrement`)
 *   are absent on Postgres.
 */

/**
 * A whole schema: one namespace of one database.
 *
 * @example
 * ```ts
 * const empty: Schema = { tables: [], views: [], enums: [], sequences: [], triggers: [] };
 * ```
 */
export interface Schema {
  /** Tables sorted by name. */
  readonly tables: readonly Table[];
  /** Views (and Postgres materialized views) sorted by name. */
  readonly views: readonly View[];
  /** Postgres enum types sorted by name; always empty on SQLite. */
  readonly enums: readonly EnumType[];
  /** Postgres sequences not owned by an identity column, sorted by name. */
  readonly sequences: readonly Sequence[];
  /** Triggers sorted by name (SQLite triggers are kept through table rebuilds). */
  readonly triggers: readonly Trigger[];
}

/**
 * One table.
 *
 * @example
 * ```ts
 * const t: Table = {
 *   name: 'users',
 *   columns: [{ name: 'id', type: 'integer', nullable: false }],
 *   primaryKey: { columns: ['id'] },
 *   uniques: [], foreignKeys: [], checks: [], indexes: [],
 * };
 * ```
 */
export interface Table {
  readonly name: string;
  /** Columns in table order. */
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  /** Unique constraints (not unique indexes: those are in `indexes`). */
  readonly uniques: readonly UniqueConstraint[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly checks: readonly CheckConstraint[];
  /** Indexes created with CREATE INDEX, sorted by name. */
  readonly indexes: readonly Index[];
  readonly comment?: string;
  /** SQLite `WITHOUT ROWID`. */
  readonly withoutRowid?: true;
  /** SQLite `STRICT`. */
  readonly strict?: true;
  /** Postgres partitioned table: its partition key as `pg_get_partkeydef` prints it (`'RANGE (created_at)'`). */
  readonly partitionBy?: string;
  /**
   * Postgres partition: the partitioned table it is attached to and its bound as
   * `pg_get_expr` prints it (`"FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')"`, `'DEFAULT'`).
   * Constraints and indexes the partition inherits from that table are not listed.
   */
  readonly partitionOf?: { readonly table: string; readonly bound: string };
}

/**
 * One column.
 *
 * @example
 * ```ts
 * const c: Column = { name: 'created_at', type: 'timestamp', nullable: false, default: 'CURRENT_TIMESTAMP' };
 * ```
 */
export interface Column {
  readonly name: string;
  /** Canonical type of the dialect; for a Postgres enum, the enum's name. */
  readonly type: string;
  readonly nullable: boolean;
  /** Default as a canonical SQL expression (`"'draft'"`, `'0'`, `'CURRENT_TIMESTAMP'`). */
  readonly default?: string;
  /** Postgres identity column: `GENERATED ALWAYS|BY DEFAULT AS IDENTITY`. */
  readonly identity?: 'always' | 'by-default';
  /** SQLite `INTEGER PRIMARY KEY AUTOINCREMENT` (the column must be the sole primary key). */
  readonly autoincrement?: true;
  /** Generated column (`GENERATED ALWAYS AS (expression) STORED|VIRTUAL`). */
  readonly generated?: GeneratedColumn;
  /** Collation name when not the default (`'NOCASE'`, `'C'`). */
  readonly collation?: string;
  readonly comment?: string;
}

/** A generated column's expression and storage. */
export interface GeneratedColumn {
  readonly expression: string;
  /** `true` for STORED; `false` for VIRTUAL (SQLite only; Postgres generated columns are stored). */
  readonly stored: boolean;
}

/**
 * The primary key. `name` is absent when the database did not name it (SQLite) or when it
 * has the dialect's default name (Postgres `<table>_pkey`).
 *
 * @example
 * ```ts
 * const pk: PrimaryKey = { name: 'PK_PlaylistTrack', columns: ['PlaylistId', 'TrackId'] };
 * ```
 */
export interface PrimaryKey {
  readonly name?: string;
  readonly columns: readonly string[];
}

/**
 * A unique constraint.
 *
 * @example
 * ```ts
 * const u: UniqueConstraint = { name: 'users_email_key', columns: ['email'] };
 * ```
 */
export interface UniqueConstraint {
  readonly name?: string;
  readonly columns: readonly string[];
  /** Postgres 15 `NULLS NOT DISTINCT`. */
  readonly nullsNotDistinct?: true;
  readonly deferrable?: Deferrable;
}

/** Referential action of a foreign key, as SQL spells it. */
export type ReferentialAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

/** `DEFERRABLE INITIALLY IMMEDIATE` or `DEFERRABLE INITIALLY DEFERRED`. */
export type Deferrable = 'immediate' | 'deferred';

/**
 * A foreign key. `references.columns` is always explicit (a reference without a column list
 * is resolved to the target's primary key by the introspector or the model loader).
 *
 * @example
 * ```ts
 * const fk: ForeignKey = {
 *   columns: ['user_id'], references: { table: 'users', columns: ['id'] },
 *   onDelete: 'CASCADE', onUpdate: 'NO ACTION',
 * };
 * ```
 */
export interface ForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly references: { readonly table: string; readonly columns: readonly string[] };
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
  readonly deferrable?: Deferrable;
}

/**
 * A CHECK constraint.
 *
 * @example
 * ```ts
 * const c: CheckConstraint = { name: 'price_positive', expression: 'price > 0' };
 * ```
 */
export interface CheckConstraint {
  readonly name?: string;
  readonly expression: string;
}

/**
 * One key of an index: a column or an expression, with its options.
 *
 * @example
 * ```ts
 * const keys: IndexKey[] = [{ column: 'email' }, { expression: 'lower(name)', descending: true }];
 * ```
 */
export type IndexKey = (
  | { readonly column: string; readonly expression?: never }
  | { readonly expression: string; readonly column?: never }
) & {
  readonly descending?: true;
  readonly nulls?: 'first' | 'last';
  readonly collation?: string;
  /** Postgres operator class (`'gin_trgm_ops'`). */
  readonly opclass?: string;
};

/**
 * An index created with CREATE INDEX.
 *
 * @example
 * ```ts
 * const ix: Index = { name: 'idx_user_email', keys: [{ column: 'email' }], unique: false };
 * const partial: Index = { name: 'active_email', keys: [{ column: 'email' }], unique: true, where: 'deleted_at IS NULL' };
 * ```
 */
export interface Index {
  readonly name: string;
  readonly keys: readonly IndexKey[];
  readonly unique: boolean;
  /** Partial index predicate. */
  readonly where?: string;
  /** Postgres access method when not `btree` (`'gin'`, `'gist'`, `'brin'`, `'hash'`). */
  readonly method?: string;
  /** Postgres `INCLUDE (...)` columns. */
  readonly include?: readonly string[];
  /** Postgres 15 `NULLS NOT DISTINCT`. */
  readonly nullsNotDistinct?: true;
}

/**
 * A view. `definition` is the query after `AS`, canonical for the dialect.
 *
 * @example
 * ```ts
 * const v: View = { name: 'active_users', definition: 'SELECT id, email FROM users WHERE active' };
 * ```
 */
export interface View {
  readonly name: string;
  readonly definition: string;
  /** Explicit column names (`CREATE VIEW v (a, b) AS ...`). */
  readonly columns?: readonly string[];
  /** Postgres materialized view. */
  readonly materialized?: true;
  /** Indexes of a Postgres materialized view, sorted by name. */
  readonly indexes?: readonly Index[];
  readonly comment?: string;
}

/**
 * A Postgres enum type; values in declaration order.
 *
 * @example
 * ```ts
 * const e: EnumType = { name: 'order_status', values: ['pending', 'paid', 'shipped'] };
 * ```
 */
export interface EnumType {
  readonly name: string;
  readonly values: readonly string[];
  readonly comment?: string;
}

/**
 * A Postgres sequence. Numbers are decimal strings (they may exceed 2^53); all fields are
 * explicit, as the catalog reports them.
 *
 * @example
 * ```ts
 * const s: Sequence = {
 *   name: 'invoice_number_seq', type: 'bigint', start: '1000', increment: '1',
 *   min: '1', max: '9223372036854775807', cache: '1', cycle: false,
 * };
 * ```
 */
export interface Sequence {
  readonly name: string;
  /** `'smallint'`, `'integer'` or `'bigint'`. */
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** `OWNED BY table.column`. */
  readonly ownedBy?: { readonly table: string; readonly column: string };
}

/**
 * A trigger, kept as the full statement that creates it (SQLite's stored `CREATE TRIGGER`,
 * Postgres' `pg_get_triggerdef`), canonical for the dialect.
 *
 * @example
 * ```ts
 * const t: Trigger = {
 *   name: 'touch_updated_at', table: 'posts',
 *   definition: 'CREATE TRIGGER touch_updated_at AFTER UPDATE ON posts BEGIN UPDATE posts SET updated_at = CURRENT_TIMESTAMP WHERE id = new.id; END',
 * };
 * ```
 */
export interface Trigger {
  readonly name: string;
  readonly table: string;
  readonly definition: string;
}

/** A column of a table, as `{ table, column }`. */
export interface ColumnRef {
  readonly table: string;
  readonly column: string;
}

/**
 * The empty schema.
 *
 * @example
 * ```ts
 * diff(EMPTY_SCHEMA, modelsSchema); // create everything
 * ```
 */
export const EMPTY_SCHEMA: Schema = Object.freeze({
  tables: Object.freeze([]),
  views: Object.freeze([]),
  enums: Object.freeze([]),
  sequences: Object.freeze([]),
  triggers: Object.freeze([]),
}) as Schema;

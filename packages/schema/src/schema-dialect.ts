import type { Queryable } from '@retort/core';
import type { Hazard } from './hazard.js';
import type { Operation } from './operations.js';
import type { Schema, Table } from './schema-ir.js';

/**
 * How a type change relates the old values to the new type.
 * - `same`: the canonical types are equal.
 * - `widening`: every old value fits (varchar(50) to varchar(100), integer to bigint).
 * - `narrowing`: some old values may not fit (varchar(100) to varchar(50), bigint to integer).
 * - `incompatible`: a cast is needed and may fail (text to integer).
 */
export type TypeChange = 'same' | 'widening' | 'narrowing' | 'incompatible';

/** Options for {@link SchemaDialect.introspect}. */
export interface IntrospectOptions {
  /**
   * Tables to leave out (Retort's own version and history tables). Default
   * `['retort_version', 'retort_history']`.
   */
  readonly excludeTables?: readonly string[];
  /** Postgres schema to read; default `public`. Ignored by SQLite. */
  readonly schema?: string;
  /**
   * Where the dialect keeps what it read, by a cheap fingerprint of the catalog: one short
   * query decides whether the last result still holds (SQLite: the text of its sqlite_schema
   * rows; PostgreSQL: row counts and transaction ids of the system catalogs), and the
   * catalog queries and their parsing are skipped.
   */
  readonly cache?: IntrospectCache;
}

/**
 * A store for introspection results by key (the key covers everything the result depends
 * on, so a hit is always exact).
 *
 * @example
 * ```ts
 * const memory = new Map<string, Schema>();
 * const cache: IntrospectCache = { get: (key) => memory.get(key), set: (key, schema) => void memory.set(key, schema) };
 * ```
 */
export interface IntrospectCache {
  get(key: string): Schema | undefined;
  set(key: string, schema: Schema): void;
}

/** Options for {@link SchemaDialect.render}. */
export interface RenderOptions {
  /** The schema the operations apply to (renderers that rebuild tables need it). */
  readonly from: Schema;
  /**
   * Oldest server version the SQL must run on, e.g. `'3.35'` (SQLite, the default) or
   * `'3.53'` to use newer ALTER TABLE forms; Postgres ignores it for now.
   */
  readonly targetVersion?: string;
  /** Postgres: build indexes on existing tables with CONCURRENTLY (outside a transaction). */
  readonly concurrentIndexes?: boolean;
}

/**
 * SQL rendered for a list of operations.
 *
 * @example
 * ```ts
 * const r: RenderedSql = { statements: ['ALTER TABLE "users" ADD COLUMN "bio" TEXT'], transactional: true, hazards: [] };
 * ```
 */
export interface RenderedSql {
  /** Statements without their terminating `;`, in order. */
  readonly statements: readonly string[];
  /**
   * `false` when the statements must run outside the runner's transaction (the file then
   * starts with `-- retort:no-transaction`; the statements manage their own transaction).
   */
  readonly transactional: boolean;
  /** Hazards only the renderer knows about (a SQLite rebuild, a Postgres rewrite). */
  readonly hazards: readonly Hazard[];
}

/** What a dialect's DDL can do; the diff and the hazard checks read these. */
export interface SchemaCapabilities {
  /** Enum types exist (Postgres); without them the model's enums become CHECK constraints. */
  readonly enums: boolean;
  /** Sequences exist (Postgres). */
  readonly sequences: boolean;
  /** Indexes can be built without blocking writes (Postgres CONCURRENTLY). */
  readonly concurrentIndexes: boolean;
  /** Table and column comments exist (Postgres). */
  readonly comments: boolean;
  /**
   * A foreign key may name a table that does not exist yet (SQLite checks on use). Without
   * it, the diff breaks foreign-key cycles between new tables with `addForeignKey` ops.
   */
  readonly forwardForeignKeys: boolean;
}

/**
 * The contract a dialect implements for introspect-and-diff: read the catalog into the IR,
 * normalize types and expressions exactly as its catalog reports them, compare types, and
 * render operations as DDL. The diff, reverse and hazard logic in `@retort/schema` is
 * dialect-neutral and calls only this.
 *
 * @example
 * ```ts
 * const schema = await sqliteSchemaDialect.introspect(connection);
 * const ops = diff(schema, fromModels(models, sqliteSchemaDialect), { resolveRename });
 * const { statements } = sqliteSchemaDialect.render(ops, { from: schema });
 * ```
 */
export interface SchemaDialect {
  /** `'sqlite'` or `'postgres'`, as in `Dialect.name`. */
  readonly name: string;
  readonly capabilities: SchemaCapabilities;
  /**
   * Reads the whole schema in a few batched catalog queries (never one per table) and
   * returns it normalized (see {@link normalizeSchema}).
   */
  introspect(db: Queryable, options?: IntrospectOptions): Promise<Schema>;
  /** Canonical spelling of a type: `'VARCHAR( 50 )'` to `'varchar(50)'` on SQLite. */
  normalizeType(type: string): string;
  /** Canonical text of an SQL expression, as this dialect's catalog would report it. */
  normalizeExpression(sql: string): string;
  /**
   * Canonical text of a view's query or a trigger's statement. Unlike expressions, their
   * bare words may not change case (a select list names the view's columns).
   */
  normalizeStatement(sql: string): string;
  /**
   * Dialect rules `normalizeSchema` applies to each table after the generic ones (types,
   * expressions, sorting): e.g. dropping Postgres' default constraint names.
   */
  normalizeTable?(table: Table): Table;
  /**
   * The expression with references to column `from` renamed to `to`, in this dialect's
   * canonical form (what its catalog shows after `RENAME COLUMN`). Without it, the shared
   * `renameIdentifier` is used.
   */
  renameInExpression?(sql: string, from: string, to: string): string;
  /**
   * Turns a schema built from models (dialect-neutral DSL output) into what this dialect
   * stores: SQLite turns enum columns into `text` with a CHECK, drops identity, etc. The
   * result is then normalized.
   */
  fromModel(schema: Schema): Schema;
  /** How changing a column from one canonical type to another treats existing values. */
  compareTypes(from: string, to: string): TypeChange;
  /** Renders operations (in the order given) as statements. Throws on an unknown `kind`. */
  render(ops: readonly Operation[], options: RenderOptions): RenderedSql;
  quoteIdentifier(name: string): string;
}

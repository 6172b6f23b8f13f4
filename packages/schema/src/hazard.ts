/**
 * Hazards: what a migration may do to data or to a running application. They are returned
 * with the operations, written as comments at the top of `up.sql` and reported by
 * `retort lint`.
 */

/**
 * What kind of hazard.
 * - `DATA_LOSS`: a table, column, view, enum, sequence or constraint's data goes away.
 * - `NARROWING_TYPE`: a type change that may truncate or reject existing values.
 * - `NOT_NULL_WITHOUT_DEFAULT`: NOT NULL on an existing table without a default; fails when rows exist.
 * - `INDEX_NOT_CONCURRENT`: an index built on an existing Postgres table without CONCURRENTLY (blocks writes).
 * - `TABLE_REWRITE`: the table is copied (SQLite rebuild, Postgres type change): time and locks grow with its size.
 * - `ENUM_VALUE_REMOVED`: rows holding the removed value make the migration fail.
 * - `NO_TRANSACTION`: the script runs outside the runner's transaction (SQLite rebuild of a referenced table).
 */
export type HazardCode =
  | 'DATA_LOSS'
  | 'NARROWING_TYPE'
  | 'NOT_NULL_WITHOUT_DEFAULT'
  | 'INDEX_NOT_CONCURRENT'
  | 'TABLE_REWRITE'
  | 'ENUM_VALUE_REMOVED'
  | 'NO_TRANSACTION';

/**
 * One hazard of a migration.
 *
 * @example
 * ```ts
 * const h: Hazard = { code: 'DATA_LOSS', message: "Drops column 'users.bio' and its data.", table: 'users', column: 'bio' };
 * ```
 */
export interface Hazard {
  readonly code: HazardCode;
  /** One sentence naming the object at fault. */
  readonly message: string;
  readonly table?: string;
  readonly column?: string;
}

import type { Sequence } from '../schema-ir.js';
import { enumColumn, type ColumnBuilder } from './column-builder.js';
import type { SqlExpression } from './sql-tag.js';

/**
 * An enum type in a model: a Postgres enum, or `text` with a CHECK on SQLite.
 *
 * @example
 * ```ts
 * export const orderStatus = enumType('order_status', ['pending', 'paid', 'shipped']);
 * // in a table: status: orderStatus.column().notNull().default('pending')
 * ```
 */
export interface EnumModel {
  readonly $kind: 'enum';
  readonly name: string;
  readonly values: readonly string[];
  /** A column of this type. */
  column(): ColumnBuilder;
}

/** Declares an enum type. @example `const mood = enumType('mood', ['sad', 'ok', 'happy'])` */
export function enumType(name: string, values: readonly string[]): EnumModel {
  return { $kind: 'enum', name, values: [...values], column: () => enumColumn(name, values) };
}

/** A view in a model. */
export interface ViewModel {
  readonly $kind: 'view';
  readonly name: string;
  readonly definition: string;
  readonly materialized: boolean;
}

/**
 * Declares a view.
 *
 * @example
 * ```ts
 * export const published = view('published_posts', sql`SELECT id, title FROM posts WHERE published`);
 * ```
 */
export function view(name: string, definition: SqlExpression | string, options: { materialized?: boolean } = {}): ViewModel {
  const text = typeof definition === 'string' ? definition : definition.text;
  return { $kind: 'view', name, definition: text, materialized: options.materialized ?? false };
}

/** A sequence in a model (Postgres). */
export interface SequenceModel {
  readonly $kind: 'sequence';
  readonly sequence: Sequence;
}

/**
 * Declares a sequence; unspecified options take Postgres' defaults for an ascending bigint
 * sequence.
 *
 * @example
 * ```ts
 * export const invoiceNumbers = sequence('invoice_number_seq', { start: '1000' });
 * ```
 */
export function sequence(name: string, options: Partial<Omit<Sequence, 'name'>> = {}): SequenceModel {
  const type = options.type ?? 'bigint';
  const max = type === 'smallint' ? '32767' : type === 'integer' ? '2147483647' : '9223372036854775807';
  const increment = options.increment ?? '1';
  const descending = increment.startsWith('-');
  const min = options.min ?? (descending ? `-${max === '9223372036854775807' ? '9223372036854775808' : String(Number(max) + 1)}` : '1');
  const maxValue = options.max ?? (descending ? '-1' : max);
  return {
    $kind: 'sequence',
    sequence: {
      name,
      type,
      start: options.start ?? (descending ? maxValue : min),
      increment,
      min,
      max: maxValue,
      cache: options.cache ?? '1',
      cycle: options.cycle ?? false,
      ...(options.ownedBy === undefined ? {} : { ownedBy: options.ownedBy }),
    },
  };
}

/** A trigger in a model: the full CREATE TRIGGER statement of the target dialect. */
export interface TriggerModel {
  readonly $kind: 'trigger';
  readonly name: string;
  readonly table: string;
  readonly definition: string;
}

/**
 * Declares a trigger by its statement.
 *
 * @example
 * ```ts
 * export const touch = trigger('touch_posts', 'posts', sql`CREATE TRIGGER touch_posts AFTER UPDATE ON posts BEGIN UPDATE posts SET updated_at = CURRENT_TIMESTAMP WHERE id = new.id; END`);
 * ```
 */
export function trigger(name: string, table: string, definition: SqlExpression | string): TriggerModel {
  return { $kind: 'trigger', name, table, definition: typeof definition === 'string' ? definition : definition.text };
}

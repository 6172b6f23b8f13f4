import type { Queryable } from '@retort/core';
import type { EnumType, IntrospectOptions, Schema, Sequence, Trigger, View } from '@retort/schema';
import { assembleTables, type ColumnRow, type ConstraintRow, type IndexRow, type TableRow } from './postgres-introspect-tables.js';
import {
  COLUMNS_SQL,
  CONSTRAINTS_SQL,
  ENUMS_SQL,
  INDEXES_SQL,
  SEQUENCES_SQL,
  TABLES_SQL,
  TRIGGERS_SQL,
  VIEWS_SQL,
} from './postgres-introspect-queries.js';

/** The catalog queries of {@link readPostgresCatalog}, each taking the schema name as `$1`. */
export const POSTGRES_CATALOG_QUERIES = Object.freeze({
  tables: TABLES_SQL,
  columns: COLUMNS_SQL,
  constraints: CONSTRAINTS_SQL,
  indexes: INDEXES_SQL,
  enums: ENUMS_SQL,
  sequences: SEQUENCES_SQL,
  views: VIEWS_SQL,
  triggers: TRIGGERS_SQL,
});

/**
 * Session settings the catalog's text depends on, fixed while reading: names are printed
 * unqualified when `search_path` finds them (so the schema and `public`), constants of date
 * and time types in UTC and ISO style, floats with their shortest exact digits.
 */
const SETTINGS = ['search_path', 'TimeZone', 'DateStyle', 'IntervalStyle', 'extra_float_digits'] as const;

interface EnumRow { name: string; labels: string[]; comment: string | null }
interface SequenceRow { name: string; type: string; start: string; increment: string; min: string; max: string; cache: string; cycle: boolean; owner_table: string | null; owner_column: string | null }
interface ViewRow { name: string; kind: string; definition: string; comment: string | null }
interface TriggerRow { name: string; table_name: string; definition: string }

/**
 * Reads one PostgreSQL schema (`options.schema`, default `public`) into the IR, not yet
 * normalized, with the eight {@link POSTGRES_CATALOG_QUERIES} whatever the number of
 * tables. Retort's version tables (`options.excludeTables`) and objects that belong to
 * extensions are left out; partitions list only what they do not inherit. Triggers are
 * named `table.trigger` (PostgreSQL trigger names are unique per table only). While it
 * reads, the session's `search_path`, `TimeZone`, `DateStyle`, `IntervalStyle` and
 * `extra_float_digits` are set to fixed values and restored afterwards.
 *
 * @example
 * ```ts
 * const raw = await readPostgresCatalog(connection, { schema: 'app' });
 * ```
 */
export async function readPostgresCatalog(db: Queryable, options: IntrospectOptions = {}): Promise<Schema> {
  const schema = options.schema ?? 'public';
  const exclude = new Set(options.excludeTables ?? ['retort_version', 'retort_history']);
  const [saved] = await db.query<Record<string, string>>(`SELECT ${SETTINGS.map((s) => `pg_catalog.current_setting('${s}') AS "${s}"`).join(', ')}`);
  const path = schema === 'public' ? 'public' : `${quoteName(schema)}, public`;
  await db.query(
    `SELECT pg_catalog.set_config('search_path', $1, false), pg_catalog.set_config('TimeZone', 'UTC', false), pg_catalog.set_config('DateStyle', 'ISO, MDY', false), pg_catalog.set_config('IntervalStyle', 'postgres', false), pg_catalog.set_config('extra_float_digits', '1', false)`,
    [path],
  );
  try {
    const q = <Row>(sql: string): Promise<Row[]> => db.query<Row>(sql, [schema]);
    const tables = await q<TableRow>(TABLES_SQL);
    const columns = await q<ColumnRow>(COLUMNS_SQL);
    const constraints = await q<ConstraintRow>(CONSTRAINTS_SQL);
    const indexes = await q<IndexRow>(INDEXES_SQL);
    const enums = await q<EnumRow>(ENUMS_SQL);
    const sequences = await q<SequenceRow>(SEQUENCES_SQL);
    const views = await q<ViewRow>(VIEWS_SQL);
    const triggers = await q<TriggerRow>(TRIGGERS_SQL);
    const assembled = assembleTables({ tables: tables.filter((t) => !exclude.has(t.name)), columns, constraints, indexes });
    return {
      tables: assembled.tables,
      views: views.map((v) => viewOf(v, assembled.viewIndexes.get(v.name))),
      enums: enums.map((e): EnumType => ({ name: e.name, values: [...e.labels], ...(e.comment === null ? {} : { comment: e.comment }) })),
      sequences: sequences.filter((s) => s.owner_table === null || !exclude.has(s.owner_table)).map(sequenceOf),
      triggers: triggers.filter((t) => !exclude.has(t.table_name)).map((t): Trigger => ({ name: `${t.table_name}.${t.name}`, table: t.table_name, definition: t.definition })),
    };
  } finally {
    if (saved) {
      await db.query(`SELECT ${SETTINGS.map((s, i) => `pg_catalog.set_config('${s}', $${i + 1}, false)`).join(', ')}`, SETTINGS.map((s) => saved[s] ?? ''));
    }
  }
}

function viewOf(row: ViewRow, indexes: View['indexes']): View {
  return {
    name: row.name,
    definition: row.definition,
    ...(row.kind === 'm' ? { materialized: true as const } : {}),
    ...(indexes !== undefined && indexes.length > 0 ? { indexes } : {}),
    ...(row.comment === null ? {} : { comment: row.comment }),
  };
}

function sequenceOf(row: SequenceRow): Sequence {
  return {
    name: row.name,
    type: row.type,
    start: row.start,
    increment: row.increment,
    min: row.min,
    max: row.max,
    cache: row.cache,
    cycle: row.cycle,
    ...(row.owner_table !== null && row.owner_column !== null ? { ownedBy: { table: row.owner_table, column: row.owner_column } } : {}),
  };
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

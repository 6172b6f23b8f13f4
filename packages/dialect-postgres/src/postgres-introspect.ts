import type { Queryable } from '@retort/core';
import type { EnumType, IntrospectOptions, Schema, Sequence, Trigger, View } from '@retort/schema';
import { assembleTables, columnKey, type CatalogRows } from './postgres-introspect-tables.js';
import { CATALOG_SQL } from './postgres-introspect-queries.js';

/**
 * The one catalog statement of {@link readPostgresCatalog}: `$1` the schema, `$2` the
 * search_path to read with; one row whose `doc` is the JSON document.
 *
 * @example
 * ```ts
 * const [{ doc }] = await db.query<{ doc: string }>(POSTGRES_CATALOG_QUERY, ['app', '"app", public']);
 * ```
 */
export const POSTGRES_CATALOG_QUERY = CATALOG_SQL;

type EnumRow = [name: string, labels: string[], comment: string | null];
type SequenceRow = [name: string, type: string, start: string, increment: string, min: string, max: string, cache: string, cycle: boolean, ownerTable: string | null, ownerColumn: string | null];
type ViewRow = [oid: number, name: string, kind: string, definition: string];
type TriggerRow = [name: string, table: string, definition: string];

interface CatalogDocument extends CatalogRows {
  enums: EnumRow[];
  sequences: SequenceRow[];
  views: ViewRow[];
  triggers: TriggerRow[];
}

/**
 * Reads one PostgreSQL schema (`options.schema`, default `public`) into the IR, not yet
 * normalized, in one round trip ({@link POSTGRES_CATALOG_QUERY}) whatever the number of
 * tables. Retort's version tables (`options.excludeTables`) and objects that belong to
 * extensions are left out; partitions list only what they do not inherit. Triggers are
 * named `table.trigger` (PostgreSQL trigger names are unique per table only). For the
 * statement, `search_path` is the schema then `public`, and `TimeZone`, `DateStyle`,
 * `IntervalStyle` and `extra_float_digits` are fixed, so the text does not depend on the
 * session; the session's values are back afterwards.
 *
 * @example
 * ```ts
 * const raw = await readPostgresCatalog(connection, { schema: 'app' });
 * ```
 */
export async function readPostgresCatalog(db: Queryable, options: IntrospectOptions = {}): Promise<Schema> {
  const schema = options.schema ?? 'public';
  const exclude = new Set(options.excludeTables ?? ['retort_version', 'retort_history']);
  const path = schema === 'public' ? 'public' : `${quoteName(schema)}, public`;
  const [row] = await db.query<{ doc: string }>(CATALOG_SQL, [schema, path]);
  const doc = JSON.parse(row?.doc ?? '{}') as CatalogDocument;
  const assembled = assembleTables({ ...doc, tables: doc.tables.filter((t) => !exclude.has(t[1])) });
  return {
    tables: assembled.tables,
    views: doc.views.map(([oid, name, kind, definition]) => viewOf(name, kind, definition, assembled.viewIndexes.get(oid), assembled.comments.get(columnKey(oid, 0)))),
    enums: doc.enums.map(([name, labels, comment]): EnumType => ({ name, values: [...labels], ...(comment === null ? {} : { comment }) })),
    sequences: doc.sequences.filter((s) => s[8] === null || !exclude.has(s[8])).map(sequenceOf),
    triggers: doc.triggers.filter((t) => !exclude.has(t[1])).map(([name, table, definition]): Trigger => ({ name: `${table}.${name}`, table, definition })),
  };
}

function viewOf(name: string, kind: string, definition: string, indexes: View['indexes'], comment: string | undefined): View {
  return {
    name,
    definition,
    ...(kind === 'm' ? { materialized: true as const } : {}),
    ...(indexes !== undefined && indexes.length > 0 ? { indexes } : {}),
    ...(comment === undefined ? {} : { comment }),
  };
}

function sequenceOf([name, type, start, increment, min, max, cache, cycle, ownerTable, ownerColumn]: SequenceRow): Sequence {
  return {
    name,
    type,
    start,
    increment,
    min,
    max,
    cache,
    cycle,
    ...(ownerTable !== null && ownerColumn !== null ? { ownedBy: { table: ownerTable, column: ownerColumn } } : {}),
  };
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

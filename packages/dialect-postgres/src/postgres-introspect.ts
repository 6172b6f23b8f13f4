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

/**
 * The system catalogs the catalog statement reads, directly or through the server's
 * printing functions (pg_get_expr, pg_get_viewdef and format_type name functions, types,
 * operators, collations and schemas).
 */
const FINGERPRINT_CATALOGS = [
  'pg_namespace', 'pg_class', 'pg_attribute', 'pg_attrdef', 'pg_constraint', 'pg_index', 'pg_type', 'pg_enum', 'pg_proc', 'pg_description',
  'pg_depend', 'pg_rewrite', 'pg_sequence', 'pg_inherits', 'pg_trigger', 'pg_collation', 'pg_opclass', 'pg_operator', 'pg_am', 'pg_extension',
];

/**
 * One short statement whose answer changes whenever the answer of {@link POSTGRES_CATALOG_QUERY}
 * can: per catalog of {@link FINGERPRINT_CATALOGS}, the number of rows, the sum of their
 * `xmin` and the sum of a hash of it. Creating, changing or dropping anything writes catalog
 * rows, and every written row carries the writing transaction's id, newer than any before, so
 * the sums move (a row's xmin also reads differently once VACUUM freezes it: that costs one
 * re-read, never a stale answer). Counting is all it does: 20–60 ms on a 500-table database
 * (more on a new connection and with dead catalog rows), where the catalog statement takes
 * ~120 ms plus its parsing here.
 *
 * @example
 * ```ts
 * const [{ key }] = await db.query<{ key: string }>(POSTGRES_FINGERPRINT_QUERY);
 * ```
 */
export const POSTGRES_FINGERPRINT_QUERY = `SELECT concat_ws(' ', pg_catalog.current_setting('server_version_num'),
  (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()),
  ${FINGERPRINT_CATALOGS.map((name) => `(SELECT concat_ws('.', count(*), sum(x), sum(pg_catalog.hashint8(x))) FROM (SELECT xmin::text::int8 AS x FROM pg_catalog.${name}) r)`).join(',\n  ')}) AS key`;

/**
 * The key under which an introspection of `options` may be reused: the catalogs'
 * fingerprint ({@link POSTGRES_FINGERPRINT_QUERY}) with the schema and excluded tables.
 *
 * @example
 * ```ts
 * const key = await postgresCatalogFingerprint(connection, { schema: 'app' });
 * ```
 */
export async function postgresCatalogFingerprint(db: Queryable, options: IntrospectOptions = {}): Promise<string> {
  const [row] = await db.query<{ key: string }>(POSTGRES_FINGERPRINT_QUERY);
  return `${row?.key}\0${options.schema ?? 'public'}\0${JSON.stringify(options.excludeTables ?? null)}`;
}

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

// The catalog queries of the PostgreSQL reader. Each reads one kind of object for the whole
// schema ($1 = its name) in one statement, so introspection costs the same handful of round
// trips for 5 tables or 5,000. Objects that belong to an extension are left out.

const NS = `(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1)`;
const NOT_EXTENSION = (classid: string, objid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = '${classid}'::regclass AND e.objid = ${objid} AND e.deptype = 'e')`;

/** One row per table (`r`) and partitioned table (`p`). */
export const TABLES_SQL = `SELECT c.oid::int8::text AS oid, c.relname AS name, c.relkind AS kind,
  pg_catalog.obj_description(c.oid, 'pg_class') AS comment,
  CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_by,
  CASE WHEN c.relispartition THEN (SELECT p.relname FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid) END AS partition_of,
  CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound
FROM pg_catalog.pg_class c
WHERE c.relnamespace = ${NS} AND c.relkind IN ('r', 'p') AND ${NOT_EXTENSION('pg_class', 'c.oid')}
ORDER BY c.relname`;

/**
 * One row per column of tables, partitioned tables and materialized views, in table order.
 * A type of the schema itself is its bare name (plus `[]`); others as format_type prints them.
 */
export const COLUMNS_SQL = `SELECT c.relname AS table_name, a.attnum AS num, a.attname AS name,
  CASE WHEN bt.typnamespace = ${NS} THEN bt.typname || CASE WHEN t.typcategory = 'A' THEN '[]' ELSE '' END
       ELSE pg_catalog.format_type(a.atttypid, a.atttypmod) END AS type,
  a.attnotnull AS not_null, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_expr,
  a.attidentity AS identity, a.attgenerated AS generated,
  CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN co.collname END AS collation,
  pg_catalog.col_description(c.oid, a.attnum) AS comment
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
WHERE c.relnamespace = ${NS} AND c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`;

/**
 * Primary keys, uniques, foreign keys and checks of the schema's tables. Column lists are
 * attribute numbers (mapped to names with the columns query); a foreign key to another
 * schema carries its target's column names.
 */
export const CONSTRAINTS_SQL = `SELECT c.relname AS table_name, k.conname AS name, k.contype AS type, k.conkey AS columns,
  r.relname AS ref_table, CASE WHEN r.relnamespace <> k.connamespace THEN rn.nspname END AS ref_schema, k.confkey AS ref_columns,
  CASE WHEN r.relnamespace <> k.connamespace THEN ARRAY(SELECT ra.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, o) JOIN pg_catalog.pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = u.n ORDER BY u.o)::text[] END AS ref_names,
  k.confdeltype AS on_delete, k.confupdtype AS on_update, k.condeferrable AS deferrable, k.condeferred AS deferred,
  CASE WHEN k.contype = 'c' THEN pg_catalog.pg_get_expr(k.conbin, k.conrelid) END AS expression,
  k.conparentid <> 0 AS cloned, k.coninhcount > 0 AS inherited, i.indnullsnotdistinct AS nulls_not_distinct
FROM pg_catalog.pg_constraint k
JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
LEFT JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = k.conindid AND k.contype IN ('p', 'u')
WHERE c.relnamespace = ${NS} AND k.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p')
ORDER BY c.relname, k.conname`;

/**
 * Indexes not backing a constraint and not attached to a partitioned index: the full
 * definition (parsed for per-key options), each key's text, the predicate.
 */
export const INDEXES_SQL = `SELECT c.relname AS table_name, x.relname AS name, c.relkind AS table_kind, i.indisunique AS is_unique,
  i.indnkeyatts AS key_count, am.amname AS method, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate, i.indnullsnotdistinct AS nulls_not_distinct,
  ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k, false) FROM generate_series(1, i.indnatts) k) AS keys,
  ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN NULL ELSE (SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]) END FROM generate_series(1, i.indnatts) k) AS key_columns
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_am am ON am.oid = x.relam
WHERE c.relnamespace = ${NS} AND c.relkind IN ('r', 'p', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x') AND k.conrelid = i.indrelid)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = i.indexrelid)
ORDER BY c.relname, x.relname`;

/** Enum types with their labels in order. */
export const ENUMS_SQL = `SELECT t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels,
  pg_catalog.obj_description(t.oid, 'pg_type') AS comment
FROM pg_catalog.pg_type t
WHERE t.typnamespace = ${NS} AND t.typtype = 'e' AND ${NOT_EXTENSION('pg_type', 't.oid')}
ORDER BY t.typname`;

/** Sequences, with the column owning them; identity columns' sequences are left out. */
export const SEQUENCES_SQL = `SELECT c.relname AS name, pg_catalog.format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
  s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
  o.relname AS owner_table, oa.attname AS owner_column
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
LEFT JOIN pg_catalog.pg_class o ON o.oid = d.refobjid
LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
WHERE c.relnamespace = ${NS} AND d.deptype IS DISTINCT FROM 'i' AND ${NOT_EXTENSION('pg_class', 'c.oid')}
ORDER BY c.relname`;

/** Views and materialized views with their queries. */
export const VIEWS_SQL = `SELECT c.relname AS name, c.relkind AS kind, pg_catalog.pg_get_viewdef(c.oid) AS definition,
  pg_catalog.obj_description(c.oid, 'pg_class') AS comment
FROM pg_catalog.pg_class c
WHERE c.relnamespace = ${NS} AND c.relkind IN ('v', 'm') AND ${NOT_EXTENSION('pg_class', 'c.oid')}
ORDER BY c.relname`;

/** User triggers (not the ones partitions inherit, not internal constraint triggers). */
export const TRIGGERS_SQL = `SELECT t.tgname AS name, c.relname AS table_name, pg_catalog.pg_get_triggerdef(t.oid) AS definition
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = ${NS} AND NOT t.tgisinternal AND t.tgparentid = 0
ORDER BY t.tgname, c.relname`;

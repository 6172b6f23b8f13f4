// The catalog query of the PostgreSQL reader: one statement reading the whole schema ($1)
// as one JSON document, so introspection is one round trip for 5 tables or 5,000. Each
// part is a JSON array of arrays (positional, to keep the document small); the reader
// names the fields. Server-side cost is kept low on big schemas: descriptions are joined
// rather than looked up per row, defaults are printed without a relation context (they
// cannot name columns), and index definitions are built from pg_index's arrays, with
// pg_get_indexdef called only for expression keys. Objects that belong to an extension are
// left out.

const NS = `(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1)`;
const NOT_EXTENSION = (classid: string, objid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = '${classid}'::regclass AND e.objid = ${objid} AND e.deptype = 'e')`;
const agg = (row: string, from: string, order: string): string => `(SELECT coalesce(json_agg(json_build_array(${row}) ORDER BY ${order}), '[]') ${from})`;

/** Tables (`r`) and partitioned tables (`p`): oid, name, partition key, parent, bound. */
const TABLES_PART = agg(
  `c.oid::int8, c.relname, CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,
   CASE WHEN c.relispartition THEN (SELECT p.relname FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid) END,
   CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END`,
  `FROM pg_catalog.pg_class c WHERE c.relnamespace = ${NS} AND c.relkind IN ('r', 'p') AND ${NOT_EXTENSION('pg_catalog.pg_class', 'c.oid')}`,
  'c.relname',
);

/**
 * Columns of tables and materialized views in table order: relation oid, number, name,
 * type oid, type as format_type prints it, NOT NULL, identity, generated, collation when
 * not the type's. No per-row joins: defaults, comments and the schema's own types are
 * separate parts, matched by oid.
 */
const COLUMNS_PART = agg(
  `a.attrelid::int8, a.attnum, a.attname, a.atttypid::int8, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, a.attgenerated,
   CASE WHEN a.attcollation <> 0 AND a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid)
     THEN (SELECT co.collname FROM pg_catalog.pg_collation co WHERE co.oid = a.attcollation) END`,
  `FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
   WHERE c.relnamespace = ${NS} AND c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped`,
  'a.attrelid, a.attnum',
);

/** Column defaults and generation expressions: relation oid, column number, expression (printed without a relation context unless generated: defaults cannot name columns). */
const DEFAULTS_PART = agg(
  `d.adrelid::int8, d.adnum, pg_catalog.pg_get_expr(d.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END)`,
  `FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_class c ON c.oid = d.adrelid JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
   WHERE c.relnamespace = ${NS}`,
  'd.adrelid, d.adnum',
);

/** Comments on the schema's relations and their columns: relation oid, column number (0 for the relation), text. */
const COMMENTS_PART = agg(
  `d.objoid::int8, d.objsubid, d.description`,
  `FROM pg_catalog.pg_description d JOIN pg_catalog.pg_class c ON c.oid = d.objoid
   WHERE d.classoid = 'pg_catalog.pg_class'::regclass AND c.relnamespace = ${NS}`,
  'd.objoid, d.objsubid',
);

/** Types defined in the schema (enums, domains, composite types; not tables' row types) with their array types: oid, name, array type oid. */
const TYPES_PART = agg(
  `t.oid::int8, t.typname, t.typarray::int8`,
  `FROM pg_catalog.pg_type t WHERE t.typnamespace = ${NS} AND t.typelem = 0
     AND (t.typrelid = 0 OR (SELECT r.relkind FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid) = 'c')`,
  't.oid',
);

/**
 * Primary keys, uniques, foreign keys and checks: table oid, name, type, columns (attribute
 * numbers), referenced table, its schema when another one, its oid, referenced column
 * numbers, their names (only for another schema; else matched with the columns part),
 * delete and update actions, deferrable, deferred, CHECK expression, cloned from a
 * partitioned table, inherited, NULLS NOT DISTINCT.
 */
const CONSTRAINTS_PART = agg(
  `k.conrelid::int8, k.conname, k.contype, k.conkey, r.relname, CASE WHEN r.relnamespace <> k.connamespace THEN rn.nspname END, k.confrelid::int8, k.confkey,
   CASE WHEN r.relnamespace <> k.connamespace THEN ARRAY(SELECT ra.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, o) JOIN pg_catalog.pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = u.n ORDER BY u.o)::text[] END,
   k.confdeltype, k.confupdtype, k.condeferrable, k.condeferred, CASE WHEN k.contype = 'c' THEN pg_catalog.pg_get_expr(k.conbin, k.conrelid) END,
   k.conparentid <> 0, k.coninhcount > 0, i.indnullsnotdistinct`,
  `FROM pg_catalog.pg_constraint k
   JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
   LEFT JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
   LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
   LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = k.conindid AND k.contype = 'u'
   WHERE c.relnamespace = ${NS} AND k.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p')`,
  'k.conrelid, k.conname',
);

/**
 * Indexes not backing a constraint and not attached to a partitioned table's index:
 * table oid, name, table kind, unique, number of key columns, method, predicate, NULLS NOT
 * DISTINCT, then per column (keys, then INCLUDE columns): column name (null for an
 * expression), expression, DESC, NULLS FIRST, operator class when not the default,
 * collation when not the column's.
 */
const INDEXES_PART = `(WITH ix AS MATERIALIZED (
    SELECT i.indexrelid, i.indrelid, x.relname AS name, c.relkind, i.indisunique, i.indnkeyatts, am.amname, i.indpred, i.indnullsnotdistinct,
           i.indkey::int2[] AS keys, i.indoption::int2[] AS options, i.indclass::oid[] AS classes, i.indcollation::oid[] AS collations
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid
    JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
    JOIN pg_catalog.pg_am am ON am.oid = x.relam
    WHERE c.relnamespace = ${NS} AND c.relkind IN ('r', 'p', 'm')
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x') AND k.conrelid = i.indrelid)
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = i.indexrelid)
  ), cols AS MATERIALIZED (
    SELECT ix.indexrelid, json_agg(json_build_array(
             ka.attname,
             CASE WHEN u.attnum = 0 THEN pg_catalog.pg_get_indexdef(ix.indexrelid, u.n::int, false) END,
             (u.opt & 1) = 1, (u.opt & 2) = 2,
             CASE WHEN NOT opc.opcdefault THEN CASE WHEN pg_catalog.pg_opclass_is_visible(opc.oid) THEN quote_ident(opc.opcname) ELSE quote_ident(ons.nspname) || '.' || quote_ident(opc.opcname) END END,
             CASE WHEN u.coll <> 0 AND u.coll <> coalesce(ka.attcollation, 100) THEN co.collname END) ORDER BY u.n) AS cols
    FROM ix
    CROSS JOIN LATERAL unnest(ix.keys, ix.options, ix.classes, ix.collations) WITH ORDINALITY u(attnum, opt, cls, coll, n)
    LEFT JOIN LATERAL (SELECT a.attname, a.attcollation FROM pg_catalog.pg_attribute a WHERE a.attrelid = ix.indrelid AND a.attnum = u.attnum AND u.attnum > 0 OFFSET 0) ka ON true
    LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = u.cls
    LEFT JOIN pg_catalog.pg_namespace ons ON ons.oid = opc.opcnamespace
    LEFT JOIN pg_catalog.pg_collation co ON co.oid = u.coll
    GROUP BY ix.indexrelid
  )
  SELECT coalesce(json_agg(json_build_array(ix.indrelid::int8, ix.name, ix.relkind, ix.indisunique, ix.indnkeyatts, ix.amname,
           CASE WHEN ix.indpred IS NOT NULL THEN pg_catalog.pg_get_expr(ix.indpred, ix.indrelid) END, ix.indnullsnotdistinct, cols.cols) ORDER BY ix.indrelid, ix.name), '[]')
  FROM ix JOIN cols ON cols.indexrelid = ix.indexrelid)`;

/** Enum types: name, labels in order, comment. */
const ENUMS_PART = agg(
  `t.typname, ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder), pg_catalog.obj_description(t.oid, 'pg_type')`,
  `FROM pg_catalog.pg_type t WHERE t.typnamespace = ${NS} AND t.typtype = 'e' AND ${NOT_EXTENSION('pg_catalog.pg_type', 't.oid')}`,
  't.typname',
);

/** Sequences not belonging to an identity column: name, type, start, increment, min, max, cache, cycle, owning table and column. */
const SEQUENCES_PART = agg(
  `c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle, o.relname, oa.attname`,
  `FROM pg_catalog.pg_sequence s
   JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
   LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
   LEFT JOIN pg_catalog.pg_class o ON o.oid = d.refobjid
   LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
   WHERE c.relnamespace = ${NS} AND d.deptype IS DISTINCT FROM 'i' AND ${NOT_EXTENSION('pg_catalog.pg_class', 'c.oid')}`,
  'c.relname',
);

/** Views and materialized views: oid, name, kind, query. */
const VIEWS_PART = agg(
  `c.oid::int8, c.relname, c.relkind, pg_catalog.pg_get_viewdef(c.oid, true)`,
  `FROM pg_catalog.pg_class c WHERE c.relnamespace = ${NS} AND c.relkind IN ('v', 'm') AND ${NOT_EXTENSION('pg_catalog.pg_class', 'c.oid')}`,
  'c.relname',
);

/** User triggers (not internal ones, not the ones partitions inherit): name, table, statement. */
const TRIGGERS_PART = agg(
  `t.tgname, c.relname, pg_catalog.pg_get_triggerdef(t.oid, true)`,
  `FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = ${NS} AND NOT t.tgisinternal AND t.tgparentid = 0`,
  't.tgname, c.relname',
);

/**
 * The whole read as one statement. The session settings the catalog's text depends on are
 * set for the statement (`$2` is the search_path) and put back after it: names print
 * unqualified when the schema or `public` finds them, constants of date and time types in
 * UTC and ISO style, floats with their shortest exact digits. The LATERAL chain fixes the
 * order: save and set, read, restore (`OFFSET 0` keeps each step from being merged into the
 * next, which would evaluate the document twice).
 *
 * @example
 * ```ts
 * const [{ doc }] = await db.query<{ doc: string }>(CATALOG_SQL, ['public', 'public']);
 * JSON.parse(doc).tables; // [[oid, name, partitionBy, partitionOf, bound], ...]
 * ```
 */
export const CATALOG_SQL = `SELECT j.doc FROM
  (SELECT pg_catalog.current_setting('search_path') AS sp, pg_catalog.current_setting('TimeZone') AS tz, pg_catalog.current_setting('DateStyle') AS ds,
          pg_catalog.current_setting('IntervalStyle') AS ist, pg_catalog.current_setting('extra_float_digits') AS efd,
          pg_catalog.set_config('search_path', $2, true) AS s1, pg_catalog.set_config('TimeZone', 'UTC', true) AS s2,
          pg_catalog.set_config('DateStyle', 'ISO, MDY', true) AS s3, pg_catalog.set_config('IntervalStyle', 'postgres', true) AS s4,
          pg_catalog.set_config('extra_float_digits', '1', true) AS s5 OFFSET 0) s
  CROSS JOIN LATERAL (SELECT json_build_object(
    'tables', ${TABLES_PART}, 'columns', ${COLUMNS_PART}, 'defaults', ${DEFAULTS_PART}, 'comments', ${COMMENTS_PART}, 'types', ${TYPES_PART},
    'constraints', ${CONSTRAINTS_PART}, 'indexes', ${INDEXES_PART},
    'enums', ${ENUMS_PART}, 'sequences', ${SEQUENCES_PART}, 'views', ${VIEWS_PART}, 'triggers', ${TRIGGERS_PART})::text AS doc
    WHERE s.s1 IS NOT NULL OFFSET 0) j
  CROSS JOIN LATERAL (SELECT pg_catalog.set_config('search_path', s.sp, true), pg_catalog.set_config('TimeZone', s.tz, true), pg_catalog.set_config('DateStyle', s.ds, true),
    pg_catalog.set_config('IntervalStyle', s.ist, true), pg_catalog.set_config('extra_float_digits', s.efd, true) WHERE j.doc IS NOT NULL OFFSET 0) r`;

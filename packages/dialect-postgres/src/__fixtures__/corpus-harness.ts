// The corpus round trip shared by the postgres-corpus*.test.ts files: load a real-world
// schema into two scratch databases, introspect the first (the source), empty the second
// of everything the IR models (what remains — functions, aggregates, domains, extensions —
// is what such a migration would find in place), then recreate it from nothing, compare,
// diff again, and drop it all. A catalog fingerprint that does not go through the IR
// (pg_get_constraintdef, pg_get_indexdef, column types and defaults, view and trigger
// text, ...) compares the recreated database with the source, so that what the IR cannot
// represent shows up instead of vanishing on both sides.
import { EMPTY_SCHEMA, normalizeSchema, planMigration, type MigrationPlan, type Schema } from '@retort/schema';
import type pg from 'pg';
import { connect, type PostgresConnection } from '../postgres-driver.js';
import { postgresSchemaDialect as dialect } from '../postgres-schema-dialect.js';
import { splitStatements } from '../postgres-split.js';
import { expectSame, introspect, runScript } from './pg-schema-harness.js';
import { createTestDatabase } from './test-database.js';

/** Catalog lines describing everything in schema `public`, one per object or column. */
export const FINGERPRINT_SQL = `
SELECT 'table ' || c.relname || ': ' || c.relkind::text || ' ' || c.relpersistence::text || ' ' || coalesce(array_to_string(c.reloptions, ','), '') || ' ' ||
       coalesce(pg_get_partkeydef(c.oid), '') || ' ' || coalesce(pg_get_expr(c.relpartbound, c.oid), '') || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '') AS line
  FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
UNION ALL
SELECT 'column ' || c.relname || '.' || a.attname || ': ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' ||
       coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || a.attidentity::text || a.attgenerated::text || ' ' || coalesce(co.collname, '') || ' ' ||
       coalesce(col_description(c.oid, a.attnum), '') || ' local=' || a.attislocal
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraint ' || c.relname || '.' || k.conname || ': ' || pg_get_constraintdef(k.oid) || ' valid=' || k.convalidated
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = 'public'::regnamespace
UNION ALL
SELECT 'index ' || pg_get_indexdef(i.indexrelid) || coalesce(' attached to ' || (SELECT p.relname FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhparent WHERE h.inhrelid = i.indexrelid), '')
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'public'::regnamespace
UNION ALL
SELECT 'view ' || c.relname || ': ' || pg_get_viewdef(c.oid) || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '')
  FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')
UNION ALL
SELECT 'trigger ' || c.relname || '.' || t.tgname || ': ' || pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
UNION ALL
SELECT 'sequence ' || c.relname || ': ' || format_type(s.seqtypid, NULL) || ' ' || s.seqstart || ' ' || s.seqincrement || ' ' || s.seqmin || ' ' || s.seqmax || ' ' || s.seqcache || ' ' || s.seqcycle ||
       coalesce(' owned by ' || (SELECT r.relname || '.' || ra.attname || ' ' || d.deptype::text FROM pg_depend d JOIN pg_class r ON r.oid = d.refobjid JOIN pg_attribute ra ON ra.attrelid = d.refobjid AND ra.attnum = d.refobjsubid
         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')), '')
  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relnamespace = 'public'::regnamespace
UNION ALL
SELECT 'type ' || t.typname || ': ' || t.typtype::text || ' ' || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '') ||
       coalesce(' domain ' || format_type(t.typbasetype, t.typtypmod), '') || ' ' || coalesce(obj_description(t.oid, 'pg_type'), '')
  FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')
UNION ALL
SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || '): ' || p.prokind::text || ' ' || md5(coalesce(p.prosrc, ''))
  FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
ORDER BY 1`;

/** Objects of kinds the IR does not model, which migrations must leave in place. */
export const UNMODELLED_SQL = `SELECT line FROM (${FINGERPRINT_SQL}) f WHERE line LIKE 'function %' OR line LIKE 'type % d %'`;

/**
 * Statements of a dump that create what the IR does not model: settings, extensions,
 * schemas other than public and their tables, domains, functions, procedures, aggregates
 * (and their ALTER and COMMENT lines). Run alone, they give the database a migration from
 * "empty" finds in place.
 */
const UNMODELLED_STATEMENT =
  /^(?:SET\b|SELECT pg_catalog\.set_config|CREATE (?:OR REPLACE )?(?:FUNCTION|PROCEDURE|AGGREGATE)\b|ALTER (?:FUNCTION|PROCEDURE|AGGREGATE|DOMAIN|SCHEMA)\b|CREATE DOMAIN\b|CREATE EXTENSION\b|CREATE SCHEMA\b|COMMENT ON (?:FUNCTION|PROCEDURE|AGGREGATE|DOMAIN|EXTENSION|SCHEMA)\b|(?:CREATE|ALTER) (?:TABLE|SEQUENCE|INDEX) (?:IF NOT EXISTS )?(?!public\.)[a-z_]+\.)/i;

export interface CorpusResult {
  /** The source database's introspection. */
  readonly source: Schema;
  /** empty -> source. */
  readonly plan: MigrationPlan;
  /** Fingerprint lines only in the source, and only in the recreated database. */
  readonly onlyInSource: readonly string[];
  readonly onlyInRecreated: readonly string[];
  /** Functions that could only be created once the tables existed (a signature naming a table's row type). */
  readonly dependentFunctions: readonly string[];
}

async function fingerprint(client: pg.Client, sql = FINGERPRINT_SQL): Promise<string[]> {
  return (await client.query<{ line: string }>(sql)).rows.map((r) => r.line);
}

/**
 * Runs the whole corpus round trip on `text`, asserting each step, and returns what the
 * caller asserts about the corpus (its introspection, the plan, fingerprint differences).
 */
export async function corpusRoundTrip(prefix: string, text: string): Promise<CorpusResult> {
  const sourceDb = await createTestDatabase(`${prefix}_src`);
  const targetDb = await createTestDatabase(`${prefix}_dst`);
  let conn: PostgresConnection | undefined;
  let targetConn: PostgresConnection | undefined;
  try {
    const sourceClient = await sourceDb.client();
    await sourceClient.query(text);
    // pg_dump files empty search_path for their session; these clients only read.
    await sourceClient.query('SET search_path = public');
    conn = await connect({ url: sourceDb.url });
    const source = await introspect(conn);
    expectSame(normalizeSchema(source, dialect), source, 'normalizing the introspection again');
    const sourcePrint = await fingerprint(sourceClient);

    const targetClient = await targetDb.client();
    const deferred: string[] = [];
    for (const { sql } of splitStatements(text)) {
      if (!UNMODELLED_STATEMENT.test(sql.trim())) continue;
      try {
        await targetClient.query(sql);
      } catch {
        deferred.push(sql);
      }
    }
    await targetClient.query('SET search_path = public');
    const unmodelled = await fingerprint(targetClient, UNMODELLED_SQL);
    targetConn = await connect({ url: targetDb.url });
    expectSame(await introspect(targetConn), EMPTY_SCHEMA, 'the target before the migration');

    const plan = planMigration(EMPTY_SCHEMA, source, { dialect });
    await runScript(targetConn, plan.upSql);
    const recreated = await introspect(targetConn);
    expectSame(recreated, source, 'introspection after empty -> corpus');
    expect(planMigration(recreated, source, { dialect }).up).toEqual([]);
    const before = new Set((await targetClient.query<{ oid: string }>(FUNCTION_OIDS)).rows.map((r) => r.oid));
    await targetClient.query(`SET check_function_bodies = false; ${deferred.join(';\n')}; SET search_path = public`);
    const dependentFunctions = (await targetClient.query<{ oid: string; name: string }>(FUNCTION_OIDS)).rows.filter((r) => !before.has(r.oid)).map((r) => r.name);
    const recreatedPrint = await fingerprint(targetClient);

    // Retort does not model functions, so it cannot drop the ones built on its tables: a user drops them first.
    if (dependentFunctions.length > 0) await targetClient.query(`DROP FUNCTION ${dependentFunctions.join(', ')}`);
    await runScript(targetConn, plan.downSql);
    expectSame(await introspect(targetConn), EMPTY_SCHEMA, 'introspection after down');
    expect(await fingerprint(targetClient, UNMODELLED_SQL)).toEqual(unmodelled);

    return {
      source,
      plan,
      onlyInSource: sourcePrint.filter((l) => !recreatedPrint.includes(l)),
      onlyInRecreated: recreatedPrint.filter((l) => !sourcePrint.includes(l)),
      dependentFunctions,
    };
  } finally {
    await conn?.close();
    await targetConn?.close();
    await sourceDb.drop();
    await targetDb.drop();
  }
}

const FUNCTION_OIDS = `SELECT p.oid::text AS oid, p.oid::regprocedure::text AS name FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace`;

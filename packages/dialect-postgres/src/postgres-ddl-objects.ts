import type { Sequence, Trigger, View } from '@retort/schema';
import { lexPostgres } from './postgres-schema-dialect-lexer.js';
import { createIndexSql } from './postgres-ddl-table.js';
import { quoteIdentifier as q, quoteLiteral } from './postgres-quote.js';

/**
 * `CREATE [MATERIALIZED] VIEW`, then a materialized view's indexes and the comment.
 *
 * @example
 * ```ts
 * createViewSql({ name: 'v', definition: 'SELECT 1 AS one' }); // ['CREATE VIEW "v" AS SELECT 1 AS one']
 * ```
 */
export function createViewSql(view: View): string[] {
  const kind = view.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
  const out = [`CREATE ${kind} ${q(view.name)} AS ${view.definition}`];
  for (const ix of view.indexes ?? []) out.push(createIndexSql(view.name, ix));
  if (view.comment !== undefined) out.push(`COMMENT ON ${kind} ${q(view.name)} IS ${quoteLiteral(view.comment)}`);
  return out;
}

/**
 * `DROP [MATERIALIZED] VIEW`.
 *
 * @example
 * ```ts
 * dropViewSql({ name: 'v', definition: 'SELECT 1', materialized: true }); // 'DROP MATERIALIZED VIEW "v"'
 * ```
 */
export function dropViewSql(view: View): string {
  return `DROP ${view.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${q(view.name)}`;
}

/**
 * `CREATE SEQUENCE` with every option explicit (ownership is set separately, once the
 * owning column exists).
 *
 * @example
 * ```ts
 * createSequenceSql({ name: 's', type: 'bigint', start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false });
 * // 'CREATE SEQUENCE "s" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE'
 * ```
 */
export function createSequenceSql(s: Sequence): string {
  return `CREATE SEQUENCE ${q(s.name)} AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache} ${s.cycle ? 'CYCLE' : 'NO CYCLE'}`;
}

/**
 * `ALTER SEQUENCE` for the options that differ (ownership included).
 *
 * @example
 * ```ts
 * alterSequenceSql(a, { ...a, increment: '2' }); // ['ALTER SEQUENCE "s" INCREMENT BY 2']
 * ```
 */
export function alterSequenceSql(from: Sequence, to: Sequence): string[] {
  const clauses: string[] = [];
  if (from.type !== to.type) clauses.push(`AS ${to.type}`);
  if (from.increment !== to.increment) clauses.push(`INCREMENT BY ${to.increment}`);
  if (from.min !== to.min) clauses.push(`MINVALUE ${to.min}`);
  if (from.max !== to.max) clauses.push(`MAXVALUE ${to.max}`);
  if (from.start !== to.start) clauses.push(`START WITH ${to.start}`);
  if (from.cache !== to.cache) clauses.push(`CACHE ${to.cache}`);
  if (from.cycle !== to.cycle) clauses.push(to.cycle ? 'CYCLE' : 'NO CYCLE');
  const out = clauses.length === 0 ? [] : [`ALTER SEQUENCE ${q(to.name)} ${clauses.join(' ')}`];
  if (from.ownedBy?.table !== to.ownedBy?.table || from.ownedBy?.column !== to.ownedBy?.column) out.push(ownedBySql(to));
  return out;
}

/**
 * `ALTER SEQUENCE ... OWNED BY table.column` (or `NONE`).
 *
 * @example
 * ```ts
 * ownedBySql({ ...seq, ownedBy: { table: 't', column: 'id' } }); // 'ALTER SEQUENCE "t_id_seq" OWNED BY "t"."id"'
 * ```
 */
export function ownedBySql(s: Sequence): string {
  return `ALTER SEQUENCE ${q(s.name)} OWNED BY ${s.ownedBy ? `${q(s.ownedBy.table)}.${q(s.ownedBy.column)}` : 'NONE'}`;
}

/**
 * `ALTER SEQUENCE ... OWNED BY NONE`: the sequence then survives dropping its column or table.
 *
 * @example
 * ```ts
 * disownSql('t_id_seq'); // 'ALTER SEQUENCE "t_id_seq" OWNED BY NONE'
 * ```
 */
export function disownSql(sequence: string): string {
  return `ALTER SEQUENCE ${q(sequence)} OWNED BY NONE`;
}

/**
 * The trigger's own name, read from its `CREATE TRIGGER` statement: IR names are
 * `table.trigger` on PostgreSQL (trigger names are unique per table only).
 *
 * @example
 * ```ts
 * triggerName({ name: 'posts.touch', table: 'posts', definition: 'CREATE TRIGGER touch BEFORE UPDATE ON posts ...' }); // 'touch'
 * ```
 */
export function triggerName(trigger: Trigger): string {
  try {
    const tokens = lexPostgres(trigger.definition);
    const at = tokens.findIndex((t) => t.kind === 'word' && t.value === 'trigger');
    const name = tokens[at + 1];
    if (at >= 0 && name !== undefined && (name.kind === 'word' || name.kind === 'ident')) return name.kind === 'word' ? name.value : name.value;
  } catch {
    // Fall back to the IR name below.
  }
  const prefix = `${trigger.table}.`;
  return trigger.name.startsWith(prefix) ? trigger.name.slice(prefix.length) : trigger.name;
}

/**
 * `DROP TRIGGER name ON table`.
 *
 * @example
 * ```ts
 * dropTriggerSql({ name: 't.touch', table: 't', definition: 'CREATE TRIGGER touch ...' }); // 'DROP TRIGGER "touch" ON "t"'
 * ```
 */
export function dropTriggerSql(trigger: Trigger): string {
  return `DROP TRIGGER ${q(triggerName(trigger))} ON ${q(trigger.table)}`;
}

import type { Schema, Table, View } from '@retort/schema';
import { orderViews, referencedNames } from '@retort/schema';
import { renderCreateIndex, renderCreateTable, renderCreateView } from './sqlite-ddl-table.js';
import { quoteIdentifier as q, quoteLiteral as lit } from './sqlite-quote.js';

/** What one table rebuild needs. */
export interface RebuildInput {
  /** The table as it is in the database now. */
  readonly before: Table;
  /** The table as it must be afterwards (same name). */
  readonly after: Table;
  /** For each column of `after` whose values come from the old table: the old column's name. */
  readonly sources: ReadonlyMap<string, string>;
  /** The whole schema as it is in the database now (views and triggers to keep). */
  readonly schema: Schema;
}

/**
 * The statements of SQLite's generalized ALTER TABLE procedure
 * (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
 * Changes"): create the new table beside the old one, copy the surviving columns, drop
 * the views and triggers that name the table, drop the old table, rename the new one,
 * then recreate the indexes, triggers and views. Foreign-key handling (and the check
 * after) belongs to the caller, which sees the whole script.
 *
 * @example
 * ```ts
 * rebuildStatements({ before, after, sources: new Map([['id', 'id']]), schema });
 * ```
 */
export function rebuildStatements(input: RebuildInput): string[] {
  const { before, after, sources, schema } = input;
  const name = after.name;
  const temp = `retort_new_${name}`;
  const statements = [renderCreateTable(after, temp)];
  const copied = after.columns.filter((c) => c.generated === undefined && sources.has(c.name));
  if (copied.length > 0) {
    const targets = copied.map((c) => q(c.name)).join(', ');
    const values = copied.map((c) => q(sources.get(c.name) as string)).join(', ');
    statements.push(`INSERT INTO ${q(temp)} (${targets}) SELECT ${values} FROM ${q(before.name)}`);
  }
  // AUTOINCREMENT never reuses an id, even of deleted rows: carry the counter over.
  if (before.columns.some((c) => c.autoincrement) && after.columns.some((c) => c.autoincrement)) {
    statements.push(
      `DELETE FROM sqlite_sequence WHERE name = ${lit(temp)}`,
      `INSERT INTO sqlite_sequence (name, seq) SELECT ${lit(temp)}, seq FROM sqlite_sequence WHERE name = ${lit(before.name)}`,
    );
  }
  const views = viewsNaming(schema.views, name);
  const triggers = schema.triggers.filter((t) => t.table === name || mentions(t.definition, name));
  for (const view of [...views].reverse()) statements.push(`DROP VIEW ${q(view.name)}`);
  for (const trigger of triggers) if (trigger.table !== name) statements.push(`DROP TRIGGER ${q(trigger.name)}`);
  statements.push(`DROP TABLE ${q(before.name)}`);
  statements.push(`ALTER TABLE ${q(temp)} RENAME TO ${q(name)}`);
  for (const index of after.indexes) statements.push(renderCreateIndex(name, index));
  for (const trigger of triggers) statements.push(trigger.definition);
  for (const view of views) statements.push(renderCreateView(view));
  return statements;
}

/** Views naming `table`, directly or through other views, in creation order. */
function viewsNaming(views: readonly View[], table: string): View[] {
  const stale = new Set([table]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const v of views) {
      if (!stale.has(v.name) && [...stale].some((n) => mentions(v.definition, n))) {
        stale.add(v.name);
        grew = true;
      }
    }
  }
  return orderViews(views.filter((v) => stale.has(v.name)));
}

function mentions(sql: string, name: string): boolean {
  const names = referencedNames(sql);
  return names.has(name) || names.has(name.toLowerCase());
}

/**
 * Statements that fail the script when any foreign key is violated: `PRAGMA
 * foreign_key_check` only reports, so its row count goes through a CHECK constraint.
 *
 * @example
 * ```ts
 * foreignKeyCheckStatements()[1]; // 'INSERT INTO temp."retort_fk_check" SELECT count(*) FROM pragma_foreign_key_check'
 * ```
 */
export function foreignKeyCheckStatements(): string[] {
  return [
    'CREATE TEMP TABLE "retort_fk_check" ("violations" INTEGER CONSTRAINT "foreign_key_check_failed" CHECK ("violations" = 0))',
    'INSERT INTO temp."retort_fk_check" SELECT count(*) FROM pragma_foreign_key_check',
    'DROP TABLE temp."retort_fk_check"',
  ];
}

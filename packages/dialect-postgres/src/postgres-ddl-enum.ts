import type { AlterEnumOp, Schema, View } from '@retort/schema';
import { orderViews, referencedNames } from '@retort/schema';
import { referencedColumns } from './postgres-schema-dialect-expression.js';
import { truncateIdentifier } from './postgres-schema-dialect-names.js';
import { checkName, checkSql, createIndexSql, defaultSql } from './postgres-ddl-table.js';
import { createViewSql, dropViewSql } from './postgres-ddl-objects.js';
import { quoteIdentifier as q, quoteLiteral } from './postgres-quote.js';

/**
 * Statements of an enum change; `added` lists the values `ALTER TYPE ... ADD VALUE` adds.
 *
 * @example
 * ```ts
 * const change: EnumChangeSql = { statements: [`ALTER TYPE "mood" ADD VALUE 'ok'`], added: ['ok'] };
 * ```
 */
export interface EnumChangeSql {
  readonly statements: readonly string[];
  readonly added: readonly string[];
}

/**
 * The statements turning enum `op.from` into `op.to`. When values are only added (the old
 * list is a subsequence of the new one) each becomes `ALTER TYPE ... ADD VALUE` placed
 * `BEFORE` the next existing value, or appended. Otherwise (a value removed, the order
 * changed) the type is rebuilt: the old type is renamed aside, the new one created, every
 * column using it converted through text (its default, and the checks, indexes and views
 * that mention it, dropped and restored around the change), and the old type dropped.
 * Rows holding a removed value make the conversion fail (hazard `ENUM_VALUE_REMOVED`).
 *
 * @example
 * ```ts
 * alterEnumSql({ kind: 'alterEnum', from: { name: 'mood', values: ['sad', 'happy'] }, to: { name: 'mood', values: ['sad', 'ok', 'happy'] }, usages: [] }, schema, false);
 * // { statements: [`ALTER TYPE "mood" ADD VALUE 'ok' BEFORE 'happy'`], added: ['ok'] }
 * ```
 */
export function alterEnumSql(op: AlterEnumOp, schema: Schema, ifNotExists: boolean): EnumChangeSql {
  const name = q(op.to.name);
  if (isSubsequence(op.from.values, op.to.values)) {
    const current = [...op.from.values];
    const statements: string[] = [];
    const added: string[] = [];
    op.to.values.forEach((value, k) => {
      if (current.includes(value)) return;
      const next = op.to.values.slice(k + 1).find((v) => current.includes(v));
      const exists = ifNotExists ? ' IF NOT EXISTS' : '';
      if (next === undefined) {
        statements.push(`ALTER TYPE ${name} ADD VALUE${exists} ${quoteLiteral(value)}`);
        current.push(value);
      } else {
        statements.push(`ALTER TYPE ${name} ADD VALUE${exists} ${quoteLiteral(value)} BEFORE ${quoteLiteral(next)}`);
        current.splice(current.indexOf(next), 0, value);
      }
      added.push(value);
    });
    if (op.from.comment !== op.to.comment) statements.push(`COMMENT ON TYPE ${name} IS ${op.to.comment === undefined ? 'NULL' : quoteLiteral(op.to.comment)}`);
    return { statements, added };
  }
  return { statements: rebuildEnum(op, schema), added: [] };
}

function rebuildEnum(op: AlterEnumOp, schema: Schema): string[] {
  const name = q(op.to.name);
  const old = q(truncateIdentifier(`${op.from.name}_retort_old`));
  const usages = op.usages.flatMap((u) => {
    const table = schema.tables.find((t) => t.name === u.table);
    const column = table?.columns.find((c) => c.name === u.column);
    return table && column ? [{ table, column }] : [];
  });
  const tables = [...new Map(usages.map((u) => [u.table.name, u.table])).values()];
  const dependents = tables.map((table) => {
    const columns = usages.filter((u) => u.table === table).map((u) => u.column.name);
    const uses = (sql: string | undefined): boolean => sql !== undefined && referencedColumns(sql).some((c) => columns.includes(c));
    return {
      table,
      checks: table.checks.filter((c) => uses(c.expression)),
      indexes: table.indexes.filter((ix) => uses(ix.where) || ix.keys.some((k) => k.column !== undefined ? columns.includes(k.column) : uses(k.expression))),
    };
  });
  const views = viewsOn(schema, new Set(tables.map((t) => t.name)));
  const out: string[] = [...[...views].reverse().map(dropViewSql)];
  for (const d of dependents) {
    for (const c of d.checks) out.push(`ALTER TABLE ${q(d.table.name)} DROP CONSTRAINT ${q(checkName(d.table.name, c))}`);
    for (const ix of d.indexes) out.push(`DROP INDEX ${q(ix.name)}`);
  }
  out.push(`ALTER TYPE ${name} RENAME TO ${old}`);
  out.push(`CREATE TYPE ${name} AS ENUM (${op.to.values.map(quoteLiteral).join(', ')})`);
  if (op.to.comment !== undefined) out.push(`COMMENT ON TYPE ${name} IS ${quoteLiteral(op.to.comment)}`);
  for (const { table, column } of usages) {
    const alter = `ALTER TABLE ${q(table.name)} ALTER COLUMN ${q(column.name)}`;
    if (column.default !== undefined) out.push(`${alter} DROP DEFAULT`);
    out.push(`${alter} TYPE ${name} USING ${q(column.name)}::text::${name}`);
    if (column.default !== undefined) out.push(`${alter} SET DEFAULT ${defaultSql(column.default)}`);
  }
  out.push(`DROP TYPE ${old}`);
  for (const d of dependents) {
    for (const c of d.checks) out.push(`ALTER TABLE ${q(d.table.name)} ADD ${checkSql(d.table.name, c)}`);
    for (const ix of d.indexes) out.push(createIndexSql(d.table.name, ix));
  }
  out.push(...views.flatMap(createViewSql));
  return out;
}

/** Views that mention any of `tables` (or such a view), in creation order. */
function viewsOn(schema: Schema, tables: ReadonlySet<string>): View[] {
  const stale = new Set(tables);
  const found: View[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const v of schema.views) {
      if (found.includes(v)) continue;
      const names = referencedNames(v.definition);
      if ([...stale].some((n) => names.has(n) || names.has(n.toLowerCase()))) {
        found.push(v);
        stale.add(v.name);
        grew = true;
      }
    }
  }
  return orderViews(found);
}

function isSubsequence(a: readonly string[], b: readonly string[]): boolean {
  let i = 0;
  for (const v of b) if (v === a[i]) i++;
  return i === a.length;
}

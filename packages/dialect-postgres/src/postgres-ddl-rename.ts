import type { CheckConstraint, ForeignKey, Table, UniqueConstraint } from '@retort/schema';
import { stableKey } from '@retort/schema';
import { renameColumnInExpression } from './postgres-schema-dialect-model.js';
import { checkName, foreignKeyName, primaryKeyName, uniqueName } from './postgres-ddl-table.js';
import { quoteIdentifier as q } from './postgres-quote.js';

/**
 * A table or column rename, as far as constraint names care.
 *
 * @example
 * ```ts
 * const rename: Rename = { kind: 'column', from: 'name', to: 'full_name' };
 * ```
 */
export type Rename = { readonly kind: 'table'; readonly from: string; readonly to: string } | { readonly kind: 'column'; readonly from: string; readonly to: string };

/**
 * `RENAME CONSTRAINT` statements keeping PostgreSQL's default names true after a table or
 * column rename: the server keeps `alpha_pkey` when `alpha` becomes `beta`, but the IR
 * leaves default names out, so a constraint without a name must carry the default name of
 * its table and columns as they are now (`beta_pkey`). Constraints with their own names are
 * left alone.
 *
 * @example
 * ```ts
 * renameDefaultNames(alphaTable, betaTable, { kind: 'table', from: 'alpha', to: 'beta' });
 * // ['ALTER TABLE "beta" RENAME CONSTRAINT "alpha_pkey" TO "beta_pkey"']
 * ```
 */
export function renameDefaultNames(before: Table, after: Table, rename: Rename): string[] {
  const pairs: [string, string][] = [];
  if (before.primaryKey && after.primaryKey && before.primaryKey.name === undefined) {
    pairs.push([primaryKeyName(before.name, before.primaryKey), primaryKeyName(after.name, after.primaryKey)]);
  }
  const columns = (names: readonly string[]): string[] => names.map((n) => (rename.kind === 'column' && n === rename.from ? rename.to : n));
  match(before.uniques, after.uniques, (u): UniqueConstraint => ({ ...u, columns: columns(u.columns) }), (b, a) => pairs.push([uniqueName(before.name, b), uniqueName(after.name, a)]));
  match(
    before.foreignKeys,
    after.foreignKeys,
    (fk): ForeignKey => {
      const selfRef = fk.references.table === before.name;
      return {
        ...fk,
        columns: columns(fk.columns),
        references: { table: selfRef ? after.name : fk.references.table, columns: selfRef ? columns(fk.references.columns) : fk.references.columns },
      };
    },
    (b, a) => pairs.push([foreignKeyName(before.name, b), foreignKeyName(after.name, a)]),
  );
  match(
    before.checks,
    after.checks,
    (c): CheckConstraint => (rename.kind === 'column' ? { ...c, expression: renameColumnInExpression(c.expression, rename.from, rename.to) } : c),
    (b, a) => pairs.push([checkName(before.name, b), checkName(after.name, a)]),
  );
  return pairs.filter(([from, to]) => from !== to).map(([from, to]) => `ALTER TABLE ${q(after.name)} RENAME CONSTRAINT ${q(from)} TO ${q(to)}`);
}

/** Pairs each unnamed item of `before` (moved into the renamed world by `move`) with its equal in `after`. */
function match<T extends { readonly name?: string }>(before: readonly T[], after: readonly T[], move: (item: T) => T, found: (before: T, after: T) => void): void {
  const remaining = after.filter((a) => a.name === undefined);
  for (const b of before) {
    if (b.name !== undefined) continue;
    const key = stableKey(move(b));
    const at = remaining.findIndex((a) => stableKey(a) === key);
    if (at < 0) continue;
    found(b, remaining[at] as T);
    remaining.splice(at, 1);
  }
}

import { referencedNames } from './canonical-expression.js';
import type { ForeignKey, Table, View } from './schema-ir.js';

/**
 * Tables in creation order, and the foreign keys that must wait for `addForeignKey`.
 *
 * @example
 * ```ts
 * const { tables, deferred } = orderTablesForCreate(newTables, false);
 * ```
 */
export interface CreateOrder {
  /** Tables, referenced tables first, with any deferred foreign keys removed. */
  readonly tables: readonly Table[];
  /** Foreign keys taken out to break cycles, to add once every table exists. */
  readonly deferred: readonly { readonly table: string; readonly foreignKey: ForeignKey }[];
}

/**
 * Orders tables so foreign-key targets come first (ties by name). A cycle is broken by
 * taking the first remaining table (by name) and deferring its foreign keys to tables not
 * yet created, unless `forwardForeignKeys` (the dialect accepts references to tables that
 * do not exist yet), in which case nothing is deferred. Self-references need nothing.
 *
 * @example
 * ```ts
 * orderTablesForCreate([orders, users], false).tables.map((t) => t.name); // ['users', 'orders']
 * ```
 */
export function orderTablesForCreate(tables: readonly Table[], forwardForeignKeys: boolean): CreateOrder {
  const pending = new Map([...tables].sort(byName).map((t) => [t.name, t]));
  const ordered: Table[] = [];
  const deferred: { table: string; foreignKey: ForeignKey }[] = [];
  const waitsOn = (t: Table): ForeignKey[] =>
    t.foreignKeys.filter((fk) => fk.references.table !== t.name && pending.has(fk.references.table));
  while (pending.size > 0) {
    let ready = [...pending.values()].find((t) => waitsOn(t).length === 0);
    if (!ready) {
      const first = pending.values().next().value as Table;
      const blocking = new Set(waitsOn(first));
      if (!forwardForeignKeys) {
        for (const fk of blocking) deferred.push({ table: first.name, foreignKey: fk });
        ready = { ...first, foreignKeys: first.foreignKeys.filter((fk) => !blocking.has(fk)) };
      } else {
        ready = first;
      }
    }
    ordered.push(ready);
    pending.delete(ready.name);
  }
  return { tables: ordered, deferred };
}

/**
 * Orders views so that a view comes after the views it mentions (ties by name).
 *
 * @example
 * ```ts
 * orderViews([summary, base]).map((v) => v.name); // ['base', 'summary']
 * ```
 */
export function orderViews(views: readonly View[]): View[] {
  const pending = new Map([...views].sort(byName).map((v) => [v.name, v]));
  const deps = new Map(views.map((v) => [v.name, mentionedViews(v, pending)]));
  const ordered: View[] = [];
  while (pending.size > 0) {
    const ready =
      [...pending.values()].find((v) => [...(deps.get(v.name) ?? [])].every((d) => d === v.name || !pending.has(d))) ??
      (pending.values().next().value as View);
    ordered.push(ready);
    pending.delete(ready.name);
  }
  return ordered;
}

function mentionedViews(view: View, all: ReadonlyMap<string, View>): Set<string> {
  const names = referencedNames(view.definition);
  return new Set([...all.keys()].filter((n) => names.has(n) || names.has(n.toLowerCase())));
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

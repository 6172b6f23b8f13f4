import { createHash } from 'node:crypto';
import type { Queryable } from '@retort/core';
import type { Column, ForeignKey, Index, IndexKey, IntrospectOptions, ReferentialAction, Schema, Table } from '@retort/schema';
import { parseCreateIndex, parseCreateTable, parseCreateView, type ParsedTable } from './sqlite-introspect-parse.js';

/** A row of sqlite_schema. */
export interface SchemaRow { type: string; name: string; tbl_name: string; sql: string | null }
interface ColumnRow { tbl: string; name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }
interface IndexRow { tbl: string; idx: string; uniq: number; origin: string; seqno: number; cid: number; col: string | null; descending: number; key: number }
interface ForeignKeyRow { tbl: string; id: number; seq: number; ref: string; col: string; refcol: string | null; on_update: string; on_delete: string }

const NOT_INTERNAL = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

/** The four catalog queries: one over sqlite_schema, one per pragma joined to every table. */
export const SQLITE_CATALOG_QUERIES = Object.freeze({
  objects: `SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_master m WHERE ${NOT_INTERNAL} ORDER BY m.name`,
  columns: `SELECT m.name AS tbl, c.name, c.type, c."notnull" AS "notnull", c.dflt_value, c.pk, c.hidden FROM sqlite_master m JOIN pragma_table_xinfo(m.name) c WHERE m.type = 'table' AND ${NOT_INTERNAL} ORDER BY m.name, c.cid`,
  indexes: `SELECT m.name AS tbl, il.name AS idx, il."unique" AS uniq, il.origin, ii.seqno, ii.cid, ii.name AS col, ii."desc" AS descending, ii."key" AS "key" FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii WHERE m.type = 'table' AND il.origin = 'c' AND ${NOT_INTERNAL} ORDER BY m.name, il.name, ii.seqno`,
  foreignKeys: `SELECT m.name AS tbl, f.id, f.seq, f."table" AS ref, f."from" AS col, f."to" AS refcol, f.on_update, f.on_delete FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND ${NOT_INTERNAL} ORDER BY m.name, f.id, f.seq`,
});

/**
 * Reads a SQLite database's schema into the IR (not yet normalized) with the four
 * {@link SQLITE_CATALOG_QUERIES}, whatever the number of tables; what the pragmas do not
 * report comes from the stored CREATE statements.
 *
 * @example
 * ```ts
 * const raw = await readSqliteCatalog(connection, { excludeTables: ['retort_version', 'retort_history'] });
 * ```
 */
export async function readSqliteCatalog(db: Queryable, options: IntrospectOptions = {}): Promise<Schema> {
  return readCatalogRest(db, await db.query<SchemaRow>(SQLITE_CATALOG_QUERIES.objects), options);
}

/**
 * The fingerprint of a SQLite schema: its sqlite_schema rows decide every pragma's answer
 * and every parsed CREATE statement, and the library version how they are reported.
 *
 * @example
 * ```ts
 * const { rows, key } = await catalogFingerprint(connection);
 * ```
 */
export async function catalogFingerprint(db: Queryable, options: IntrospectOptions = {}): Promise<{ rows: SchemaRow[]; key: string }> {
  const [rows, [version]] = await Promise.all([
    db.query<SchemaRow>(SQLITE_CATALOG_QUERIES.objects),
    db.query<{ version: string }>('SELECT sqlite_version() AS version'),
  ]);
  const hash = createHash('sha256').update(`${version?.version}\0${JSON.stringify(options.excludeTables ?? null)}`);
  for (const row of rows) hash.update(`\0${row.type}\0${row.name}\0${row.tbl_name}\0${row.sql ?? ''}`);
  return { rows, key: hash.digest('hex') };
}

/** The catalog from already-read sqlite_schema rows: the three pragma queries and the parsing. */
export async function readCatalogRest(db: Queryable, objects: readonly SchemaRow[], options: IntrospectOptions = {}): Promise<Schema> {
  const exclude = new Set(options.excludeTables ?? ['retort_version', 'retort_history']);
  const [columns, indexes, foreignKeys] = await Promise.all([
    db.query<ColumnRow>(SQLITE_CATALOG_QUERIES.columns),
    db.query<IndexRow>(SQLITE_CATALOG_QUERIES.indexes),
    db.query<ForeignKeyRow>(SQLITE_CATALOG_QUERIES.foreignKeys),
  ]);
  const kept = objects.filter((o) => !exclude.has(o.tbl_name));
  const indexSql = new Map(kept.filter((o) => o.type === 'index' && o.sql !== null).map((o) => [o.name, o.sql as string]));
  const columnsOf = groupBy(columns, (r) => r.tbl);
  const indexesOf = groupBy(indexes, (r) => r.tbl);
  const fksOf = groupBy(foreignKeys, (r) => r.tbl);
  const tableName = declaredName(kept.filter((o) => o.type === 'table').map((o) => o.name));
  const columnNames = (table: string): string[] => (columnsOf.get(tableName(table)) ?? []).map((c) => c.name);
  const pkOf = (table: string): string[] =>
    (columnsOf.get(tableName(table)) ?? []).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const names = { pkOf, columnNames, tableName };
  const tables = kept
    .filter((o) => o.type === 'table' && o.sql !== null && !/^CREATE\s+VIRTUAL/i.test(o.sql))
    .map((o) => {
      const parsed = parseCreateTable(o.sql as string);
      const columnRows = (columnsOf.get(o.name) ?? []).filter((c) => c.hidden !== 1);
      const own = declaredName(columnRows.map((c) => c.name));
      const table: Table = {
        name: o.name,
        columns: columnRows.map((c) => columnOf(c, parsed)),
        ...primaryKeyOf(pkOf(o.name), parsed),
        // The stored text is the truth for uniques: SQLite builds no index for one that
        // repeats the primary key or another unique.
        uniques: parsed.uniques.map((u) => ({ ...u, columns: u.columns.map(own) })),
        foreignKeys: foreignKeysOf(fksOf.get(o.name) ?? [], parsed, own, names),
        checks: parsed.checks.map((c) => ({ ...c })),
        indexes: indexesFrom(indexesOf.get(o.name) ?? [], indexSql),
        ...(parsed.withoutRowid ? { withoutRowid: true as const } : {}),
        ...(parsed.strict ? { strict: true as const } : {}),
      };
      return table;
    });
  const views = kept
    .filter((o) => o.type === 'view' && o.sql !== null)
    .map((o) => ({ name: o.name, ...parseCreateView(o.sql as string) }));
  const triggers = kept
    .filter((o) => o.type === 'trigger' && o.sql !== null)
    .map((o) => ({ name: o.name, table: o.tbl_name, definition: o.sql as string }));
  return { tables, views, enums: [], sequences: [], triggers };
}

function columnOf(row: ColumnRow, parsed: ParsedTable): Column {
  const p = parsed.columns.find((c) => c.name.toLowerCase() === row.name.toLowerCase());
  const column: { -readonly [K in keyof Column]: Column[K] } = { name: row.name, type: row.type, nullable: row.notnull === 0 };
  if (row.dflt_value !== null) column.default = row.dflt_value;
  if (p?.autoincrement) column.autoincrement = true;
  if (p?.generated) column.generated = { expression: p.generated.expression, stored: row.hidden === 3 };
  if (p?.collation !== undefined) column.collation = p.collation;
  return column;
}

function primaryKeyOf(columns: string[], parsed: ParsedTable): { primaryKey?: Table['primaryKey'] } {
  if (columns.length === 0) return {};
  const name = parsed.primaryKey?.name;
  return { primaryKey: name === undefined ? { columns } : { name, columns } };
}

/** Maps a name as written in a constraint to the column's declared spelling (names are case-insensitive). */
function declaredName(names: readonly string[]): (name: string) => string {
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  return (name) => byLower.get(name.toLowerCase()) ?? name;
}

/** Lookups over the tables being read, by name as written (case-insensitive). */
interface CatalogNames {
  readonly pkOf: (table: string) => string[];
  readonly columnNames: (table: string) => string[];
  readonly tableName: (name: string) => string;
}

function foreignKeysOf(rows: readonly ForeignKeyRow[], parsed: ParsedTable, own: (name: string) => string, names: CatalogNames): ForeignKey[] {
  const { pkOf, columnNames, tableName } = names;
  const unused = [...parsed.foreignKeys];
  return [...groupBy(rows, (r) => String(r.id)).values()].reverse().map((keyRows) => {
    const first = keyRows[0] as ForeignKeyRow;
    const columns = keyRows.map((r) => own(r.col));
    const target = declaredName(columnNames(first.ref));
    const refColumns = keyRows.every((r) => r.refcol !== null) ? keyRows.map((r) => target(r.refcol as string)) : pkOf(first.ref);
    const at = unused.findIndex((p) => sameNames(p.columns, columns) && p.refTable.toLowerCase() === first.ref.toLowerCase());
    const written = at < 0 ? undefined : unused.splice(at, 1)[0];
    return {
      ...(written?.name === undefined ? {} : { name: written.name }),
      columns,
      references: { table: tableName(first.ref), columns: refColumns },
      onDelete: first.on_delete as ReferentialAction,
      onUpdate: first.on_update as ReferentialAction,
      ...(written?.deferrable === undefined ? {} : { deferrable: written.deferrable }),
    };
  });
}

function indexesFrom(rows: readonly IndexRow[], indexSql: ReadonlyMap<string, string>): Index[] {
  return [...groupBy(rows.filter((r) => r.origin === 'c'), (r) => r.idx).entries()].flatMap(([name, all]) => {
    const sql = indexSql.get(name);
    if (sql === undefined) return [];
    const parsed = parseCreateIndex(sql);
    const keys = all
      .filter((r) => r.key === 1)
      .map((r, i): IndexKey => {
        const written = parsed.keys[i];
        const base: IndexKey = r.cid === -2 ? { expression: written?.expression ?? '' } : { column: r.col as string };
        return {
          ...base,
          ...(r.descending === 1 ? { descending: true as const } : {}),
          ...(written?.collation === undefined ? {} : { collation: written.collation }),
        };
      });
    const unique = (all[0] as IndexRow).uniq === 1;
    return [{ name, keys, unique, ...(parsed.where === undefined ? {} : { where: parsed.where }) }];
  });
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === (b[i] as string).toLowerCase());
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

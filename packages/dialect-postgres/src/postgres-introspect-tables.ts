import type { CheckConstraint, Column, ForeignKey, Index, IndexKey, ReferentialAction, Table, UniqueConstraint } from '@retort/schema';
import { lexPostgres, type PgToken } from './postgres-schema-dialect-lexer.js';

/** A row of the tables query. */
export interface TableRow { oid: string; name: string; kind: string; comment: string | null; partition_by: string | null; partition_of: string | null; partition_bound: string | null }
/** A row of the columns query. */
export interface ColumnRow { table_name: string; num: number; name: string; type: string; not_null: boolean; default_expr: string | null; identity: string; generated: string; collation: string | null; comment: string | null }
/** A row of the constraints query. */
export interface ConstraintRow {
  table_name: string; name: string; type: string; columns: number[] | null; ref_table: string | null; ref_schema: string | null;
  ref_columns: number[] | null; ref_names: string[] | null; on_delete: string; on_update: string; deferrable: boolean; deferred: boolean;
  expression: string | null; cloned: boolean; inherited: boolean; nulls_not_distinct: boolean | null;
}
/** A row of the indexes query. */
export interface IndexRow {
  table_name: string; name: string; table_kind: string; is_unique: boolean; key_count: number; method: string; definition: string;
  predicate: string | null; nulls_not_distinct: boolean; keys: string[]; key_columns: (string | null)[];
}

const ACTIONS: Record<string, ReferentialAction> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/**
 * Builds the IR tables from the catalog rows, and the indexes of materialized views by view
 * name. Constraints and indexes a partition inherits from its partitioned table (cloned
 * keys and foreign keys, inherited checks, attached indexes) are left out: attaching the
 * partition recreates them.
 *
 * @example
 * ```ts
 * const { tables } = assembleTables({ tables, columns, constraints, indexes });
 * ```
 */
export function assembleTables(rows: { tables: readonly TableRow[]; columns: readonly ColumnRow[]; constraints: readonly ConstraintRow[]; indexes: readonly IndexRow[] }): {
  tables: Table[];
  viewIndexes: Map<string, Index[]>;
} {
  const columnsOf = groupBy(rows.columns, (c) => c.table_name);
  const constraintsOf = groupBy(rows.constraints, (c) => c.table_name);
  const indexesOf = groupBy(rows.indexes, (i) => i.table_name);
  const names = new Map([...columnsOf].map(([table, cols]) => [table, new Map(cols.map((c) => [c.num, c.name]))]));
  const nameOf = (table: string, nums: readonly number[] | null): string[] => (nums ?? []).map((n) => names.get(table)?.get(n) ?? `#${n}`);
  const tables = rows.tables.map((t): Table => {
    const constraints = (constraintsOf.get(t.name) ?? []).filter((k) => !k.cloned && !(k.type === 'c' && k.inherited));
    const pk = constraints.find((k) => k.type === 'p');
    const table: { -readonly [K in keyof Table]: Table[K] } = {
      name: t.name,
      columns: (columnsOf.get(t.name) ?? []).map(columnOf),
      uniques: constraints.filter((k) => k.type === 'u').map((k) => uniqueOf(k, nameOf(t.name, k.columns))),
      foreignKeys: constraints.filter((k) => k.type === 'f').map((k) => foreignKeyOf(k, nameOf(t.name, k.columns), nameOf)),
      checks: constraints.filter((k) => k.type === 'c').map((k): CheckConstraint => ({ name: k.name, expression: k.expression ?? '' })),
      indexes: (indexesOf.get(t.name) ?? []).map(indexOf),
    };
    if (pk) table.primaryKey = { name: pk.name, columns: nameOf(t.name, pk.columns) };
    if (t.comment !== null) table.comment = t.comment;
    if (t.partition_by !== null) table.partitionBy = t.partition_by;
    if (t.partition_of !== null && t.partition_bound !== null) table.partitionOf = { table: t.partition_of, bound: t.partition_bound };
    return table;
  });
  const viewIndexes = new Map<string, Index[]>();
  for (const row of rows.indexes) {
    if (row.table_kind === 'm') viewIndexes.set(row.table_name, [...(viewIndexes.get(row.table_name) ?? []), indexOf(row)]);
  }
  return { tables, viewIndexes };
}

function columnOf(row: ColumnRow): Column {
  const column: { -readonly [K in keyof Column]: Column[K] } = { name: row.name, type: row.type, nullable: !row.not_null };
  if (row.generated === 's' && row.default_expr !== null) column.generated = { expression: row.default_expr, stored: true };
  else if (row.default_expr !== null) column.default = row.default_expr;
  if (row.identity === 'a') column.identity = 'always';
  if (row.identity === 'd') column.identity = 'by-default';
  if (row.collation !== null) column.collation = row.collation;
  if (row.comment !== null) column.comment = row.comment;
  return column;
}

function uniqueOf(row: ConstraintRow, columns: string[]): UniqueConstraint {
  return {
    name: row.name,
    columns,
    ...(row.nulls_not_distinct ? { nullsNotDistinct: true as const } : {}),
    ...(row.deferrable ? { deferrable: row.deferred ? ('deferred' as const) : ('immediate' as const) } : {}),
  };
}

function foreignKeyOf(row: ConstraintRow, columns: string[], nameOf: (table: string, nums: readonly number[] | null) => string[]): ForeignKey {
  const refTable = row.ref_table ?? '';
  return {
    name: row.name,
    columns,
    references: {
      table: row.ref_schema === null ? refTable : `${row.ref_schema}.${refTable}`,
      columns: row.ref_names ?? nameOf(refTable, row.ref_columns),
    },
    onDelete: ACTIONS[row.on_delete] ?? 'NO ACTION',
    onUpdate: ACTIONS[row.on_update] ?? 'NO ACTION',
    ...(row.deferrable ? { deferrable: row.deferred ? ('deferred' as const) : ('immediate' as const) } : {}),
  };
}

function indexOf(row: IndexRow): Index {
  const options = keyOptions(row);
  const keys = row.keys.slice(0, row.key_count).map((text, i): IndexKey => {
    const column = row.key_columns[i];
    const base: IndexKey = column === null || column === undefined ? { expression: text } : { column };
    return { ...base, ...(options[i] ?? {}) };
  });
  const include = row.key_columns.slice(row.key_count).filter((c): c is string => c !== null);
  return {
    name: row.name,
    keys,
    unique: row.is_unique,
    ...(row.predicate === null ? {} : { where: row.predicate }),
    ...(row.method === 'btree' ? {} : { method: row.method }),
    ...(include.length > 0 ? { include } : {}),
    ...(row.nulls_not_distinct ? { nullsNotDistinct: true as const } : {}),
  };
}

type KeyOptions = Pick<IndexKey, 'descending' | 'nulls' | 'collation' | 'opclass'>;

/**
 * Per-key COLLATE, operator class, DESC and NULLS options, read from pg_get_indexdef's
 * text after each key's own text (which pg_get_indexdef(index, column) gives).
 */
function keyOptions(row: IndexRow): KeyOptions[] {
  let tokens: PgToken[];
  try {
    tokens = lexPostgres(row.definition);
  } catch {
    return [];
  }
  const using = tokens.findIndex((t, i) => t.kind === 'word' && t.value === 'using' && tokens[i + 2]?.text === '(');
  if (using < 0) return [];
  const segments: PgToken[][] = [[]];
  let depth = 0;
  for (let i = using + 3; i < tokens.length; i++) {
    const t = tokens[i] as PgToken;
    if (t.text === '(' || t.text === '[') depth++;
    if (t.text === ')' || t.text === ']') {
      if (depth === 0) break;
      depth--;
    }
    if (t.text === ',' && depth === 0) segments.push([]);
    else (segments[segments.length - 1] as PgToken[]).push(t);
  }
  return row.keys.slice(0, row.key_count).map((text, i) => {
    let own: number;
    try {
      own = lexPostgres(text).length;
    } catch {
      return {};
    }
    return parseKeyOptions((segments[i] ?? []).slice(own));
  });
}

function parseKeyOptions(tokens: readonly PgToken[]): KeyOptions {
  const out: { -readonly [K in keyof KeyOptions]: KeyOptions[K] } = {};
  let i = 0;
  const word = (): string | undefined => (tokens[i]?.kind === 'word' ? tokens[i]?.value : undefined);
  const qualified = (): string => {
    let text = (tokens[i] as PgToken).text;
    i++;
    while (tokens[i]?.text === '.' && tokens[i + 1] !== undefined) {
      text += `.${(tokens[i + 1] as PgToken).text}`;
      i += 2;
    }
    return text;
  };
  if (word() === 'collate') {
    i++;
    const name = qualified();
    out.collation = /^"[^".]*"$/.test(name) ? name.slice(1, -1).replaceAll('""', '"') : name;
  }
  if (tokens[i] !== undefined && word() !== 'asc' && word() !== 'desc' && word() !== 'nulls') out.opclass = qualified();
  if (word() === 'desc') {
    out.descending = true;
    i++;
  } else if (word() === 'asc') {
    i++;
  }
  if (word() === 'nulls') {
    out.nulls = tokens[i + 1]?.value === 'first' ? 'first' : 'last';
    i += 2;
  }
  return out;
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

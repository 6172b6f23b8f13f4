import type { CheckConstraint, Column, ForeignKey, Index, IndexKey, ReferentialAction, Table, UniqueConstraint } from '@retort/schema';

/** A table: name, comment, partition key, parent table, partition bound. */
export type TableRow = [name: string, comment: string | null, partitionBy: string | null, partitionOf: string | null, bound: string | null];
/** A column: table, number, name, type, NOT NULL, default or generation expression, identity, generated, collation, comment. */
export type ColumnRow = [table: string, num: number, name: string, type: string, notNull: boolean, expr: string | null, identity: string, generated: string, collation: string | null, comment: string | null];
/** A constraint (see CONSTRAINTS_PART for the fields). */
export type ConstraintRow = [
  table: string, name: string, type: string, columns: number[] | null, refTable: string | null, refSchema: string | null, refColumns: number[] | null,
  refNames: string[] | null, onDelete: string, onUpdate: string, deferrable: boolean, deferred: boolean, expression: string | null, cloned: boolean,
  inherited: boolean, nullsNotDistinct: boolean | null,
];
/** One column of an index: name (null for an expression), expression, DESC, NULLS FIRST, operator class, collation. */
export type IndexColumn = [column: string | null, expression: string | null, descending: boolean, nullsFirst: boolean, opclass: string | null, collation: string | null];
/** An index: table, name, table kind, unique, number of key columns, method, predicate, NULLS NOT DISTINCT, columns. */
export type IndexRow = [table: string, name: string, tableKind: string, unique: boolean, keyCount: number, method: string, predicate: string | null, nullsNotDistinct: boolean, columns: IndexColumn[]];

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
  const columnsOf = groupBy(rows.columns, (c) => c[0]);
  const constraintsOf = groupBy(rows.constraints, (c) => c[0]);
  const indexesOf = groupBy(rows.indexes, (i) => i[0]);
  const names = new Map([...columnsOf].map(([table, cols]) => [table, new Map(cols.map((c) => [c[1], c[2]]))]));
  const nameOf = (table: string, nums: readonly number[] | null): string[] => (nums ?? []).map((n) => names.get(table)?.get(n) ?? `#${n}`);
  const tables = rows.tables.map(([name, comment, partitionBy, partitionOf, bound]): Table => {
    const constraints = (constraintsOf.get(name) ?? []).filter((k) => !k[13] && !(k[2] === 'c' && k[14]));
    const pk = constraints.find((k) => k[2] === 'p');
    const table: { -readonly [K in keyof Table]: Table[K] } = {
      name,
      columns: (columnsOf.get(name) ?? []).map(columnOf),
      uniques: constraints.filter((k) => k[2] === 'u').map((k) => uniqueOf(k, nameOf(name, k[3]))),
      foreignKeys: constraints.filter((k) => k[2] === 'f').map((k) => foreignKeyOf(k, nameOf(name, k[3]), nameOf)),
      checks: constraints.filter((k) => k[2] === 'c').map((k): CheckConstraint => ({ name: k[1], expression: k[12] ?? '' })),
      indexes: (indexesOf.get(name) ?? []).map(indexOf),
    };
    if (pk) table.primaryKey = { name: pk[1], columns: nameOf(name, pk[3]) };
    if (comment !== null) table.comment = comment;
    if (partitionBy !== null) table.partitionBy = partitionBy;
    if (partitionOf !== null && bound !== null) table.partitionOf = { table: partitionOf, bound };
    return table;
  });
  const viewIndexes = new Map<string, Index[]>();
  for (const row of rows.indexes) {
    if (row[2] === 'm') viewIndexes.set(row[0], [...(viewIndexes.get(row[0]) ?? []), indexOf(row)]);
  }
  return { tables, viewIndexes };
}

function columnOf([, , name, type, notNull, expr, identity, generated, collation, comment]: ColumnRow): Column {
  const column: { -readonly [K in keyof Column]: Column[K] } = { name, type, nullable: !notNull };
  if (generated === 's' && expr !== null) column.generated = { expression: expr, stored: true };
  else if (expr !== null) column.default = expr;
  if (identity === 'a') column.identity = 'always';
  if (identity === 'd') column.identity = 'by-default';
  if (collation !== null) column.collation = collation;
  if (comment !== null) column.comment = comment;
  return column;
}

function deferrableOf(row: ConstraintRow): { deferrable?: 'immediate' | 'deferred' } {
  return row[10] ? { deferrable: row[11] ? 'deferred' : 'immediate' } : {};
}

function uniqueOf(row: ConstraintRow, columns: string[]): UniqueConstraint {
  return { name: row[1], columns, ...(row[15] ? { nullsNotDistinct: true as const } : {}), ...deferrableOf(row) };
}

function foreignKeyOf(row: ConstraintRow, columns: string[], nameOf: (table: string, nums: readonly number[] | null) => string[]): ForeignKey {
  const refTable = row[4] ?? '';
  return {
    name: row[1],
    columns,
    references: { table: row[5] === null ? refTable : `${row[5]}.${refTable}`, columns: row[7] ?? nameOf(refTable, row[6]) },
    onDelete: ACTIONS[row[8]] ?? 'NO ACTION',
    onUpdate: ACTIONS[row[9]] ?? 'NO ACTION',
    ...deferrableOf(row),
  };
}

function indexOf([, name, , unique, keyCount, method, predicate, nullsNotDistinct, columns]: IndexRow): Index {
  const keys = columns.slice(0, keyCount).map(([column, expression, descending, nullsFirst, opclass, collation]): IndexKey => {
    const base: IndexKey = column === null ? { expression: expression ?? '' } : { column };
    return {
      ...base,
      ...(descending ? { descending: true as const } : {}),
      // The server's default is NULLS LAST ascending and NULLS FIRST descending.
      ...(nullsFirst !== descending ? { nulls: nullsFirst ? ('first' as const) : ('last' as const) } : {}),
      ...(collation === null ? {} : { collation }),
      ...(opclass === null ? {} : { opclass }),
    };
  });
  const include = columns.slice(keyCount).flatMap(([column]) => (column === null ? [] : [column]));
  return {
    name,
    keys,
    unique,
    ...(predicate === null ? {} : { where: predicate }),
    ...(method === 'btree' ? {} : { method }),
    ...(include.length > 0 ? { include } : {}),
    ...(nullsNotDistinct ? { nullsNotDistinct: true as const } : {}),
  };
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

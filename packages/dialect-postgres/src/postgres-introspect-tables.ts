import type { CheckConstraint, Column, ForeignKey, Index, IndexKey, ReferentialAction, Table, UniqueConstraint } from '@retort/schema';

/**
 * A table: oid, name, partition key, parent table, partition bound.
 *
 * @example
 * ```ts
 * const row: TableRow = [16401, 'events_2024', null, 'events', "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"];
 * ```
 */
export type TableRow = [oid: number, name: string, partitionBy: string | null, partitionOf: string | null, bound: string | null];
/**
 * A column: relation oid, number, name, type oid, formatted type, NOT NULL, identity, generated, collation.
 *
 * @example
 * ```ts
 * const row: ColumnRow = [16401, 1, 'id', 23, 'integer', true, 'a', '', null];
 * ```
 */
export type ColumnRow = [rel: number, num: number, name: string, typeOid: number, type: string, notNull: boolean, identity: string, generated: string, collation: string | null];
/**
 * A default or generation expression: relation oid, column number, text.
 *
 * @example
 * ```ts
 * const row: DefaultRow = [16401, 2, 'now()'];
 * ```
 */
export type DefaultRow = [rel: number, num: number, expr: string];
/**
 * A comment: relation oid, column number (0 for the relation), text.
 *
 * @example
 * ```ts
 * const row: CommentRow = [16401, 0, 'Money holders'];
 * ```
 */
export type CommentRow = [rel: number, num: number, text: string];
/**
 * A type of the schema itself: oid, name, oid of its array type.
 *
 * @example
 * ```ts
 * const row: TypeRow = [16390, 'mood', 16389];
 * ```
 */
export type TypeRow = [oid: number, name: string, arrayOid: number];
/**
 * A constraint (see CONSTRAINTS_PART for the fields).
 *
 * @example
 * ```ts
 * const row: ConstraintRow = [16401, 'items_pkey', 'p', [1], null, null, 0, null, null, ' ', ' ', false, false, null, false, false, null];
 * ```
 */
export type ConstraintRow = [
  rel: number, name: string, type: string, columns: number[] | null, refTable: string | null, refSchema: string | null, refRel: number, refColumns: number[] | null,
  refNames: string[] | null, onDelete: string, onUpdate: string, deferrable: boolean, deferred: boolean, expression: string | null, cloned: boolean,
  inherited: boolean, nullsNotDistinct: boolean | null,
];
/**
 * One column of an index: name (null for an expression), expression, DESC, NULLS FIRST, operator class, collation.
 *
 * @example
 * ```ts
 * const key: IndexColumn = ['email', null, true, false, 'text_pattern_ops', null];
 * ```
 */
export type IndexColumn = [column: string | null, expression: string | null, descending: boolean, nullsFirst: boolean, opclass: string | null, collation: string | null];
/**
 * An index: table oid, name, table kind, unique, number of key columns, method, predicate, NULLS NOT DISTINCT, columns.
 *
 * @example
 * ```ts
 * const row: IndexRow = [16401, 'ix_email', 'r', false, 1, 'btree', null, false, [['email', null, false, false, null, null]]];
 * ```
 */
export type IndexRow = [rel: number, name: string, tableKind: string, unique: boolean, keyCount: number, method: string, predicate: string | null, nullsNotDistinct: boolean, columns: IndexColumn[]];

/**
 * The rows of the catalog document the tables are built from.
 *
 * @example
 * ```ts
 * const { tables } = assembleTables(JSON.parse(doc) as CatalogRows);
 * ```
 */
export interface CatalogRows {
  readonly tables: readonly TableRow[];
  readonly columns: readonly ColumnRow[];
  readonly defaults: readonly DefaultRow[];
  readonly comments: readonly CommentRow[];
  readonly types: readonly TypeRow[];
  readonly constraints: readonly ConstraintRow[];
  readonly indexes: readonly IndexRow[];
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
export function assembleTables(rows: CatalogRows): { tables: Table[]; viewIndexes: Map<number, Index[]>; comments: Map<number, string> } {
  const columnsOf = groupBy(rows.columns, (c) => c[0]);
  const constraintsOf = groupBy(rows.constraints, (c) => c[0]);
  const indexesOf = groupBy(rows.indexes, (i) => i[0]);
  const defaults = new Map(rows.defaults.map(([rel, num, expr]) => [columnKey(rel, num), expr]));
  const comments = new Map(rows.comments.map(([rel, num, text]) => [columnKey(rel, num), text]));
  // A type of the schema itself is named bare (the IR's convention), its array with [].
  const localTypes = new Map<number, string>();
  for (const [oid, name, arrayOid] of rows.types) {
    localTypes.set(oid, name);
    if (arrayOid !== 0) localTypes.set(arrayOid, `${name}[]`);
  }
  const columnNames = new Map([...columnsOf].map(([rel, cols]) => [rel, new Map(cols.map((c) => [c[1], c[2]]))]));
  const namesIn = (rel: number, nums: readonly number[] | null): string[] => (nums ?? []).map((n) => columnNames.get(rel)?.get(n) ?? `#${n}`);
  const tables = rows.tables.map(([oid, name, partitionBy, partitionOf, bound]): Table => {
    const nameOf = (nums: readonly number[] | null): string[] => namesIn(oid, nums);
    const constraints = (constraintsOf.get(oid) ?? []).filter((k) => !k[14] && !(k[2] === 'c' && k[15]));
    const pk = constraints.find((k) => k[2] === 'p');
    const table: { -readonly [K in keyof Table]: Table[K] } = {
      name,
      columns: (columnsOf.get(oid) ?? []).map((c) => columnOf(c, localTypes, defaults.get(columnKey(oid, c[1])), comments.get(columnKey(oid, c[1])))),
      uniques: constraints.filter((k) => k[2] === 'u').map((k) => uniqueOf(k, nameOf(k[3]))),
      foreignKeys: constraints.filter((k) => k[2] === 'f').map((k) => foreignKeyOf(k, nameOf(k[3]), k[8] ?? namesIn(k[6], k[7]))),
      checks: constraints.filter((k) => k[2] === 'c').map((k): CheckConstraint => ({ name: k[1], expression: k[13] ?? '' })),
      indexes: (indexesOf.get(oid) ?? []).map(indexOf),
    };
    if (pk) table.primaryKey = { name: pk[1], columns: nameOf(pk[3]) };
    const comment = comments.get(columnKey(oid, 0));
    if (comment !== undefined) table.comment = comment;
    if (partitionBy !== null) table.partitionBy = partitionBy;
    if (partitionOf !== null && bound !== null) table.partitionOf = { table: partitionOf, bound };
    return table;
  });
  const viewIndexes = new Map<number, Index[]>();
  for (const row of rows.indexes) {
    if (row[2] === 'm') viewIndexes.set(row[0], [...(viewIndexes.get(row[0]) ?? []), indexOf(row)]);
  }
  return { tables, viewIndexes, comments };
}

/**
 * One number for a relation's column (0 for the relation itself): attribute numbers stay
 * below 2048, so oid * 2048 + number is exact and cheaper to hash than a string.
 *
 * @example
 * ```ts
 * comments.get(columnKey(oid, 0)); // the table's comment
 * ```
 */
export function columnKey(rel: number, num: number): number {
  return rel * 2048 + num;
}

function columnOf(
  [, , name, typeOid, type, notNull, identity, generated, collation]: ColumnRow,
  localTypes: ReadonlyMap<number, string>,
  expr: string | undefined,
  comment: string | undefined,
): Column {
  const column: { -readonly [K in keyof Column]: Column[K] } = { name, type: localTypes.get(typeOid) ?? type, nullable: !notNull };
  if (generated === 's' && expr !== undefined) column.generated = { expression: expr, stored: true };
  else if (expr !== undefined) column.default = expr;
  if (identity === 'a') column.identity = 'always';
  if (identity === 'd') column.identity = 'by-default';
  if (collation !== null) column.collation = collation;
  if (comment !== undefined) column.comment = comment;
  return column;
}

function deferrableOf(row: ConstraintRow): { deferrable?: 'immediate' | 'deferred' } {
  return row[11] ? { deferrable: row[12] ? 'deferred' : 'immediate' } : {};
}

function uniqueOf(row: ConstraintRow, columns: string[]): UniqueConstraint {
  return { name: row[1], columns, ...(row[16] ? { nullsNotDistinct: true as const } : {}), ...deferrableOf(row) };
}

function foreignKeyOf(row: ConstraintRow, columns: string[], refColumns: string[]): ForeignKey {
  const refTable = row[4] ?? '';
  return {
    name: row[1],
    columns,
    references: { table: row[5] === null ? refTable : `${row[5]}.${refTable}`, columns: refColumns },
    onDelete: ACTIONS[row[9]] ?? 'NO ACTION',
    onUpdate: ACTIONS[row[10]] ?? 'NO ACTION',
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

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

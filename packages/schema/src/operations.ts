import type {
  CheckConstraint,
  Column,
  ColumnRef,
  EnumType,
  ForeignKey,
  Index,
  PrimaryKey,
  Sequence,
  Table,
  Trigger,
  UniqueConstraint,
  View,
} from './schema-ir.js';

/**
 * The operation IR: one schema change. `diff` emits these; `reverse` turns each into its
 * inverse; every dialect renders each `kind` (an exhaustive `switch` with a `never` default).
 *
 * Every operation carries the state it needs to be reversed without looking anything up:
 * a `dropColumn` carries the column it drops, a `dropTable` the whole table (with its
 * indexes and foreign keys), an `alterColumn` both the column before and after.
 *
 * Operations on a table name it as it is named at that point of the list (after any
 * earlier `renameTable`).
 *
 * @example
 * ```ts
 * const op: Operation = { kind: 'addColumn', table: 'users', column: { name: 'bio', type: 'text', nullable: true } };
 * ```
 */
export type Operation =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | AddColumnOp
  | DropColumnOp
  | RenameColumnOp
  | AlterColumnOp
  | AddPrimaryKeyOp
  | DropPrimaryKeyOp
  | AddUniqueOp
  | DropUniqueOp
  | AddForeignKeyOp
  | DropForeignKeyOp
  | AddCheckOp
  | DropCheckOp
  | CreateIndexOp
  | DropIndexOp
  | SetTableCommentOp
  | CreateViewOp
  | DropViewOp
  | CreateEnumOp
  | DropEnumOp
  | AlterEnumOp
  | CreateSequenceOp
  | DropSequenceOp
  | AlterSequenceOp
  | CreateTriggerOp
  | DropTriggerOp;

/** The `kind` of an {@link Operation}. */
export type OperationKind = Operation['kind'];

/**
 * Creates a table with its columns, keys, checks, foreign keys and indexes. When foreign
 * keys form a cycle, `orderOperations` moves some of them to `addForeignKey` ops.
 */
export interface CreateTableOp {
  readonly kind: 'createTable';
  readonly table: Table;
}

/** Drops a table; `table` is the whole table as it was (so it can be recreated). */
export interface DropTableOp {
  readonly kind: 'dropTable';
  readonly table: Table;
}

/** Renames a table (its columns, constraints and indexes keep their names). */
export interface RenameTableOp {
  readonly kind: 'renameTable';
  readonly from: string;
  readonly to: string;
}

/** Adds a column at the end of a table. */
export interface AddColumnOp {
  readonly kind: 'addColumn';
  readonly table: string;
  readonly column: Column;
}

/** Drops a column; `column` is the column as it was. */
export interface DropColumnOp {
  readonly kind: 'dropColumn';
  readonly table: string;
  readonly column: Column;
}

/** Renames a column. */
export interface RenameColumnOp {
  readonly kind: 'renameColumn';
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Changes a column in place: type, nullability, default, collation, identity, generated
 * expression, autoincrement or comment. `from` and `to` have the same name; renderers
 * compare them field by field to decide what to emit (and SQLite whether to rebuild).
 */
export interface AlterColumnOp {
  readonly kind: 'alterColumn';
  readonly table: string;
  readonly from: Column;
  readonly to: Column;
}

/** Adds a primary key. */
export interface AddPrimaryKeyOp {
  readonly kind: 'addPrimaryKey';
  readonly table: string;
  readonly primaryKey: PrimaryKey;
}

/** Drops the primary key it carries. */
export interface DropPrimaryKeyOp {
  readonly kind: 'dropPrimaryKey';
  readonly table: string;
  readonly primaryKey: PrimaryKey;
}

/** Adds a unique constraint. */
export interface AddUniqueOp {
  readonly kind: 'addUnique';
  readonly table: string;
  readonly unique: UniqueConstraint;
}

/** Drops the unique constraint it carries. */
export interface DropUniqueOp {
  readonly kind: 'dropUnique';
  readonly table: string;
  readonly unique: UniqueConstraint;
}

/** Adds a foreign key. */
export interface AddForeignKeyOp {
  readonly kind: 'addForeignKey';
  readonly table: string;
  readonly foreignKey: ForeignKey;
}

/** Drops the foreign key it carries. */
export interface DropForeignKeyOp {
  readonly kind: 'dropForeignKey';
  readonly table: string;
  readonly foreignKey: ForeignKey;
}

/** Adds a CHECK constraint. */
export interface AddCheckOp {
  readonly kind: 'addCheck';
  readonly table: string;
  readonly check: CheckConstraint;
}

/** Drops the CHECK constraint it carries. */
export interface DropCheckOp {
  readonly kind: 'dropCheck';
  readonly table: string;
  readonly check: CheckConstraint;
}

/** Creates an index on an existing table. */
export interface CreateIndexOp {
  readonly kind: 'createIndex';
  readonly table: string;
  readonly index: Index;
}

/** Drops the index it carries. */
export interface DropIndexOp {
  readonly kind: 'dropIndex';
  readonly table: string;
  readonly index: Index;
}

/** Sets or clears (`to` absent) a table comment. */
export interface SetTableCommentOp {
  readonly kind: 'setTableComment';
  readonly table: string;
  readonly from?: string;
  readonly to?: string;
}

/** Creates a view. */
export interface CreateViewOp {
  readonly kind: 'createView';
  readonly view: View;
}

/** Drops the view it carries. */
export interface DropViewOp {
  readonly kind: 'dropView';
  readonly view: View;
}

/** Creates an enum type (Postgres). */
export interface CreateEnumOp {
  readonly kind: 'createEnum';
  readonly enum: EnumType;
}

/** Drops the enum type it carries (Postgres). */
export interface DropEnumOp {
  readonly kind: 'dropEnum';
  readonly enum: EnumType;
}

/**
 * Changes an enum's values (Postgres). Adding values renders as `ALTER TYPE ... ADD VALUE`;
 * removing or reordering needs the type recreated, so the op lists the columns using it.
 */
export interface AlterEnumOp {
  readonly kind: 'alterEnum';
  readonly from: EnumType;
  readonly to: EnumType;
  /** Columns whose type is this enum (their defaults are in the schema at that point). */
  readonly usages: readonly ColumnRef[];
}

/** Creates a sequence (Postgres). */
export interface CreateSequenceOp {
  readonly kind: 'createSequence';
  readonly sequence: Sequence;
}

/** Drops the sequence it carries (Postgres). */
export interface DropSequenceOp {
  readonly kind: 'dropSequence';
  readonly sequence: Sequence;
}

/** Changes a sequence's options (Postgres). */
export interface AlterSequenceOp {
  readonly kind: 'alterSequence';
  readonly from: Sequence;
  readonly to: Sequence;
}

/** Creates a trigger. */
export interface CreateTriggerOp {
  readonly kind: 'createTrigger';
  readonly trigger: Trigger;
}

/** Drops the trigger it carries. */
export interface DropTriggerOp {
  readonly kind: 'dropTrigger';
  readonly trigger: Trigger;
}

/**
 * The table an operation works on, or `undefined` for schema-level objects (views, enums,
 * sequences). For `renameTable` it is the old name.
 *
 * @example
 * ```ts
 * tableOfOperation({ kind: 'dropIndex', table: 'users', index }); // 'users'
 * ```
 */
export function tableOfOperation(op: Operation): string | undefined {
  switch (op.kind) {
    case 'createTable':
    case 'dropTable':
      return op.table.name;
    case 'renameTable':
      return op.from;
    case 'createTrigger':
    case 'dropTrigger':
      return op.trigger.table;
    case 'createView':
    case 'dropView':
    case 'createEnum':
    case 'dropEnum':
    case 'alterEnum':
    case 'createSequence':
    case 'dropSequence':
    case 'alterSequence':
      return undefined;
    default:
      return op.table;
  }
}

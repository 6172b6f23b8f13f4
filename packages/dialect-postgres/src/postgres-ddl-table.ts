import type { CheckConstraint, Column, ForeignKey, Index, IndexKey, PrimaryKey, Table, UniqueConstraint } from '@retort/schema';
import { referencedColumns } from './postgres-schema-dialect-expression.js';
import { defaultCheckName, defaultForeignKeyName, defaultPrimaryKeyName, defaultUniqueName } from './postgres-schema-dialect-names.js';
import { typeSql } from './postgres-schema-dialect-type.js';
import { lexPostgres } from './postgres-schema-dialect-lexer.js';
import { quoteIdentifier as q, quoteLiteral } from './postgres-quote.js';

/** Words that make an expression more than one term for the DEFAULT clause's restricted grammar. */
const TOP_LEVEL_WORDS = new Set(['and', 'or', 'not', 'is', 'isnull', 'notnull', 'in', 'between', 'like', 'ilike', 'similar', 'at', 'collate', 'overlaps']);

/**
 * The name a primary key has in the database: its own, or PostgreSQL's default.
 *
 * @example
 * ```ts
 * primaryKeyName('users', { columns: ['id'] }); // 'users_pkey'
 * ```
 */
export function primaryKeyName(table: string, pk: PrimaryKey): string {
  return pk.name ?? defaultPrimaryKeyName(table);
}

/**
 * The name a unique constraint has in the database.
 *
 * @example
 * ```ts
 * uniqueName('users', { columns: ['email'] }); // 'users_email_key'
 * ```
 */
export function uniqueName(table: string, u: UniqueConstraint): string {
  return u.name ?? defaultUniqueName(table, u.columns);
}

/**
 * The name a foreign key has in the database.
 *
 * @example
 * ```ts
 * foreignKeyName('orders', { name: 'fk_user', ...rest }); // 'fk_user'
 * ```
 */
export function foreignKeyName(table: string, fk: ForeignKey): string {
  return fk.name ?? defaultForeignKeyName(table, fk.columns);
}

/**
 * The name a CHECK has in the database (`table_column_check` for a one-column CHECK).
 *
 * @example
 * ```ts
 * checkName('items', { expression: 'qty > 0' }); // 'items_qty_check'
 * ```
 */
export function checkName(table: string, check: CheckConstraint): string {
  if (check.name !== undefined) return check.name;
  const columns = referencedColumns(check.expression);
  return defaultCheckName(table, columns.length === 1 ? columns[0] : undefined);
}

/**
 * `CREATE TABLE` for a table of the IR: columns, then the primary key, uniques, checks and
 * foreign keys as named table constraints (unnamed ones get the name PostgreSQL would give
 * them, so the SQL says what the database will hold), and `PARTITION BY` for a partitioned
 * table. Indexes, comments and attaching a partition are separate statements.
 *
 * @example
 * ```ts
 * createTableSql({ name: 't', columns: [{ name: 'id', type: 'integer', nullable: false }], primaryKey: { columns: ['id'] }, uniques: [], foreignKeys: [], checks: [], indexes: [] });
 * // 'CREATE TABLE "t" (\n  "id" integer NOT NULL,\n  CONSTRAINT "t_pkey" PRIMARY KEY ("id")\n)'
 * ```
 */
export function createTableSql(table: Table): string {
  const lines = table.columns.map((c) => `  ${columnSql(c)}`);
  if (table.primaryKey) lines.push(`  ${primaryKeySql(table.name, table.primaryKey)}`);
  for (const u of table.uniques) lines.push(`  ${uniqueSql(table.name, u)}`);
  for (const c of table.checks) lines.push(`  ${checkSql(table.name, c)}`);
  for (const fk of table.foreignKeys) lines.push(`  ${foreignKeySql(table.name, fk)}`);
  const partition = table.partitionBy === undefined ? '' : ` PARTITION BY ${table.partitionBy}`;
  return `CREATE TABLE ${q(table.name)} (\n${lines.join(',\n')}\n)${partition}`;
}

/**
 * A column definition: name, type, collation, generation or identity, default, NOT NULL.
 *
 * @example
 * ```ts
 * columnSql({ name: 'n', type: 'integer', nullable: false, default: '0' }); // '"n" integer DEFAULT 0 NOT NULL'
 * ```
 */
export function columnSql(column: Column): string {
  const parts = [q(column.name), typeSql(column.type)];
  if (column.collation !== undefined) parts.push(`COLLATE ${q(column.collation)}`);
  if (column.generated) parts.push(`GENERATED ALWAYS AS (${column.generated.expression}) STORED`);
  if (column.identity !== undefined) parts.push(`GENERATED ${column.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
  if (column.default !== undefined) parts.push(`DEFAULT ${defaultSql(column.default)}`);
  if (!column.nullable) parts.push('NOT NULL');
  return parts.join(' ');
}

/**
 * A default expression as the DEFAULT clause needs it: bare when it is one term, in
 * parentheses when it has operators at its top level (DEFAULT takes a restricted grammar).
 *
 * @example
 * ```ts
 * defaultSql("'x'::text");                 // "'x'::text"
 * defaultSql("now() + '1 day'::interval"); // "(now() + '1 day'::interval)"
 * ```
 */
export function defaultSql(expression: string): string {
  let tokens;
  try {
    tokens = lexPostgres(expression);
  } catch {
    return `(${expression})`;
  }
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth--;
    else if (depth === 0 && ((t.kind === 'op' && t.text !== '::') || (t.kind === 'word' && TOP_LEVEL_WORDS.has(t.value)))) return `(${expression})`;
  }
  return expression;
}

/**
 * A primary key as a table constraint.
 *
 * @example
 * ```ts
 * primaryKeySql('t', { columns: ['id'] }); // 'CONSTRAINT "t_pkey" PRIMARY KEY ("id")'
 * ```
 */
export function primaryKeySql(table: string, pk: PrimaryKey): string {
  return `CONSTRAINT ${q(primaryKeyName(table, pk))} PRIMARY KEY (${pk.columns.map(q).join(', ')})`;
}

/**
 * A unique constraint, with NULLS NOT DISTINCT and DEFERRABLE when set.
 *
 * @example
 * ```ts
 * uniqueSql('t', { columns: ['email'] }); // 'CONSTRAINT "t_email_key" UNIQUE ("email")'
 * ```
 */
export function uniqueSql(table: string, u: UniqueConstraint): string {
  return `CONSTRAINT ${q(uniqueName(table, u))} UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${u.columns.map(q).join(', ')})${deferrableSql(u.deferrable)}`;
}

/**
 * A CHECK constraint.
 *
 * @example
 * ```ts
 * checkSql('t', { expression: 'qty > 0' }); // 'CONSTRAINT "t_qty_check" CHECK (qty > 0)'
 * ```
 */
export function checkSql(table: string, c: CheckConstraint): string {
  return `CONSTRAINT ${q(checkName(table, c))} CHECK (${c.expression})`;
}

/**
 * A foreign key, with its actions and DEFERRABLE when set.
 *
 * @example
 * ```ts
 * foreignKeySql('t', { columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' });
 * // 'CONSTRAINT "t_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE'
 * ```
 */
export function foreignKeySql(table: string, fk: ForeignKey): string {
  let sql = `CONSTRAINT ${q(foreignKeyName(table, fk))} FOREIGN KEY (${fk.columns.map(q).join(', ')}) REFERENCES ${tableRef(fk.references.table)} (${fk.references.columns.map(q).join(', ')})`;
  if (fk.onDelete !== 'NO ACTION') sql += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== 'NO ACTION') sql += ` ON UPDATE ${fk.onUpdate}`;
  return sql + deferrableSql(fk.deferrable);
}

function deferrableSql(deferrable: 'immediate' | 'deferred' | undefined): string {
  return deferrable === undefined ? '' : ` DEFERRABLE INITIALLY ${deferrable === 'deferred' ? 'DEFERRED' : 'IMMEDIATE'}`;
}

/** A table name that may be `schema.table` (a foreign key into another schema). */
function tableRef(name: string): string {
  const dot = name.indexOf('.');
  return dot > 0 ? `${q(name.slice(0, dot))}.${q(name.slice(dot + 1))}` : q(name);
}

/**
 * `CREATE INDEX`, optionally CONCURRENTLY.
 *
 * @example
 * ```ts
 * createIndexSql('users', { name: 'ix', keys: [{ expression: 'lower(email)' }], unique: true, where: 'deleted_at IS NULL' });
 * // 'CREATE UNIQUE INDEX "ix" ON "users" ((lower(email))) WHERE (deleted_at IS NULL)'
 * ```
 */
export function createIndexSql(table: string, index: Index, concurrently = false): string {
  const method = index.method === undefined ? '' : ` USING ${index.method}`;
  const include = index.include === undefined ? '' : ` INCLUDE (${index.include.map(q).join(', ')})`;
  const nulls = index.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '';
  const where = index.where === undefined ? '' : ` WHERE (${index.where})`;
  const keys = index.keys.map(indexKeySql).join(', ');
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${q(index.name)} ON ${q(table)}${method} (${keys})${include}${nulls}${where}`;
}

function indexKeySql(key: IndexKey): string {
  let sql = key.column !== undefined ? q(key.column) : `(${key.expression})`;
  if (key.collation !== undefined) sql += ` COLLATE ${q(key.collation)}`;
  if (key.opclass !== undefined) sql += ` ${key.opclass}`;
  if (key.descending) sql += ' DESC';
  if (key.nulls !== undefined) sql += ` NULLS ${key.nulls === 'first' ? 'FIRST' : 'LAST'}`;
  return sql;
}

/**
 * `COMMENT ON` statements for a table's comment and its columns' comments.
 *
 * @example
 * ```ts
 * commentSql('TABLE', '"users"', 'People'); // `COMMENT ON TABLE "users" IS 'People'`
 * ```
 */
export function commentSql(kind: string, target: string, comment: string | undefined): string {
  return `COMMENT ON ${kind} ${target} IS ${comment === undefined ? 'NULL' : quoteLiteral(comment)}`;
}

/**
 * The comments of a new table and its columns.
 *
 * @example
 * ```ts
 * tableCommentsSql({ ...t, comment: 'People' }); // [`COMMENT ON TABLE "t" IS 'People'`]
 * ```
 */
export function tableCommentsSql(table: Table): string[] {
  const out: string[] = [];
  if (table.comment !== undefined) out.push(commentSql('TABLE', q(table.name), table.comment));
  for (const c of table.columns) if (c.comment !== undefined) out.push(commentSql('COLUMN', `${q(table.name)}.${q(c.name)}`, c.comment));
  return out;
}

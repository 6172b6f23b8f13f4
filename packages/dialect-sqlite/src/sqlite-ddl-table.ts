import type { Column, ForeignKey, Index, IndexKey, Table } from '@retort/schema';
import { quoteIdentifier } from './sqlite-quote.js';

const q = quoteIdentifier;

/**
 * `CREATE TABLE` text for a table of the IR, optionally under another name (a rebuild
 * creates the new table beside the old one). Column-level PRIMARY KEY only for
 * AUTOINCREMENT, which SQLite allows nowhere else.
 *
 * @example
 * ```ts
 * renderCreateTable({ name: 't', columns: [{ name: 'id', type: 'integer', nullable: false }], primaryKey: { columns: ['id'] }, uniques: [], foreignKeys: [], checks: [], indexes: [] });
 * // 'CREATE TABLE "t" (\n  "id" integer NOT NULL,\n  PRIMARY KEY ("id")\n)'
 * ```
 */
export function renderCreateTable(table: Table, name = table.name): string {
  const inlinePk = table.columns.find((c) => c.autoincrement)?.name;
  const lines = table.columns.map((c) => `  ${renderColumn(c, c.name === inlinePk ? table.primaryKey?.name ?? null : undefined)}`);
  if (table.primaryKey && inlinePk === undefined) {
    lines.push(`  ${constraintName(table.primaryKey.name)}PRIMARY KEY (${table.primaryKey.columns.map(q).join(', ')})`);
  }
  for (const u of table.uniques) lines.push(`  ${constraintName(u.name)}UNIQUE (${u.columns.map(q).join(', ')})`);
  for (const c of table.checks) lines.push(`  ${constraintName(c.name)}CHECK (${c.expression})`);
  for (const fk of table.foreignKeys) lines.push(`  ${renderForeignKey(fk)}`);
  const options = [table.withoutRowid ? 'WITHOUT ROWID' : '', table.strict ? 'STRICT' : ''].filter(Boolean).join(', ');
  return `CREATE TABLE ${q(name)} (\n${lines.join(',\n')}\n)${options ? ` ${options}` : ''}`;
}

/**
 * A column definition. `inlinePrimaryKey`: `undefined` for none, `null` for an unnamed
 * `PRIMARY KEY AUTOINCREMENT`, a string for a named one.
 *
 * @example
 * ```ts
 * renderColumn({ name: 'n', type: 'integer', nullable: false, default: '0' }); // '"n" integer NOT NULL DEFAULT 0'
 * ```
 */
export function renderColumn(column: Column, inlinePrimaryKey?: string | null): string {
  const parts = [q(column.name)];
  if (column.type !== '') parts.push(column.type);
  if (inlinePrimaryKey !== undefined) {
    parts.push(`${constraintName(inlinePrimaryKey ?? undefined)}PRIMARY KEY${column.autoincrement ? ' AUTOINCREMENT' : ''}`);
  }
  if (!column.nullable) parts.push('NOT NULL');
  if (column.collation !== undefined) parts.push(`COLLATE ${column.collation}`);
  if (column.default !== undefined) parts.push(`DEFAULT ${renderDefault(column.default)}`);
  if (column.generated) {
    parts.push(`GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`);
  }
  return parts.join(' ');
}

/** Literal defaults go bare; anything else in parentheses, as SQLite requires. */
export function renderDefault(expression: string): string {
  return isLiteral(expression) ? expression : `(${expression})`;
}

/**
 * True for defaults SQLite accepts without parentheses, and that `ALTER TABLE ADD COLUMN`
 * accepts (CURRENT_* excepted: see {@link isConstantDefault}).
 */
export function isLiteral(expression: string): boolean {
  return /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|[-+]?0x[0-9a-f]+|'(?:[^']|'')*'|x'[0-9a-f]*'|NULL|TRUE|FALSE|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME)$/i.test(
    expression,
  );
}

/** True for defaults `ALTER TABLE ADD COLUMN` accepts: constants, not CURRENT_* or expressions. */
export function isConstantDefault(expression: string): boolean {
  return isLiteral(expression) && !/^CURRENT_/i.test(expression);
}

function renderForeignKey(fk: ForeignKey): string {
  return `${constraintName(fk.name)}FOREIGN KEY (${fk.columns.map(q).join(', ')}) ${renderReferences(fk)}`;
}

/**
 * The `REFERENCES ...` clause of a foreign key; with `CONSTRAINT name` in front it is also
 * a column constraint (what `ALTER TABLE ADD COLUMN` accepts).
 *
 * @example
 * ```ts
 * renderReferences({ columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' });
 * // 'REFERENCES "users" ("id") ON DELETE CASCADE'
 * ```
 */
export function renderReferences(fk: ForeignKey): string {
  let sql = `REFERENCES ${q(fk.references.table)} (${fk.references.columns.map(q).join(', ')})`;
  if (fk.onDelete !== 'NO ACTION') sql += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== 'NO ACTION') sql += ` ON UPDATE ${fk.onUpdate}`;
  if (fk.deferrable) sql += ` DEFERRABLE INITIALLY ${fk.deferrable === 'deferred' ? 'DEFERRED' : 'IMMEDIATE'}`;
  return sql;
}

/** `CONSTRAINT "name" ` or nothing. */
export function constraintName(name: string | undefined): string {
  return name === undefined ? '' : `CONSTRAINT ${q(name)} `;
}

/**
 * `CREATE INDEX` text.
 *
 * @example
 * ```ts
 * renderCreateIndex('users', { name: 'ix', keys: [{ column: 'email' }], unique: true, where: 'deleted_at IS NULL' });
 * // 'CREATE UNIQUE INDEX "ix" ON "users" ("email") WHERE deleted_at IS NULL'
 * ```
 */
export function renderCreateIndex(table: string, index: Index): string {
  const keys = index.keys.map(renderIndexKey).join(', ');
  const where = index.where === undefined ? '' : ` WHERE ${index.where}`;
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(table)} (${keys})${where}`;
}

function renderIndexKey(key: IndexKey): string {
  let sql = key.column !== undefined ? q(key.column) : `(${key.expression})`;
  if (key.collation !== undefined) sql += ` COLLATE ${key.collation}`;
  if (key.descending) sql += ' DESC';
  return sql;
}

/** `CREATE VIEW` text. */
export function renderCreateView(view: { name: string; definition: string; columns?: readonly string[] }): string {
  const columns = view.columns ? ` (${view.columns.map(q).join(', ')})` : '';
  return `CREATE VIEW ${q(view.name)}${columns} AS ${view.definition}`;
}


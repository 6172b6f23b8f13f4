import { writeFileAtomic } from '@retort/core';
import type { Column, Schema } from '@retort/schema';
import { renderTemplate } from './templates.js';

/** What the typed output describes. */
export interface TypedOutputInput {
  /** Every revision id, in load order. */
  readonly revisions: readonly string[];
  readonly heads: readonly string[];
  /** The schema at head. */
  readonly schema: Schema;
  /** `'sqlite'` or `'postgres'`: how the driver returns values decides the TypeScript types. */
  readonly dialect: string;
}

/**
 * Renders `migrations/schema.ts`: the `RevisionId` union, `HEADS`/`HEAD`, a row interface per
 * table at head and a Kysely-compatible `DB` interface (columns the database fills in are
 * `Generated<T>`).
 *
 * @example
 * ```ts
 * const text = await renderTypedOutput({ revisions: ['a1'], heads: ['a1'], schema, dialect: 'sqlite' });
 * ```
 */
export async function renderTypedOutput(input: TypedOutputInput, templatesDir?: string): Promise<string> {
  const enums = new Map(input.schema.enums.map((e) => [e.name, e.values] as const));
  const context = {
    revisions: input.revisions,
    heads: input.heads,
    singleHead: input.heads.length === 1 ? input.heads[0] : undefined,
    enums: input.schema.enums.map((e) => ({
      name: e.name,
      typeName: pascalCase(e.name),
      union: e.values.length ? e.values.map((v) => JSON.stringify(v)).join(' | ') : 'never',
    })),
    tables: input.schema.tables.map((table) => ({
      name: table.name,
      key: propertyKey(table.name),
      interfaceName: `${pascalCase(table.name)}Table`,
      columns: table.columns.map((column) => ({
        key: propertyKey(column.name),
        type: columnType(column, input.dialect, enums, isRowidAlias(table.primaryKey?.columns, column, input.dialect)),
      })),
    })),
  };
  return renderTemplate('schema.ts', context, templatesDir);
}

/**
 * Writes the typed output atomically (temp file + rename); returns the text written.
 *
 * @example
 * ```ts
 * await writeTypedOutput('migrations/schema.ts', { revisions, heads, schema, dialect: 'postgres' });
 * ```
 */
export async function writeTypedOutput(file: string, input: TypedOutputInput, templatesDir?: string): Promise<string> {
  const text = await renderTypedOutput(input, templatesDir);
  writeFileAtomic(file, text);
  return text;
}

/**
 * The TypeScript type a driver returns for a column: better-sqlite3 gives numbers, strings,
 * Buffers and null; pg gives strings for bigint/numeric, Dates for timestamps, parsed JSON.
 *
 * @example
 * ```ts
 * columnType({ name: 'id', type: 'bigint', nullable: false }, 'postgres', new Map(), false); // 'string'
 * ```
 */
export function columnType(column: Column, dialect: string, enums: ReadonlyMap<string, readonly string[]>, rowid: boolean): string {
  const enumValues = enums.get(column.type);
  let base = enumValues ? (enumValues.length ? enumValues.map((v) => JSON.stringify(v)).join(' | ') : 'never') : scalarType(column.type, dialect);
  if (column.nullable && !rowid) base = `${base} | null`;
  const generated = column.default !== undefined || column.identity !== undefined || column.autoincrement === true || rowid;
  if (column.generated) return `ColumnType<${base}, never, never>`;
  return generated ? `Generated<${base}>` : base;
}

function scalarType(type: string, dialect: string): string {
  const t = type.toLowerCase();
  const array = /\[\]$/.test(t);
  if (array) return `(${scalarType(t.replace(/\[\]$/, ''), dialect)})[]`;
  if (dialect === 'postgres') {
    if (/^(bigint|int8|bigserial|numeric|decimal|money)/.test(t)) return 'string';
    if (/^(integer|int|int4|int2|smallint|serial|smallserial|real|float4|double precision|float8)/.test(t)) return 'number';
    if (/^bool/.test(t)) return 'boolean';
    if (/^(timestamp|date)/.test(t)) return 'Date';
    if (/^(json|jsonb)$/.test(t)) return 'unknown';
    if (t === 'bytea') return 'Buffer';
    return 'string';
  }
  // SQLite type affinity (https://www.sqlite.org/datatype3.html#determination_of_column_affinity)
  if (t.includes('int')) return 'number';
  if (/char|clob|text/.test(t)) return 'string';
  if (t === '' || t.includes('blob')) return t === '' ? 'unknown' : 'Buffer';
  if (/real|floa|doub/.test(t)) return 'number';
  if (/^(bool|boolean)/.test(t)) return 'number';
  if (/^(date|datetime|timestamp|time)/.test(t)) return 'string';
  return 'number | string';
}

function isRowidAlias(pk: readonly string[] | undefined, column: Column, dialect: string): boolean {
  return dialect === 'sqlite' && pk?.length === 1 && pk[0] === column.name && column.type.toLowerCase() === 'integer';
}

function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || 'Table';
  return /^[0-9]/.test(joined) ? `T${joined}` : joined;
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

import { RetortError } from '@retort/core';
import type { Column, Schema, Sequence, Table } from '@retort/schema';
import { quoteIdent } from './postgres-schema-dialect-catalog.js';
import { lexPostgres } from './postgres-schema-dialect-lexer.js';
import { makeObjectName } from './postgres-schema-dialect-names.js';

const SERIAL: Record<string, { type: string; max: string }> = {
  smallserial: { type: 'smallint', max: '32767' },
  serial2: { type: 'smallint', max: '32767' },
  serial: { type: 'integer', max: '2147483647' },
  serial4: { type: 'integer', max: '2147483647' },
  bigserial: { type: 'bigint', max: '9223372036854775807' },
  serial8: { type: 'bigint', max: '9223372036854775807' },
};

/**
 * What a dialect-neutral model means on PostgreSQL: a `serial` column becomes what
 * PostgreSQL makes of it (an integer with `nextval` of an owned `<table>_<column>_seq`),
 * SQLite's AUTOINCREMENT is dropped (identity or serial number rows on PostgreSQL), and a
 * VIRTUAL generated column is refused (PostgreSQL 15 stores generated columns).
 *
 * @example
 * ```ts
 * postgresFromModel(schema).sequences; // [{ name: 'posts_id_seq', ..., ownedBy: { table: 'posts', column: 'id' } }]
 * ```
 */
export function postgresFromModel(schema: Schema): Schema {
  const sequences: Sequence[] = [...schema.sequences];
  const tables = schema.tables.map((t): Table => ({
    ...t,
    columns: t.columns.map((c) => modelColumn(t, c, sequences)),
  }));
  return { ...schema, tables, sequences };
}

function modelColumn(table: Table, column: Column, sequences: Sequence[]): Column {
  if (column.generated && !column.generated.stored) {
    throw new RetortError('E_MODEL', `Column '${table.name}.${column.name}' is a VIRTUAL generated column, which PostgreSQL 15 does not have; make it stored ({ stored: true }).`, {
      facts: { argument: `${table.name}.${column.name}` },
    });
  }
  const serial = SERIAL[column.type.trim().toLowerCase()];
  const { autoincrement: _sqliteOnly, ...rest } = column;
  if (!serial) return rest;
  const name = makeObjectName(table.name, column.name, 'seq');
  sequences.push({
    name,
    type: serial.type,
    start: '1',
    increment: '1',
    min: '1',
    max: serial.max,
    cache: '1',
    cycle: false,
    ownedBy: { table: table.name, column: column.name },
  });
  return { ...rest, type: serial.type, nullable: false, default: `nextval('${quoteIdent(name).replaceAll("'", "''")}'::regclass)` };
}

/**
 * An expression with its references to column `from` renamed to `to`, as PostgreSQL shows
 * a CHECK or index after `ALTER TABLE ... RENAME COLUMN`: only the identifier changes
 * (quoted when it must be); function names, type names and strings are left alone.
 *
 * @example
 * ```ts
 * renameColumnInExpression('lower(name) > (0)::numeric', 'name', 'Full Name'); // 'lower("Full Name") > (0)::numeric'
 * ```
 */
export function renameColumnInExpression(sql: string, from: string, to: string): string {
  let tokens;
  try {
    tokens = lexPostgres(sql);
  } catch {
    return sql;
  }
  let out = '';
  let at = 0;
  tokens.forEach((t, i) => {
    if ((t.kind !== 'word' && t.kind !== 'ident') || t.value !== from) return;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (next?.text === '(' || prev?.text === '::' || (prev?.kind === 'word' && prev.value === 'collate')) return;
    out += sql.slice(at, t.start) + quoteIdent(to);
    at = t.end;
  });
  return out + sql.slice(at);
}

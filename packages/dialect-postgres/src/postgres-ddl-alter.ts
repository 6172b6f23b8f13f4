import { RetortError } from '@retort/core';
import type { Column, Hazard } from '@retort/schema';
import { castBetween, typeInfo } from './postgres-schema-dialect-catalog.js';
import { typeNameOf, typeSql } from './postgres-schema-dialect-type.js';
import { commentSql, defaultSql } from './postgres-ddl-table.js';
import { quoteIdentifier as q } from './postgres-quote.js';

const STRING_TYPES = new Set(['text', 'varchar', 'bpchar', 'name']);

/**
 * The statements changing column `from` into `to` in place, in an order PostgreSQL
 * accepts: identity dropped and the old default removed before a type change, the type
 * changed (`USING "c"::type` when no assignment cast exists), NOT NULL, the new default,
 * identity added or switched, and the comment. A generated column can only stop being one
 * (`DROP EXPRESSION`); giving a column a new generation expression throws `E_UNSUPPORTED`
 * (PostgreSQL 15 cannot do it in place).
 *
 * @example
 * ```ts
 * alterColumnSql('t', { name: 'n', type: 'integer', nullable: true }, { name: 'n', type: 'bigint', nullable: false });
 * // ['ALTER TABLE "t" ALTER COLUMN "n" TYPE bigint', 'ALTER TABLE "t" ALTER COLUMN "n" SET NOT NULL']
 * ```
 */
export function alterColumnSql(table: string, from: Column, to: Column): string[] {
  const alter = (clause: string): string => `ALTER TABLE ${q(table)} ALTER COLUMN ${q(to.name)} ${clause}`;
  if (to.generated && (!from.generated || from.generated.expression !== to.generated.expression)) {
    throw new RetortError(
      'E_UNSUPPORTED',
      `Column '${table}.${to.name}' gets a new generation expression, which PostgreSQL 15 cannot change in place; drop the column in one migration and add it back generated in the next.`,
      { facts: { argument: `${table}.${to.name}` } },
    );
  }
  const out: string[] = [];
  if (from.generated && !to.generated) out.push(alter('DROP EXPRESSION'));
  const typeChanged = from.type !== to.type || from.collation !== to.collation;
  if (from.identity !== undefined && to.identity === undefined) out.push(alter('DROP IDENTITY'));
  if (from.default !== undefined && (to.default === undefined || typeChanged)) out.push(alter('DROP DEFAULT'));
  if (typeChanged) {
    const collate = to.collation === undefined ? '' : ` COLLATE ${q(to.collation)}`;
    const using = needsUsing(from.type, to.type) ? ` USING ${usingSql(to.name, from.type, to.type)}` : '';
    out.push(alter(`TYPE ${typeSql(to.type)}${collate}${using}`));
  }
  if (from.nullable !== to.nullable) out.push(alter(to.nullable ? 'DROP NOT NULL' : 'SET NOT NULL'));
  if (to.default !== undefined && (to.default !== from.default || typeChanged)) out.push(alter(`SET DEFAULT ${defaultSql(to.default)}`));
  if (to.identity !== undefined && from.identity === undefined) out.push(alter(`ADD GENERATED ${identitySql(to.identity)} AS IDENTITY`));
  else if (to.identity !== undefined && from.identity !== to.identity) out.push(alter(`SET GENERATED ${identitySql(to.identity)}`));
  if (from.comment !== to.comment) out.push(commentSql('COLUMN', `${q(table)}.${q(to.name)}`, to.comment));
  return out;
}

function identitySql(identity: 'always' | 'by-default'): string {
  return identity === 'always' ? 'ALWAYS' : 'BY DEFAULT';
}

/**
 * True when PostgreSQL has no assignment cast from one type to the other, so
 * `ALTER COLUMN ... TYPE` needs a USING clause: text to integer, anything to an enum, an
 * enum to another. Conversions to string types always exist (through text I/O).
 */
function needsUsing(from: string, to: string): boolean {
  const a = typeNameOf(from).type;
  const b = typeNameOf(to).type;
  if (a === b) return false;
  if (STRING_TYPES.has(b)) return false;
  const context = castBetween(a, b)?.context;
  if (context === 'i' || context === 'a') return false;
  const ea = typeInfo(a).elem;
  const eb = typeInfo(b).elem;
  if (ea !== undefined && eb !== undefined) return needsUsing(ea, eb);
  return true;
}

/** The USING expression: a cast, through text when leaving an enum or another user type. */
function usingSql(column: string, from: string, to: string): string {
  const fromType = typeNameOf(from).type;
  const viaText = fromType.startsWith('u:') && !STRING_TYPES.has(typeNameOf(to).type);
  return `${q(column)}${viaText ? '::text' : ''}::${typeSql(to)}`;
}

/**
 * TABLE_REWRITE hazards of changing a column: a type change copies the table unless the
 * new type only relaxes a limit (a longer or unbounded varchar, text from varchar, more
 * numeric precision at the same scale).
 *
 * @example
 * ```ts
 * alterColumnHazards('t', { name: 'n', type: 'integer', nullable: true }, { name: 'n', type: 'bigint', nullable: true }); // one TABLE_REWRITE
 * ```
 */
export function alterColumnHazards(table: string, from: Column, to: Column): Hazard[] {
  if (from.type === to.type || !rewrites(from.type, to.type)) return [];
  return [
    {
      code: 'TABLE_REWRITE',
      message: `Changes '${table}.${to.name}' from ${from.type} to ${to.type}, which rewrites table '${table}' under an ACCESS EXCLUSIVE lock; time grows with its size.`,
      table,
      column: to.name,
    },
  ];
}

function rewrites(from: string, to: string): boolean {
  const a = typeNameOf(from);
  const b = typeNameOf(to);
  if ((a.type === 'varchar' || a.type === 'text') && (b.type === 'text' || (b.type === 'varchar' && b.mods.length === 0))) return false;
  if (a.type === 'varchar' && b.type === 'varchar' && (a.mods[0] ?? Infinity) <= (b.mods[0] ?? Infinity)) return false;
  if (a.type === 'numeric' && b.type === 'numeric') {
    if (b.mods.length === 0) return false;
    const [pa = Infinity, sa = 0] = a.mods;
    const [pb = Infinity, sb = 0] = b.mods;
    return !(sa === sb && pb >= pa);
  }
  return true;
}

import type { Schema, SchemaDialect, Trigger, TypeChange } from '@retort/schema';
import { compareTypes, normalizeSchema } from '@retort/schema';
import { renderPostgres } from './postgres-ddl.js';
import { postgresCatalogFingerprint, readPostgresCatalog } from './postgres-introspect.js';
import { canonicalTokens } from './postgres-schema-dialect-expression.js';
import { postgresFromModel, renameColumnInExpression } from './postgres-schema-dialect-model.js';
import { normalizePostgresTable } from './postgres-schema-dialect-table.js';
import { normalizePostgresType, typeNameOf } from './postgres-schema-dialect-type.js';
import { quoteIdentifier } from './postgres-quote.js';

/**
 * How changing a column between two canonical PostgreSQL types treats its values: the
 * shared rules (integer and float widths, text lengths, numeric precision), plus time
 * precision (`timestamp(3)` to `timestamp` widens) and arrays (an element type change
 * converts every element).
 *
 * @example
 * ```ts
 * comparePostgresTypes('varchar(20)', 'text');   // 'widening'
 * comparePostgresTypes('timestamp', 'timestamp(0)'); // 'narrowing'
 * ```
 */
export function comparePostgresTypes(from: string, to: string): TypeChange {
  if (from === to) return 'same';
  const a = typeNameOf(from);
  const b = typeNameOf(to);
  if (a.type === b.type && ['timestamp', 'timestamptz', 'time', 'timetz', 'interval'].includes(a.type)) {
    return (b.mods[0] ?? 6) >= (a.mods[0] ?? 6) ? 'widening' : 'narrowing';
  }
  if (from.endsWith('[]') && to.endsWith('[]')) return comparePostgresTypes(from.slice(0, -2), to.slice(0, -2));
  if (from.endsWith('[]') !== to.endsWith('[]')) return 'incompatible';
  return compareTypes(from, to);
}

/** What a model means on PostgreSQL, with trigger names made `table.trigger` as introspection reports them. */
function fromModel(schema: Schema): Schema {
  const out = postgresFromModel(schema);
  return {
    ...out,
    triggers: out.triggers.map((t): Trigger => (t.name.startsWith(`${t.table}.`) ? t : { ...t, name: `${t.table}.${t.name}` })),
  };
}

/**
 * The PostgreSQL implementation of the `SchemaDialect` contract: catalog reader (one
 * schema in one statement; with `options.cache`, skipped while a fingerprint of the system
 * catalogs is unchanged), normalizers that spell types and expressions exactly as
 * the server prints them (so `price >= 0` in a model equals the catalog's
 * `(price >= (0)::numeric)`), and the DDL renderer. Registered by name in the CLI's map.
 *
 * @example
 * ```ts
 * const current = await postgresSchemaDialect.introspect(connection, { schema: 'app' });
 * const plan = planMigration(current, fromModels(models, postgresSchemaDialect), { dialect: postgresSchemaDialect });
 * ```
 */
export const postgresSchemaDialect: SchemaDialect = Object.freeze({
  name: 'postgres',
  capabilities: Object.freeze({ enums: true, sequences: true, concurrentIndexes: true, comments: true, forwardForeignKeys: false }),
  async introspect(db, options = {}) {
    if (!options.cache) return normalizeSchema(await readPostgresCatalog(db, options), postgresSchemaDialect);
    const key = await postgresCatalogFingerprint(db, options);
    const cached = options.cache.get(key);
    if (cached) return cached;
    const schema = normalizeSchema(await readPostgresCatalog(db, options), postgresSchemaDialect);
    // Kept only when nothing changed while it was read (a change can be undone later, and
    // the fingerprint would then match a catalog this read never saw).
    if ((await postgresCatalogFingerprint(db, options)) === key) options.cache.set(key, schema);
    return schema;
  },
  normalizeType: normalizePostgresType,
  normalizeExpression: canonicalTokens,
  normalizeStatement: canonicalTokens,
  normalizeTable: normalizePostgresTable,
  renameInExpression: renameColumnInExpression,
  fromModel,
  compareTypes: comparePostgresTypes,
  render: renderPostgres,
  quoteIdentifier,
} satisfies SchemaDialect);

import type { Hazard } from './hazard.js';
import type { Operation } from './operations.js';
import { unknownOperation } from './reverse.js';
import type { SchemaDialect } from './schema-dialect.js';
import type { Column } from './schema-ir.js';

/** Options for {@link detectHazards}. */
export interface HazardOptions {
  /** The target dialect: its name, type comparison and capabilities. */
  readonly dialect: Pick<SchemaDialect, 'name' | 'compareTypes' | 'capabilities'>;
  /** Indexes will be built CONCURRENTLY (no `INDEX_NOT_CONCURRENT`). */
  readonly concurrentIndexes?: boolean;
}

/**
 * The dialect-neutral hazards of a list of up-operations: data loss, narrowing type
 * changes, NOT NULL without a default on an existing table, blocking index builds and enum
 * value removal. Renderer-specific hazards (rewrites) come from `SchemaDialect.render`.
 * A view or trigger dropped and recreated in the same list is not a hazard.
 *
 * @example
 * ```ts
 * detectHazards([{ kind: 'dropColumn', table: 'users', column }], { dialect: sqliteSchemaDialect });
 * // [{ code: 'DATA_LOSS', message: "Drops column 'users.bio' and the data in it.", table: 'users', column: 'bio' }]
 * ```
 */
export function detectHazards(ops: readonly Operation[], options: HazardOptions): Hazard[] {
  const hazards: Hazard[] = [];
  for (const op of ops) hazards.push(...hazardsOf(op, options));
  return hazards;
}

function hazardsOf(op: Operation, options: HazardOptions): Hazard[] {
  switch (op.kind) {
    case 'dropTable':
      return [{ code: 'DATA_LOSS', message: `Drops table '${op.table.name}' and every row in it.`, table: op.table.name }];
    case 'dropColumn':
      return [dataLoss(op.table, op.column.name)];
    case 'addColumn':
      return needsValue(op.column)
        ? [
            {
              code: 'NOT_NULL_WITHOUT_DEFAULT',
              message: `Adds NOT NULL column '${op.table}.${op.column.name}' without a default; it fails if '${op.table}' has rows, so give it a default or add it nullable and backfill.`,
              table: op.table,
              column: op.column.name,
            },
          ]
        : [];
    case 'alterColumn':
      return alterHazards(op.table, op.from, op.to, options);
    case 'createIndex':
    case 'addUnique':
      if (!options.dialect.capabilities.concurrentIndexes || options.concurrentIndexes) return [];
      return [
        {
          code: 'INDEX_NOT_CONCURRENT',
          message: `Builds ${op.kind === 'createIndex' ? `index '${op.index.name}'` : 'a unique index'} on existing table '${op.table}' without CONCURRENTLY, blocking writes while it builds.`,
          table: op.table,
        },
      ];
    case 'alterEnum': {
      const removed = op.from.values.filter((v) => !op.to.values.includes(v));
      return removed.length === 0
        ? []
        : [
            {
              code: 'ENUM_VALUE_REMOVED',
              message: `Removes value${removed.length > 1 ? 's' : ''} ${removed.map((v) => `'${v}'`).join(', ')} from enum '${op.from.name}'; rows holding ${removed.length > 1 ? 'them' : 'it'} make the migration fail.`,
            },
          ];
    }
    case 'dropSequence':
      return [{ code: 'DATA_LOSS', message: `Drops sequence '${op.sequence.name}' and its current value.` }];
    case 'createTable':
    case 'renameTable':
    case 'renameColumn':
    case 'addPrimaryKey':
    case 'dropPrimaryKey':
    case 'dropUnique':
    case 'addForeignKey':
    case 'dropForeignKey':
    case 'addCheck':
    case 'dropCheck':
    case 'dropIndex':
    case 'setTableComment':
    case 'createView':
    case 'dropView':
    case 'createEnum':
    case 'dropEnum':
    case 'createSequence':
    case 'alterSequence':
    case 'createTrigger':
    case 'dropTrigger':
      return [];
    default:
      return unknownOperation(op);
  }
}

function alterHazards(table: string, from: Column, to: Column, options: HazardOptions): Hazard[] {
  const hazards: Hazard[] = [];
  const where = `'${table}.${to.name}'`;
  if (from.type !== to.type) {
    const change = options.dialect.compareTypes(from.type, to.type);
    if (change === 'narrowing' || change === 'incompatible') {
      hazards.push({
        code: 'NARROWING_TYPE',
        message:
          options.dialect.name === 'sqlite'
            ? `${change === 'narrowing' ? 'Narrows' : 'Changes'} ${where} from ${from.type} to ${to.type}; SQLite keeps existing values as they are (declared types are not enforced), so rows may not fit the new type.`
            : change === 'narrowing'
              ? `Narrows ${where} from ${from.type} to ${to.type}; values that do not fit make the migration fail.`
              : `Changes ${where} from ${from.type} to ${to.type}; values that do not convert make the migration fail.`,
        table,
        column: to.name,
      });
    }
  }
  if (from.nullable && !to.nullable && to.generated === undefined) {
    hazards.push({
      code: 'NOT_NULL_WITHOUT_DEFAULT',
      message: `Makes ${where} NOT NULL; rows holding NULL make the migration fail, so backfill them first.`,
      table,
      column: to.name,
    });
  }
  if (from.generated === undefined && to.generated !== undefined) {
    hazards.push({ code: 'DATA_LOSS', message: `Replaces the values of ${where} with a generated expression.`, table, column: to.name });
  }
  return hazards;
}

function needsValue(c: Column): boolean {
  return !c.nullable && c.default === undefined && c.generated === undefined && c.identity === undefined && c.autoincrement === undefined;
}

function dataLoss(table: string, column: string): Hazard {
  return { code: 'DATA_LOSS', message: `Drops column '${table}.${column}' and the data in it.`, table, column };
}

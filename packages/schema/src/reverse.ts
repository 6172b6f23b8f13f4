import { RetortError } from '@retort/core';
import type { Operation } from './operations.js';

/**
 * The inverse of one operation: applying `op` then `reverse(op)` leaves the schema as it
 * was. Pure; every operation carries the state its inverse needs.
 *
 * @example
 * ```ts
 * reverse({ kind: 'renameColumn', table: 'users', from: 'name', to: 'full_name' });
 * // { kind: 'renameColumn', table: 'users', from: 'full_name', to: 'name' }
 * ```
 */
export function reverse(op: Operation): Operation {
  switch (op.kind) {
    case 'createTable':
      return { kind: 'dropTable', table: op.table };
    case 'dropTable':
      return { kind: 'createTable', table: op.table };
    case 'renameTable':
      return { kind: 'renameTable', from: op.to, to: op.from };
    case 'addColumn':
      return { kind: 'dropColumn', table: op.table, column: op.column };
    case 'dropColumn':
      return { kind: 'addColumn', table: op.table, column: op.column };
    case 'renameColumn':
      return { kind: 'renameColumn', table: op.table, from: op.to, to: op.from };
    case 'alterColumn':
      return { kind: 'alterColumn', table: op.table, from: op.to, to: op.from };
    case 'addPrimaryKey':
      return { kind: 'dropPrimaryKey', table: op.table, primaryKey: op.primaryKey };
    case 'dropPrimaryKey':
      return { kind: 'addPrimaryKey', table: op.table, primaryKey: op.primaryKey };
    case 'addUnique':
      return { kind: 'dropUnique', table: op.table, unique: op.unique };
    case 'dropUnique':
      return { kind: 'addUnique', table: op.table, unique: op.unique };
    case 'addForeignKey':
      return { kind: 'dropForeignKey', table: op.table, foreignKey: op.foreignKey };
    case 'dropForeignKey':
      return { kind: 'addForeignKey', table: op.table, foreignKey: op.foreignKey };
    case 'addCheck':
      return { kind: 'dropCheck', table: op.table, check: op.check };
    case 'dropCheck':
      return { kind: 'addCheck', table: op.table, check: op.check };
    case 'createIndex':
      return { kind: 'dropIndex', table: op.table, index: op.index };
    case 'dropIndex':
      return { kind: 'createIndex', table: op.table, index: op.index };
    case 'setTableComment':
      return withComments(op.table, op.to, op.from);
    case 'createView':
      return { kind: 'dropView', view: op.view };
    case 'dropView':
      return { kind: 'createView', view: op.view };
    case 'createEnum':
      return { kind: 'dropEnum', enum: op.enum };
    case 'dropEnum':
      return { kind: 'createEnum', enum: op.enum };
    case 'alterEnum':
      return { kind: 'alterEnum', from: op.to, to: op.from, usages: op.usages };
    case 'createSequence':
      return { kind: 'dropSequence', sequence: op.sequence };
    case 'dropSequence':
      return { kind: 'createSequence', sequence: op.sequence };
    case 'alterSequence':
      return { kind: 'alterSequence', from: op.to, to: op.from };
    case 'createTrigger':
      return { kind: 'dropTrigger', trigger: op.trigger };
    case 'dropTrigger':
      return { kind: 'createTrigger', trigger: op.trigger };
    default:
      return unknownOperation(op);
  }
}

/**
 * The down-operations of a list of up-operations: each reversed, in reverse order.
 *
 * @example
 * ```ts
 * const down = reverseAll(diff(before, after, { resolveRename }));
 * ```
 */
export function reverseAll(ops: readonly Operation[]): Operation[] {
  const out: Operation[] = [];
  for (let i = ops.length - 1; i >= 0; i--) out.push(reverse(ops[i] as Operation));
  return out;
}

function withComments(table: string, from: string | undefined, to: string | undefined): Operation {
  return {
    kind: 'setTableComment',
    table,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}

/**
 * Throws for an operation whose `kind` no switch knows: the `never` default of every
 * exhaustive switch over {@link Operation}.
 *
 * @example
 * ```ts
 * default: return unknownOperation(op);
 * ```
 */
export function unknownOperation(op: never): never {
  const kind = (op as { kind?: unknown }).kind;
  throw new RetortError(
    'E_UNSUPPORTED',
    `Unknown operation kind '${String(kind)}'; update @retort/schema and the dialect packages to the same version.`,
    { facts: { argument: String(kind) } },
  );
}

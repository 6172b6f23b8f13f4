import type { Operation } from './operations.js';

/**
 * A one-line, human description of an operation, for `retort check` differences and watch
 * mode's status line.
 *
 * @example
 * ```ts
 * describeOperation({ kind: 'addColumn', table: 'users', column: { name: 'bio', type: 'text', nullable: true } });
 * // 'add column users.bio (text)'
 * ```
 */
export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case 'createTable':
      return `create table ${op.table.name}`;
    case 'dropTable':
      return `drop table ${op.table.name}`;
    case 'renameTable':
      return `rename table ${op.from} to ${op.to}`;
    case 'addColumn':
      return `add column ${op.table}.${op.column.name} (${op.column.type})`;
    case 'dropColumn':
      return `drop column ${op.table}.${op.column.name}`;
    case 'renameColumn':
      return `rename column ${op.table}.${op.from} to ${op.to}`;
    case 'alterColumn':
      return `alter column ${op.table}.${op.to.name} (${columnChanges(op.from, op.to).join(', ') || 'details'})`;
    case 'addPrimaryKey':
      return `add primary key on ${op.table} (${op.primaryKey.columns.join(', ')})`;
    case 'dropPrimaryKey':
      return `drop primary key of ${op.table}`;
    case 'addUnique':
      return `add unique constraint on ${op.table} (${op.unique.columns.join(', ')})`;
    case 'dropUnique':
      return `drop unique constraint on ${op.table} (${op.unique.columns.join(', ')})`;
    case 'addForeignKey':
      return `add foreign key ${op.table} (${op.foreignKey.columns.join(', ')}) -> ${op.foreignKey.references.table}`;
    case 'dropForeignKey':
      return `drop foreign key ${op.table} (${op.foreignKey.columns.join(', ')}) -> ${op.foreignKey.references.table}`;
    case 'addCheck':
      return `add check on ${op.table}: ${op.check.expression}`;
    case 'dropCheck':
      return `drop check on ${op.table}: ${op.check.expression}`;
    case 'createIndex':
      return `create ${op.index.unique ? 'unique ' : ''}index ${op.index.name} on ${op.table}`;
    case 'dropIndex':
      return `drop index ${op.index.name} on ${op.table}`;
    case 'setTableComment':
      return `set comment on ${op.table}`;
    case 'createView':
      return `create view ${op.view.name}`;
    case 'dropView':
      return `drop view ${op.view.name}`;
    case 'createEnum':
      return `create enum ${op.enum.name} (${op.enum.values.join(', ')})`;
    case 'dropEnum':
      return `drop enum ${op.enum.name}`;
    case 'alterEnum':
      return `alter enum ${op.to.name}: ${op.from.values.join(', ')} -> ${op.to.values.join(', ')}`;
    case 'createSequence':
      return `create sequence ${op.sequence.name}`;
    case 'dropSequence':
      return `drop sequence ${op.sequence.name}`;
    case 'alterSequence':
      return `alter sequence ${op.to.name}`;
    case 'createTrigger':
      return `create trigger ${op.trigger.name} on ${op.trigger.table}`;
    case 'dropTrigger':
      return `drop trigger ${op.trigger.name} on ${op.trigger.table}`;
    default: {
      const never: never = op;
      throw new Error(`describeOperation: unknown operation ${JSON.stringify(never)}`);
    }
  }
}

function columnChanges(before: object, after: object): string[] {
  const from = before as Record<string, unknown>;
  const to = after as Record<string, unknown>;
  const changes: string[] = [];
  if (from['type'] !== to['type']) changes.push(`type ${String(from['type'])} -> ${String(to['type'])}`);
  if (from['nullable'] !== to['nullable']) changes.push(to['nullable'] ? 'drop not null' : 'set not null');
  if (from['default'] !== to['default']) changes.push(to['default'] === undefined ? 'drop default' : `default ${String(to['default'])}`);
  for (const key of ['identity', 'generated', 'collation', 'comment']) {
    if (JSON.stringify(from[key]) !== JSON.stringify(to[key])) changes.push(key);
  }
  return changes;
}

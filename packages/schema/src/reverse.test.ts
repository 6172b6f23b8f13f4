import { RetortError } from '@retort/core';
import type { Operation } from './operations.js';
import { reverse, reverseAll } from './reverse.js';
import type { Column, Table } from './schema-ir.js';

const column: Column = { name: 'bio', type: 'text', nullable: true };
const table: Table = { name: 'users', columns: [{ name: 'id', type: 'integer', nullable: false }], primaryKey: { columns: ['id'] }, uniques: [], foreignKeys: [], checks: [], indexes: [] };
const index = { name: 'ix', keys: [{ column: 'id' }], unique: false };
const fk = { columns: ['id'], references: { table: 'users', columns: ['id'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' } as const;
const mood = { name: 'mood', values: ['sad', 'ok'] };
const seq = { name: 's', type: 'bigint', start: '1', increment: '1', min: '1', max: '9', cache: '1', cycle: false };
const view = { name: 'v', definition: 'SELECT 1' };
const trigger = { name: 't', table: 'users', definition: 'CREATE TRIGGER t ...' };

// Each pair is an operation and its exact inverse.
const pairs: [Operation, Operation][] = [
  [{ kind: 'createTable', table }, { kind: 'dropTable', table }],
  [{ kind: 'renameTable', from: 'a', to: 'b' }, { kind: 'renameTable', from: 'b', to: 'a' }],
  [{ kind: 'addColumn', table: 'users', column }, { kind: 'dropColumn', table: 'users', column }],
  [{ kind: 'renameColumn', table: 'users', from: 'a', to: 'b' }, { kind: 'renameColumn', table: 'users', from: 'b', to: 'a' }],
  [{ kind: 'alterColumn', table: 'users', from: column, to: { ...column, nullable: false } }, { kind: 'alterColumn', table: 'users', from: { ...column, nullable: false }, to: column }],
  [{ kind: 'addPrimaryKey', table: 'users', primaryKey: { columns: ['id'] } }, { kind: 'dropPrimaryKey', table: 'users', primaryKey: { columns: ['id'] } }],
  [{ kind: 'addUnique', table: 'users', unique: { columns: ['id'] } }, { kind: 'dropUnique', table: 'users', unique: { columns: ['id'] } }],
  [{ kind: 'addForeignKey', table: 'users', foreignKey: fk }, { kind: 'dropForeignKey', table: 'users', foreignKey: fk }],
  [{ kind: 'addCheck', table: 'users', check: { expression: 'id > 0' } }, { kind: 'dropCheck', table: 'users', check: { expression: 'id > 0' } }],
  [{ kind: 'createIndex', table: 'users', index }, { kind: 'dropIndex', table: 'users', index }],
  [{ kind: 'setTableComment', table: 'users', to: 'people' }, { kind: 'setTableComment', table: 'users', from: 'people' }],
  [{ kind: 'createView', view }, { kind: 'dropView', view }],
  [{ kind: 'createEnum', enum: mood }, { kind: 'dropEnum', enum: mood }],
  [
    { kind: 'alterEnum', from: mood, to: { ...mood, values: ['sad', 'ok', 'happy'] }, usages: [{ table: 'users', column: 'mood' }] },
    { kind: 'alterEnum', from: { ...mood, values: ['sad', 'ok', 'happy'] }, to: mood, usages: [{ table: 'users', column: 'mood' }] },
  ],
  [{ kind: 'createSequence', sequence: seq }, { kind: 'dropSequence', sequence: seq }],
  [{ kind: 'alterSequence', from: seq, to: { ...seq, increment: '2' } }, { kind: 'alterSequence', from: { ...seq, increment: '2' }, to: seq }],
  [{ kind: 'createTrigger', trigger }, { kind: 'dropTrigger', trigger }],
];

describe('reverse', () => {
  test.each(pairs)('%j reverses exactly', (op, inverse) => {
    expect(reverse(op)).toEqual(inverse);
    expect(reverse(inverse)).toEqual(op);
  });

  test('every operation kind is covered', () => {
    const kinds = new Set(pairs.flatMap(([a, b]) => [a.kind, b.kind]));
    expect(kinds.size).toBe(28);
  });

  test('reverseAll reverses each operation in reverse order', () => {
    const up: Operation[] = [
      { kind: 'createTable', table },
      { kind: 'addColumn', table: 'users', column },
    ];
    expect(reverseAll(up)).toEqual([
      { kind: 'dropColumn', table: 'users', column },
      { kind: 'dropTable', table },
    ]);
  });

  test('an unknown kind throws E_UNSUPPORTED naming it', () => {
    const bogus = { kind: 'truncateTable', table: 'users' } as unknown as Operation;
    expect(() => reverse(bogus)).toThrow(RetortError);
    expect(() => reverse(bogus)).toThrow("Unknown operation kind 'truncateTable'; update @retort/schema and the dialect packages to the same version.");
  });
});

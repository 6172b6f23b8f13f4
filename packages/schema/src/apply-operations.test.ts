import { isRetortError } from '@retort/core';
import { applyOperation, applyOperations } from './apply-operations.js';
import type { Schema, Table } from './schema-ir.js';
import { EMPTY_SCHEMA } from './schema-ir.js';

const users: Table = {
  name: 'users',
  columns: [
    { name: 'id', type: 'integer', nullable: false },
    { name: 'price', type: 'integer', nullable: true },
    { name: 'twice', type: 'integer', nullable: true, generated: { expression: 'price * 2', stored: true } },
  ],
  primaryKey: { columns: ['id'] },
  uniques: [{ columns: ['price'] }],
  foreignKeys: [],
  checks: [{ expression: 'price > 0' }],
  indexes: [{ name: 'ix', keys: [{ column: 'price' }, { expression: 'abs(price)' }], unique: false, where: 'price IS NOT NULL' }],
};
const orders: Table = {
  name: 'orders',
  columns: [{ name: 'price_ref', type: 'integer', nullable: true }],
  uniques: [],
  foreignKeys: [{ columns: ['price_ref'], references: { table: 'users', columns: ['price'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' }],
  checks: [],
  indexes: [],
};
const schema: Schema = { ...EMPTY_SCHEMA, tables: [orders, users], triggers: [{ name: 'tr', table: 'users', definition: 'x' }] };

describe('applyOperation', () => {
  test('renameColumn renames keys, constraints, expressions and foreign keys pointing at it', () => {
    const next = applyOperation(schema, { kind: 'renameColumn', table: 'users', from: 'price', to: 'cost' });
    expect(next.tables).toEqual([
      { ...orders, foreignKeys: [{ ...orders.foreignKeys[0], references: { table: 'users', columns: ['cost'] } }] },
      {
        ...users,
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          { name: 'cost', type: 'integer', nullable: true },
          { name: 'twice', type: 'integer', nullable: true, generated: { expression: '"cost" * 2', stored: true } },
        ],
        uniques: [{ columns: ['cost'] }],
        checks: [{ expression: '"cost" > 0' }],
        indexes: [{ name: 'ix', keys: [{ column: 'cost' }, { expression: 'abs("cost")' }], unique: false, where: '"cost" IS NOT NULL' }],
      },
    ]);
  });

  test('renameTable renames references and triggers, and keeps tables sorted', () => {
    const next = applyOperation(schema, { kind: 'renameTable', from: 'users', to: 'accounts' });
    expect(next.tables.map((t) => t.name)).toEqual(['accounts', 'orders']);
    expect(next.tables[1]?.foreignKeys[0]?.references.table).toBe('accounts');
    expect(next.triggers).toEqual([{ name: 'tr', table: 'accounts', definition: 'x' }]);
  });

  test('addColumn appends; drop and add of constraints keep canonical order', () => {
    const next = applyOperations(schema, [
      { kind: 'addColumn', table: 'orders', column: { name: 'z', type: 'text', nullable: true } },
      { kind: 'addUnique', table: 'orders', unique: { name: 'b', columns: ['z'] } },
      { kind: 'addUnique', table: 'orders', unique: { name: 'a', columns: ['price_ref'] } },
      { kind: 'dropForeignKey', table: 'orders', foreignKey: { onUpdate: 'NO ACTION', onDelete: 'CASCADE', references: { columns: ['price'], table: 'users' }, columns: ['price_ref'] } },
    ]);
    const t = next.tables[0];
    expect(t?.columns.map((c) => c.name)).toEqual(['price_ref', 'z']);
    expect(t?.uniques.map((u) => u.name)).toEqual(['a', 'b']);
    expect(t?.foreignKeys).toEqual([]);
  });

  test('operations that do not fit throw E_UNSUPPORTED naming the object', () => {
    const attempt = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        if (isRetortError(e, 'E_UNSUPPORTED')) return e.message;
      }
      return 'no error';
    };
    expect(attempt(() => applyOperation(schema, { kind: 'dropIndex', table: 'nope', index: { name: 'i', keys: [], unique: false } }))).toBe(
      "No table 'nope' to change; the operations do not fit this schema.",
    );
    expect(attempt(() => applyOperation(schema, { kind: 'createTable', table: users }))).toBe("Cannot create 'users': it already exists; drop or rename it first.");
    expect(attempt(() => applyOperation(schema, { kind: 'renameColumn', table: 'users', from: 'nope', to: 'x' }))).toBe(
      "No column of 'users' 'nope' to change; the operations do not fit this schema.",
    );
  });
});

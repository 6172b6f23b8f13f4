import { isRetortError } from '@retort/core';
import { applyOperations } from './apply-operations.js';
import { diff } from './diff.js';
import { reverseAll } from './reverse.js';
import type { Operation } from './operations.js';
import type { Column, ForeignKey, Schema, Table } from './schema-ir.js';
import { EMPTY_SCHEMA } from './schema-ir.js';

const id: Column = { name: 'id', type: 'integer', nullable: false };
function tbl(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { name, columns: [id, ...columns], primaryKey: { columns: ['id'] }, uniques: [], foreignKeys: [], checks: [], indexes: [], ...extra };
}
function schema(tables: Table[], extra: Partial<Schema> = {}): Schema {
  return { ...EMPTY_SCHEMA, tables, ...extra };
}
function fkTo(table: string, column: string): ForeignKey {
  return { columns: [column], references: { table, columns: ['id'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' };
}
const name: Column = { name: 'name', type: 'text', nullable: true };
const fullName: Column = { name: 'full_name', type: 'text', nullable: true };
const noRenames = { resolveRename: () => null };

describe('diff', () => {
  test('equal schemas give no operations', () => {
    const s = schema([tbl('users', [name])]);
    expect(diff(s, s)).toEqual([]);
    expect(diff(s, structuredClone(s))).toEqual([]);
    // Same content with keys in another order (the text differs, the schemas do not).
    const reordered = schema([tbl('users', [{ nullable: true, type: 'text', name: 'name' }])]);
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(s));
    expect(diff(s, reordered)).toEqual([]);
  });

  test('column added, altered and dropped, in that order', () => {
    const age: Column = { name: 'age', type: 'integer', nullable: true };
    const from = schema([tbl('users', [name, age])]);
    const to = schema([tbl('users', [{ ...name, nullable: false }, { name: 'email', type: 'text', nullable: true, default: "''" }])]);
    expect(diff(from, to, noRenames)).toEqual<Operation[]>([
      { kind: 'addColumn', table: 'users', column: { name: 'email', type: 'text', nullable: true, default: "''" } },
      { kind: 'alterColumn', table: 'users', from: name, to: { ...name, nullable: false } },
      { kind: 'dropColumn', table: 'users', column: age },
    ]);
  });

  test('a dropped and a compatible added column need a decision', () => {
    const from = schema([tbl('users', [name])]);
    const to = schema([tbl('users', [fullName])]);
    let thrown: unknown;
    try {
      diff(from, to);
    } catch (e) {
      thrown = e;
    }
    expect(isRetortError(thrown, 'E_RENAME_REQUIRED')).toBe(true);
    expect((thrown as Error).message).toBe(
      "Column 'users.name' was dropped and 'full_name' added; pass --rename users.name=full_name to rename it, or --rename users.name= to drop it.",
    );
    expect(diff(from, to, { resolveRename: () => 'full_name' })).toEqual([{ kind: 'renameColumn', table: 'users', from: 'name', to: 'full_name' }]);
    expect(diff(from, to, noRenames)).toEqual([
      { kind: 'addColumn', table: 'users', column: fullName },
      { kind: 'dropColumn', table: 'users', column: name },
    ]);
  });

  test('the resolver sees the question with ranked candidates', () => {
    const questions: unknown[] = [];
    const from = schema([tbl('users', [name])]);
    const to = schema([tbl('users', [{ name: 'nick', type: 'text', nullable: false }, fullName, { name: 'age', type: 'integer', nullable: true }])]);
    diff(from, to, { resolveRename: (q) => (questions.push(q), null) });
    expect(questions).toEqual([{ kind: 'column', table: 'users', from: 'name', candidates: ['full_name', 'nick'] }]);
  });

  test('a renamed table keeps its data and its renamed columns follow', () => {
    const bio: Column = { name: 'bio', type: 'text', nullable: true };
    const from = schema([tbl('users', [name, bio])]);
    const to = schema([tbl('people', [fullName, bio])]);
    const ops = diff(from, to, { resolveRename: (q) => (q.kind === 'table' ? 'people' : 'full_name') });
    expect(ops).toEqual([
      { kind: 'renameTable', from: 'users', to: 'people' },
      { kind: 'renameColumn', table: 'people', from: 'name', to: 'full_name' },
    ]);
  });

  test('new tables come after the tables they reference; drops come in reverse', () => {
    const users = tbl('users', [name]);
    const orders = tbl('orders', [{ name: 'user_id', type: 'integer', nullable: false }], { foreignKeys: [fkTo('users', 'user_id')] });
    const ops = diff(EMPTY_SCHEMA, schema([orders, users]));
    expect(ops.map((o) => o.kind === 'createTable' && o.table.name)).toEqual(['users', 'orders']);
    const down = diff(schema([orders, users]), EMPTY_SCHEMA);
    expect(down.map((o) => o.kind === 'dropTable' && o.table.name)).toEqual(['orders', 'users']);
  });

  test('a foreign-key cycle is broken with addForeignKey, unless forward references are allowed', () => {
    const a = tbl('a', [{ name: 'b_id', type: 'integer', nullable: true }], { foreignKeys: [fkTo('b', 'b_id')] });
    const b = tbl('b', [{ name: 'a_id', type: 'integer', nullable: true }], { foreignKeys: [fkTo('a', 'a_id')] });
    const self = tbl('c', [{ name: 'parent_id', type: 'integer', nullable: true }], { foreignKeys: [fkTo('c', 'parent_id')] });
    expect(diff(EMPTY_SCHEMA, schema([a, b, self]))).toEqual([
      { kind: 'createTable', table: self },
      { kind: 'createTable', table: { ...a, foreignKeys: [] } },
      { kind: 'createTable', table: b },
      { kind: 'addForeignKey', table: 'a', foreignKey: fkTo('b', 'b_id') },
    ]);
    expect(diff(schema([a, b]), EMPTY_SCHEMA)).toEqual([
      { kind: 'dropForeignKey', table: 'a', foreignKey: fkTo('b', 'b_id') },
      { kind: 'dropTable', table: b },
      { kind: 'dropTable', table: { ...a, foreignKeys: [] } },
    ]);
    expect(diff(EMPTY_SCHEMA, schema([a, b]), { capabilities: { forwardForeignKeys: true } })).toEqual([
      { kind: 'createTable', table: a },
      { kind: 'createTable', table: b },
    ]);
  });

  test('constraints: drops before column changes, adds after; foreign keys dropped first and added last', () => {
    const from = schema([tbl('t', [name], { uniques: [{ columns: ['name'] }], indexes: [{ name: 'ix_old', keys: [{ column: 'name' }], unique: false }] })]);
    const to = schema([
      tbl('t', [name, { name: 'ref', type: 'integer', nullable: true }], {
        checks: [{ name: 'ck', expression: 'length(name) < 10' }],
        foreignKeys: [fkTo('t', 'ref')],
        indexes: [{ name: 'ix_new', keys: [{ expression: 'lower(name)' }], unique: true, where: 'name IS NOT NULL' }],
      }),
    ]);
    expect(diff(from, to, noRenames).map((o) => o.kind)).toEqual(['dropIndex', 'dropUnique', 'addColumn', 'addCheck', 'createIndex', 'addForeignKey']);
  });

  test('a view naming a table whose columns change is dropped first and recreated last', () => {
    const view = { name: 'v', definition: 'SELECT name FROM users' };
    const other = { name: 'w', definition: 'SELECT 1' };
    const from = schema([tbl('users', [name])], { views: [view, other] });
    const to = schema([tbl('users', [{ ...name, type: 'varchar(10)' }])], { views: [view, other] });
    expect(diff(from, to).map((o) => o.kind)).toEqual(['dropView', 'alterColumn', 'createView']);
  });

  test('a comment change alone leaves views alone', () => {
    const view = { name: 'v', definition: 'SELECT name FROM users' };
    const from = schema([tbl('users', [name])], { views: [view] });
    const to = schema([tbl('users', [{ ...name, comment: 'shown' }])], { views: [view] });
    expect(diff(from, to).map((o) => o.kind)).toEqual(['alterColumn']);
  });

  test('views that depend on views are created after them and dropped before them', () => {
    const base = { name: 'base', definition: 'SELECT 1 AS x' };
    const top = { name: 'a_top', definition: 'SELECT x FROM base' };
    expect(diff(EMPTY_SCHEMA, schema([], { views: [top, base] }))).toEqual([
      { kind: 'createView', view: base },
      { kind: 'createView', view: top },
    ]);
    expect(diff(schema([], { views: [top, base] }), EMPTY_SCHEMA)).toEqual([
      { kind: 'dropView', view: top },
      { kind: 'dropView', view: base },
    ]);
  });

  test('enums: created before tables, altered with their usages, dropped after tables', () => {
    const mood = { name: 'mood', values: ['sad', 'ok'] };
    const happy = { ...mood, values: ['sad', 'ok', 'happy'] };
    const t = tbl('people', [{ name: 'mood', type: 'mood', nullable: true }]);
    expect(diff(EMPTY_SCHEMA, schema([t], { enums: [mood] })).map((o) => o.kind)).toEqual(['createEnum', 'createTable']);
    expect(diff(schema([t], { enums: [mood] }), schema([t], { enums: [happy] }))).toEqual([
      { kind: 'alterEnum', from: mood, to: happy, usages: [{ table: 'people', column: 'mood' }] },
    ]);
    expect(diff(schema([t], { enums: [mood] }), EMPTY_SCHEMA).map((o) => o.kind)).toEqual(['dropTable', 'dropEnum']);
  });

  test('sequences and triggers', () => {
    const seq = { name: 's', type: 'bigint', start: '1', increment: '1', min: '1', max: '100', cache: '1', cycle: false };
    const trigger = { name: 'tr', table: 'users', definition: 'CREATE TRIGGER tr AFTER INSERT ON users BEGIN SELECT 1; END' };
    const from = schema([tbl('users', [name])], { sequences: [seq], triggers: [trigger] });
    const to = schema([tbl('users', [name])], { sequences: [{ ...seq, increment: '5' }], triggers: [{ ...trigger, definition: 'CREATE TRIGGER tr AFTER INSERT ON users BEGIN SELECT 2; END' }] });
    expect(diff(from, to).map((o) => o.kind)).toEqual(['dropTrigger', 'alterSequence', 'createTrigger']);
  });

  test('a trigger on a table whose columns change is recreated around the change', () => {
    const trigger = { name: 'tr', table: 'users', definition: 'CREATE TRIGGER tr AFTER INSERT ON users BEGIN SELECT 1; END' };
    const from = schema([tbl('users', [name])], { triggers: [trigger] });
    const to = schema([tbl('users', [{ ...name, nullable: false }])], { triggers: [trigger] });
    expect(diff(from, to).map((o) => o.kind)).toEqual(['dropTrigger', 'alterColumn', 'createTrigger']);
  });

  test('a dropped table with a similar new table is asked about; unrelated ones are not', () => {
    const questions: unknown[] = [];
    const from = schema([tbl('users', [name]), tbl('logs', [{ name: 'at', type: 'timestamp', nullable: false }])]);
    const to = schema([tbl('people', [name]), tbl('metrics', [{ name: 'value', type: 'real', nullable: false }, { name: 'n', type: 'real', nullable: false }])]);
    diff(from, to, { resolveRename: (q) => (questions.push(q), null) });
    expect(questions).toEqual([{ kind: 'table', from: 'users', candidates: ['people'] }]);
  });

  test('Postgres parts: comments, deferrable keys, index methods and options, materialized views', () => {
    const fk = { ...fkTo('users', 'ref'), deferrable: 'deferred' as const };
    const from = schema([tbl('users', [name, { name: 'ref', type: 'integer', nullable: true }], {
      comment: 'people',
      indexes: [{ name: 'ix_name', keys: [{ column: 'name' }], unique: false }],
    })], { views: [{ name: 'mv', definition: 'SELECT 1', materialized: true }] });
    const to = schema([tbl('users', [{ ...name, comment: 'display name' }, { name: 'ref', type: 'integer', nullable: true }], {
      foreignKeys: [fk],
      uniques: [{ name: 'uq', columns: ['name'], nullsNotDistinct: true, deferrable: 'immediate' }],
      indexes: [{ name: 'ix_name', keys: [{ column: 'name', opclass: 'gin_trgm_ops' }], unique: false, method: 'gin', include: ['ref'] }],
    })], { views: [{ name: 'mv', definition: 'SELECT 2', materialized: true }] });
    const ops = diff(from, to);
    expect(ops).toEqual<Operation[]>([
      { kind: 'dropView', view: { name: 'mv', definition: 'SELECT 1', materialized: true } },
      { kind: 'dropIndex', table: 'users', index: { name: 'ix_name', keys: [{ column: 'name' }], unique: false } },
      { kind: 'alterColumn', table: 'users', from: name, to: { ...name, comment: 'display name' } },
      { kind: 'setTableComment', table: 'users', from: 'people' },
      { kind: 'addUnique', table: 'users', unique: { name: 'uq', columns: ['name'], nullsNotDistinct: true, deferrable: 'immediate' } },
      { kind: 'createIndex', table: 'users', index: { name: 'ix_name', keys: [{ column: 'name', opclass: 'gin_trgm_ops' }], unique: false, method: 'gin', include: ['ref'] } },
      { kind: 'addForeignKey', table: 'users', foreignKey: fk },
      { kind: 'createView', view: { name: 'mv', definition: 'SELECT 2', materialized: true } },
    ]);
    expect(applyOperations(from, ops)).toEqual(to);
    expect(applyOperations(to, reverseAll(ops))).toEqual(from);
  });
});

import { detectHazards } from './hazards.js';
import type { Operation } from './operations.js';
import { testDialect } from './__fixtures__/test-dialect.js';

const dialect = testDialect();
const sqliteLike = testDialect({ concurrentIndexes: false });
const col = { name: 'bio', type: 'text', nullable: true };

describe('detectHazards', () => {
  test('each hazard with its exact message', () => {
    const ops: Operation[] = [
      { kind: 'dropTable', table: { name: 'logs', columns: [], uniques: [], foreignKeys: [], checks: [], indexes: [] } },
      { kind: 'dropColumn', table: 'users', column: col },
      { kind: 'addColumn', table: 'users', column: { name: 'age', type: 'integer', nullable: false } },
      { kind: 'alterColumn', table: 'users', from: { name: 'code', type: 'varchar(100)', nullable: true }, to: { name: 'code', type: 'varchar(50)', nullable: false } },
      { kind: 'alterColumn', table: 'users', from: { name: 'n', type: 'text', nullable: true }, to: { name: 'n', type: 'integer', nullable: true } },
      { kind: 'createIndex', table: 'users', index: { name: 'ix_code', keys: [{ column: 'code' }], unique: false } },
      { kind: 'alterEnum', from: { name: 'mood', values: ['sad', 'ok', 'happy'] }, to: { name: 'mood', values: ['ok'] }, usages: [] },
      { kind: 'dropSequence', sequence: { name: 's', type: 'bigint', start: '1', increment: '1', min: '1', max: '9', cache: '1', cycle: false } },
    ];
    expect(detectHazards(ops, { dialect })).toEqual([
      { code: 'DATA_LOSS', message: "Drops table 'logs' and every row in it.", table: 'logs' },
      { code: 'DATA_LOSS', message: "Drops column 'users.bio' and the data in it.", table: 'users', column: 'bio' },
      {
        code: 'NOT_NULL_WITHOUT_DEFAULT',
        message: "Adds NOT NULL column 'users.age' without a default; it fails if 'users' has rows, so give it a default or add it nullable and backfill.",
        table: 'users',
        column: 'age',
      },
      { code: 'NARROWING_TYPE', message: "Narrows 'users.code' from varchar(100) to varchar(50); values that do not fit make the migration fail.", table: 'users', column: 'code' },
      { code: 'NOT_NULL_WITHOUT_DEFAULT', message: "Makes 'users.code' NOT NULL; rows holding NULL make the migration fail, so backfill them first.", table: 'users', column: 'code' },
      { code: 'NARROWING_TYPE', message: "Changes 'users.n' from text to integer; values that do not convert make the migration fail.", table: 'users', column: 'n' },
      { code: 'INDEX_NOT_CONCURRENT', message: "Builds index 'ix_code' on existing table 'users' without CONCURRENTLY, blocking writes while it builds.", table: 'users' },
      { code: 'ENUM_VALUE_REMOVED', message: "Removes values 'sad', 'happy' from enum 'mood'; rows holding them make the migration fail." },
      { code: 'DATA_LOSS', message: "Drops sequence 's' and its current value." },
    ]);
  });

  test('no hazard for safe changes, concurrent builds, or dialects without concurrent indexes', () => {
    const ops: Operation[] = [
      { kind: 'addColumn', table: 'users', column: { name: 'age', type: 'integer', nullable: false, default: '0' } },
      { kind: 'alterColumn', table: 'users', from: { name: 'code', type: 'varchar(50)', nullable: false }, to: { name: 'code', type: 'varchar(100)', nullable: true } },
      { kind: 'createIndex', table: 'users', index: { name: 'ix', keys: [{ column: 'code' }], unique: false } },
      { kind: 'renameColumn', table: 'users', from: 'a', to: 'b' },
    ];
    expect(detectHazards(ops, { dialect, concurrentIndexes: true })).toEqual([]);
    expect(detectHazards(ops, { dialect: sqliteLike })).toEqual([]);
  });

  test('a column becoming generated loses its values', () => {
    const op: Operation = { kind: 'alterColumn', table: 't', from: { name: 'x', type: 'integer', nullable: true }, to: { name: 'x', type: 'integer', nullable: true, generated: { expression: 'y * 2', stored: true } } };
    expect(detectHazards([op], { dialect })).toEqual([{ code: 'DATA_LOSS', message: "Replaces the values of 't.x' with a generated expression.", table: 't', column: 'x' }]);
  });
});

import { normalizeSchema } from './normalize.js';
import type { Schema } from './schema-ir.js';
import { testDialect } from './__fixtures__/test-dialect.js';

const dialect = testDialect();
const messy: Schema = {
  tables: [
    {
      name: 'b',
      columns: [{ name: 'x', type: ' INTEGER ', nullable: true, default: '( 1+2 )', generated: { expression: '(X * 2)', stored: true } }],
      uniques: [{ columns: ['x'] }, { name: 'a_uq', columns: ['x'] }],
      foreignKeys: [],
      checks: [{ expression: 'x>0' }, { name: 'a_ck', expression: 'X < 10' }],
      indexes: [
        { name: 'z', keys: [{ expression: 'LOWER( x )' }], unique: false, where: '( x IS NOT NULL )' },
        { name: 'a', keys: [{ column: 'x' }], unique: false },
      ],
    },
    { name: 'a', columns: [{ name: 'y', type: 'text', nullable: false }], uniques: [], foreignKeys: [], checks: [], indexes: [] },
  ],
  views: [{ name: 'v', definition: 'SELECT  X\nFROM b' }],
  enums: [],
  sequences: [],
  triggers: [{ name: 't', table: 'b', definition: ' CREATE TRIGGER t  AFTER INSERT ON b BEGIN SELECT 1 ; END ' }],
};

test('normalizeSchema canonicalizes text and sorts named and unnamed parts', () => {
  const n = normalizeSchema(messy, dialect);
  expect(n).toEqual({
    tables: [
      { name: 'a', columns: [{ name: 'y', type: 'text', nullable: false }], uniques: [], foreignKeys: [], checks: [], indexes: [] },
      {
        name: 'b',
        columns: [{ name: 'x', type: 'integer', nullable: true, default: '1 + 2', generated: { expression: 'x * 2', stored: true } }],
        uniques: [{ columns: ['x'] }, { name: 'a_uq', columns: ['x'] }],
        foreignKeys: [],
        checks: [{ expression: 'x > 0' }, { name: 'a_ck', expression: 'x < 10' }],
        indexes: [
          { name: 'a', keys: [{ column: 'x' }], unique: false },
          { name: 'z', keys: [{ expression: 'lower(x)' }], unique: false, where: 'x IS NOT NULL' },
        ],
      },
    ],
    views: [{ name: 'v', definition: 'SELECT X FROM b' }],
    enums: [],
    sequences: [],
    triggers: [{ name: 't', table: 'b', definition: 'CREATE TRIGGER t AFTER INSERT ON b BEGIN SELECT 1; END' }],
  });
  expect(normalizeSchema(n, dialect)).toEqual(n);
});

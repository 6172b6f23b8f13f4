import { compareTypes } from './compare-types.js';

test.each([
  ['integer', 'integer', 'same'],
  ['integer', 'bigint', 'widening'],
  ['bigint', 'smallint', 'narrowing'],
  ['real', 'double precision', 'widening'],
  ['double precision', 'real', 'narrowing'],
  ['varchar(50)', 'varchar(100)', 'widening'],
  ['varchar(100)', 'varchar(50)', 'narrowing'],
  ['varchar(100)', 'text', 'widening'],
  ['text', 'varchar(10)', 'narrowing'],
  ['numeric(10,2)', 'numeric(12,2)', 'widening'],
  ['numeric(10,2)', 'numeric(10,3)', 'narrowing'],
  ['integer', 'numeric(10,2)', 'widening'],
  ['integer', 'text', 'widening'],
  ['text', 'integer', 'incompatible'],
  ['boolean', 'uuid', 'incompatible'],
])('%s -> %s is %s', (from, to, expected) => {
  expect(compareTypes(from, to)).toBe(expected);
});

import { columnsAddition, defaultCheckName, defaultForeignKeyName, defaultPrimaryKeyName, defaultUniqueName, makeObjectName, truncateIdentifier } from './postgres-schema-dialect-names.js';

test('default names as PostgreSQL chooses them', () => {
  expect(defaultPrimaryKeyName('users')).toBe('users_pkey');
  expect(defaultUniqueName('users', ['org_id', 'email'])).toBe('users_org_id_email_key');
  expect(defaultForeignKeyName('orders', ['user_id'])).toBe('orders_user_id_fkey');
  expect(defaultCheckName('items', 'qty')).toBe('items_qty_check');
  expect(defaultCheckName('items', undefined)).toBe('items_check');
});

test('long names are cut to 63 bytes, the longer part first, never inside a character', () => {
  const long = 'a'.repeat(50);
  expect(makeObjectName(long, 'b'.repeat(30), 'key')).toBe(`${'a'.repeat(29)}_${'b'.repeat(29)}_key`);
  expect(makeObjectName('t', 'c'.repeat(80), 'fkey')).toBe(`t_${'c'.repeat(56)}_fkey`);
  expect(Buffer.byteLength(makeObjectName('é'.repeat(40), 'x', 'check'), 'utf8')).toBeLessThanOrEqual(63);
  expect(makeObjectName('é'.repeat(40), 'x', 'check')).toBe(`${'é'.repeat(27)}_x_check`);
  expect(truncateIdentifier('ü'.repeat(40))).toBe('ü'.repeat(31));
  expect(columnsAddition(['a'.repeat(40), 'b'.repeat(40), 'c'])).toBe(`${'a'.repeat(40)}_${'b'.repeat(40)}`);
});

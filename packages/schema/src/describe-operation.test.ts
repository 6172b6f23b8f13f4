import { describeOperation } from './describe-operation.js';

describe('describeOperation', () => {
  test('describes each kind in one line', () => {
    const users = { name: 'users', columns: [{ name: 'id', type: 'integer', nullable: false }], indexes: [], uniques: [], foreignKeys: [], checks: [] };
    expect(describeOperation({ kind: 'createTable', table: users } as never)).toBe('create table users');
    expect(describeOperation({ kind: 'addColumn', table: 'users', column: { name: 'bio', type: 'text', nullable: true } })).toBe(
      'add column users.bio (text)',
    );
    expect(
      describeOperation({
        kind: 'alterColumn',
        table: 'users',
        from: { name: 'name', type: 'varchar(80)', nullable: true },
        to: { name: 'name', type: 'varchar(50)', nullable: false, default: "''" },
      }),
    ).toBe("alter column users.name (type varchar(80) -> varchar(50), set not null, default '')");
    expect(
      describeOperation({ kind: 'addForeignKey', table: 'posts', foreignKey: { columns: ['user_id'], references: { table: 'users', columns: ['id'] } } } as never),
    ).toBe('add foreign key posts (user_id) -> users');
    expect(describeOperation({ kind: 'renameColumn', table: 'users', from: 'name', to: 'full_name' })).toBe('rename column users.name to full_name');
  });
});

import { formatScript, planMigration } from './plan-migration.js';
import { EMPTY_SCHEMA, type Schema } from './schema-ir.js';
import { testDialect } from './__fixtures__/test-dialect.js';

const users = { name: 'users', columns: [{ name: 'id', type: 'integer', nullable: false }], uniques: [], foreignKeys: [], checks: [], indexes: [] };
const withUsers: Schema = { ...EMPTY_SCHEMA, tables: [users] };

describe('planMigration', () => {
  test('renders up and down with hazards at the top of up', () => {
    const to: Schema = { ...EMPTY_SCHEMA, tables: [{ ...users, columns: [...users.columns, { name: 'age', type: 'integer', nullable: false }], indexes: [{ name: 'ix', keys: [{ column: 'age' }], unique: false }] }] };
    const plan = planMigration(withUsers, to, { dialect: testDialect() });
    expect(plan.up.map((o) => o.kind)).toEqual(['addColumn', 'createIndex']);
    expect(plan.down.map((o) => o.kind)).toEqual(['dropIndex', 'dropColumn']);
    expect(plan.upSql).toBe(
      [
        '-- retort:no-transaction',
        "-- hazard NOT_NULL_WITHOUT_DEFAULT: Adds NOT NULL column 'users.age' without a default; it fails if 'users' has rows, so give it a default or add it nullable and backfill.",
        "-- hazard INDEX_NOT_CONCURRENT: Builds index 'ix' on existing table 'users' without CONCURRENTLY, blocking writes while it builds.",
        '',
        'addColumn users;',
        'createIndex users;',
        '',
      ].join('\n'),
    );
    expect(plan.downSql).toBe('dropIndex users;\ndropColumn users;\n');
  });

  test('no differences give empty scripts', () => {
    const plan = planMigration(withUsers, withUsers, { dialect: testDialect() });
    expect(plan).toEqual({ up: [], down: [], upSql: '', downSql: '', hazards: [] });
  });

  test('formatScript without hazards is just the statements', () => {
    expect(formatScript({ statements: ['DROP TABLE "t"'], transactional: true, hazards: [] }, [])).toBe('DROP TABLE "t";\n');
  });
});

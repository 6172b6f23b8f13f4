import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Schema } from '@retort/schema';
import { columnType, renderTypedOutput, writeTypedOutput } from './typed-output.js';

const schema: Schema = {
  tables: [
    {
      name: 'users',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'username', type: 'varchar(50)', nullable: false },
        { name: 'bio', type: 'text', nullable: true },
        { name: 'created_at', type: 'text', nullable: true, default: 'CURRENT_TIMESTAMP' },
        { name: 'full name', type: 'text', nullable: true },
      ],
      primaryKey: { columns: ['id'] },
      uniques: [],
      foreignKeys: [],
      checks: [],
      indexes: [],
    },
    {
      name: 'order_items',
      columns: [
        { name: 'order_id', type: 'integer', nullable: false },
        { name: 'qty', type: 'integer', nullable: false, default: '1' },
      ],
      primaryKey: { columns: ['order_id', 'qty'] },
      uniques: [],
      foreignKeys: [],
      checks: [],
      indexes: [],
    },
  ],
  views: [],
  enums: [],
  sequences: [],
  triggers: [],
};

describe('typed output', () => {
  test('renders revision ids, heads, row interfaces and DB', async () => {
    const text = await renderTypedOutput({ revisions: ['a1', 'b2'], heads: ['b2'], schema, dialect: 'sqlite' });
    expect(text).toContain("export type RevisionId =\n  | \"a1\"\n  | \"b2\";");
    expect(text).toContain('export const HEADS = ["b2"] as const;');
    expect(text).toContain('export const HEAD: RevisionId | null = "b2";');
    expect(text).toContain(
      '/** A row of `users`. */\nexport interface UsersTable {\n  id: Generated<number>;\n  username: string;\n  bio: string | null;\n  created_at: Generated<string | null>;\n  "full name": string | null;\n}',
    );
    expect(text).toContain('export interface OrderItemsTable {\n  order_id: number;\n  qty: Generated<number>;\n}');
    expect(text).toContain('export interface DB {\n  users: UsersTable;\n  order_items: OrderItemsTable;\n}');
    const empty = await renderTypedOutput({ revisions: [], heads: [], schema: { ...schema, tables: [] }, dialect: 'sqlite' });
    expect(empty).toContain('export type RevisionId = never;');
    expect(empty).toContain('export const HEAD: RevisionId | null = null;');
  });

  test('maps Postgres types as pg returns them, and enums to unions', () => {
    const enums = new Map([['mood', ['happy', 'sad']]]);
    expect(columnType({ name: 'n', type: 'bigint', nullable: false }, 'postgres', enums, false)).toBe('string');
    expect(columnType({ name: 'n', type: 'timestamptz', nullable: true }, 'postgres', enums, false)).toBe('Date | null');
    expect(columnType({ name: 'n', type: 'mood', nullable: false }, 'postgres', enums, false)).toBe('"happy" | "sad"');
    expect(columnType({ name: 'n', type: 'integer', nullable: false, identity: 'always' }, 'postgres', enums, false)).toBe('Generated<number>');
    expect(columnType({ name: 'n', type: 'text[]', nullable: false }, 'postgres', enums, false)).toBe('(string)[]');
  });

  test('compiles with tsc and works as a Kysely DB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retort-typed-'));
    try {
      await writeTypedOutput(join(dir, 'migrations', 'schema.ts'), { revisions: ['a1'], heads: ['a1'], schema, dialect: 'sqlite' });
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(fileURLToPath(new URL('../node_modules/kysely', import.meta.url)), join(dir, 'node_modules', 'kysely'));
      writeFileSync(
        join(dir, 'use.ts'),
        [
          "import { Kysely, type Insertable, type Selectable } from 'kysely';",
          "import type { DB, RevisionId } from './migrations/schema.js';",
          'declare const db: Kysely<DB>;',
          "const id: RevisionId = 'a1';",
          "export const q = db.selectFrom('users').select(['id', 'username', 'bio']).where('username', '=', 'x');",
          "export const ins: Insertable<DB['users']> = { username: 'u', bio: null };",
          "export const row: Selectable<DB['users']> = { id: 1, username: 'u', bio: null, created_at: null, 'full name': null };",
          '// @ts-expect-error: username is required on insert',
          "export const bad: Insertable<DB['users']> = { bio: 'x' };",
          'void id;',
        ].join('\n'),
      );
      const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
      execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'use.ts'], {
        cwd: dir,
        stdio: 'pipe',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

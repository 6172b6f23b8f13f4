import { parseCreateIndex, parseCreateTable, parseCreateView } from './sqlite-introspect-parse.js';

describe('parseCreateTable', () => {
  test('column and table constraints, names, collations, generated columns, options', () => {
    const sql = `CREATE TABLE IF NOT EXISTS main.[Orders] (
      id INTEGER CONSTRAINT pk_orders PRIMARY KEY ASC AUTOINCREMENT,
      "Email" TEXT NOT NULL COLLATE NOCASE CONSTRAINT uq_email UNIQUE ON CONFLICT ABORT,
      total NUMERIC(10, 2) DEFAULT (0) CHECK (total >= 0),
      doubled INT GENERATED ALWAYS AS (total * 2) STORED,
      half AS (total / 2),
      parent INT CONSTRAINT fk_parent REFERENCES "Orders" (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
      owner INT REFERENCES users,
      CONSTRAINT ck_pair CHECK (parent <> id),
      UNIQUE (owner, total),
      FOREIGN KEY (owner, parent) REFERENCES pairs (a, b) MATCH SIMPLE ON DELETE RESTRICT NOT DEFERRABLE
    ) WITHOUT ROWID, STRICT`;
    expect(parseCreateTable(sql)).toEqual({
      name: 'Orders',
      columns: [
        { name: 'id', autoincrement: true },
        { name: 'Email', autoincrement: false, collation: 'NOCASE' },
        { name: 'total', autoincrement: false },
        { name: 'doubled', autoincrement: false, generated: { expression: 'total * 2', stored: true } },
        { name: 'half', autoincrement: false, generated: { expression: 'total / 2', stored: false } },
        { name: 'parent', autoincrement: false },
        { name: 'owner', autoincrement: false },
      ],
      primaryKey: { name: 'pk_orders', columns: ['id'] },
      uniques: [
        { name: 'uq_email', columns: ['Email'] },
        { columns: ['owner', 'total'] },
      ],
      checks: [
        { expression: 'total >= 0' },
        { name: 'ck_pair', expression: 'parent <> id' },
      ],
      foreignKeys: [
        { name: 'fk_parent', columns: ['parent'], refTable: 'Orders', refColumns: ['id'], onDelete: 'SET NULL', onUpdate: 'CASCADE', deferrable: 'deferred' },
        { columns: ['owner'], refTable: 'users', refColumns: [], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' },
        { columns: ['owner', 'parent'], refTable: 'pairs', refColumns: ['a', 'b'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' },
      ],
      withoutRowid: true,
      strict: true,
    });
  });

  test('Chinook style: bracket quoting, table-level named primary key', () => {
    const parsed = parseCreateTable('CREATE TABLE [PlaylistTrack]\n(\n  [PlaylistId] INTEGER  NOT NULL,\n  [TrackId] INTEGER  NOT NULL,\n  CONSTRAINT [PK_PlaylistTrack] PRIMARY KEY  ([PlaylistId], [TrackId])\n)');
    expect(parsed.primaryKey).toEqual({ name: 'PK_PlaylistTrack', columns: ['PlaylistId', 'TrackId'] });
    expect(parsed.columns.map((c) => c.name)).toEqual(['PlaylistId', 'TrackId']);
  });
});

describe('parseCreateIndex', () => {
  test('keys with expressions, collations, order, and the predicate', () => {
    expect(parseCreateIndex('CREATE UNIQUE INDEX IF NOT EXISTS "ix" ON "t" ((lower(name)) DESC, "Code" COLLATE NOCASE ASC, a) WHERE a IS NOT NULL AND b > 0')).toEqual({
      keys: [
        { expression: 'lower(name)', descending: true },
        { expression: '"Code"', name: 'Code', descending: false, collation: 'NOCASE' },
        { expression: 'a', name: 'a', descending: false },
      ],
      where: 'a IS NOT NULL AND b > 0',
    });
  });
});

describe('parseCreateView', () => {
  test('column list and query as written', () => {
    expect(parseCreateView('CREATE VIEW IF NOT EXISTS "v" ("a", b) AS\n  SELECT 1, 2')).toEqual({ columns: ['a', 'b'], definition: 'SELECT 1, 2' });
    expect(parseCreateView('CREATE TEMP VIEW v AS SELECT x FROM t')).toEqual({ definition: 'SELECT x FROM t' });
  });
});

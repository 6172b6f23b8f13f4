import { readFileSync } from 'node:fs';
import { EMPTY_SCHEMA, planMigration } from '@retort/schema';
import { sqliteSchemaDialect as dialect } from './sqlite-schema-dialect.js';
import { introspect, openMemory, runScript } from './__fixtures__/sqlite-harness.js';

// The Chinook SQLite schema (lerocha/chinook-database, MIT; see src/__fixtures__) written
// by someone else: [bracket] quoting, PascalCase, named composite keys, self-references.
const CHINOOK = readFileSync(new URL('./__fixtures__/chinook-sqlite.sql', import.meta.url), 'utf8');

describe('Chinook corpus round trip', () => {
  test('introspects the hand-written schema exactly', async () => {
    const db = openMemory();
    db.exec(CHINOOK);
    const schema = await introspect(db);
    expect(schema.tables.map((t) => t.name)).toEqual([
      'Album', 'Artist', 'Customer', 'Employee', 'Genre', 'Invoice', 'InvoiceLine', 'MediaType', 'Playlist', 'PlaylistTrack', 'Track',
    ]);
    const playlistTrack = schema.tables.find((t) => t.name === 'PlaylistTrack');
    expect(playlistTrack).toEqual({
      name: 'PlaylistTrack',
      columns: [
        { name: 'PlaylistId', type: 'integer', nullable: false },
        { name: 'TrackId', type: 'integer', nullable: false },
      ],
      primaryKey: { name: 'PK_PlaylistTrack', columns: ['PlaylistId', 'TrackId'] },
      uniques: [],
      foreignKeys: [
        { columns: ['PlaylistId'], references: { table: 'Playlist', columns: ['PlaylistId'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' },
        { columns: ['TrackId'], references: { table: 'Track', columns: ['TrackId'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' },
      ],
      checks: [],
      indexes: [
        { name: 'IFK_PlaylistTrackPlaylistId', keys: [{ column: 'PlaylistId' }], unique: false },
        { name: 'IFK_PlaylistTrackTrackId', keys: [{ column: 'TrackId' }], unique: false },
      ],
    });
    expect(schema.tables.find((t) => t.name === 'Invoice')?.columns.find((c) => c.name === 'Total')).toEqual({ name: 'Total', type: 'numeric(10,2)', nullable: false });
    db.close();
  });

  test('empty -> Chinook -> introspection equals the source; a second autogenerate is empty; down -> empty', async () => {
    const source = openMemory();
    source.exec(CHINOOK);
    const target = await introspect(source);
    source.close();

    const db = openMemory();
    const plan = planMigration(EMPTY_SCHEMA, target, { dialect });
    expect(plan.hazards).toEqual([]);
    runScript(db, plan.upSql);
    const applied = await introspect(db);
    expect(applied).toEqual(target);
    expect(planMigration(applied, target, { dialect }).up).toEqual([]);
    runScript(db, plan.downSql);
    expect(await introspect(db)).toEqual(EMPTY_SCHEMA);
    db.close();
  });
});

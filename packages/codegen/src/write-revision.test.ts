import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRevisions, parseSqlDirectives } from '@retort/core';
import { folderName, newRevisionId, slugify } from './revision-id.js';
import { writeRevision } from './write-revision.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retort-writer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('revision ids and folders', () => {
  test('ids are 12 hex characters', () => {
    expect(newRevisionId()).toMatch(/^[0-9a-f]{12}$/);
    expect(new Set(Array.from({ length: 100 }, newRevisionId)).size).toBe(100);
  });
  test('slugs and folder names', () => {
    expect(slugify('Add user profile fields!')).toBe('add_user_profile_fields');
    expect(slugify('Ünïcode — dashes')).toBe('unicode_dashes');
    expect(slugify('!!!')).toBe('revision');
    expect(slugify('x'.repeat(60))).toHaveLength(40);
    expect(slugify('split the users name into first and last name')).toBe('split_the_users_name_into_first_and_last');
    expect(folderName('{{date}}_{{id}}_{{slug}}', { id: 'a1', message: 'Init', createdAt: '2026-11-21T12:00:00Z' })).toBe('20261121_a1_init');
  });
});

describe('writeRevision', () => {
  test('writes meta.json, up.sql and down.sql that the store reads back', async () => {
    const written = await writeRevision(
      {
        id: 'a1b2c3d4e5f6',
        parents: ['ffffffffffff'],
        message: 'Add users',
        createdAt: '2026-11-21T12:00:00Z',
        branchLabels: ['accounts'],
        up: '-- hazard TABLE_REWRITE: users is rebuilt\n\nCREATE TABLE users (id int);',
        down: 'DROP TABLE users;',
      },
      { dir },
    );
    expect(written).toEqual({ folder: 'a1b2c3d4e5f6_add_users', path: join(dir, 'a1b2c3d4e5f6_add_users'), files: ['meta.json', 'up.sql', 'down.sql'] });
    expect(readFileSync(join(written.path, 'up.sql'), 'utf8')).toBe(
      '-- Add users\n-- Revision: a1b2c3d4e5f6   Parents: ffffffffffff\n\n-- hazard TABLE_REWRITE: users is rebuilt\n\nCREATE TABLE users (id int);\n',
    );
    expect(readFileSync(join(written.path, 'down.sql'), 'utf8')).toBe('-- Undo: Add users\n-- Revision: a1b2c3d4e5f6\n\nDROP TABLE users;\n');
    writeFileSync(join(dir, 'ffff'), '');
    mkdirSync(join(dir, 'f_root'));
    writeFileSync(join(dir, 'f_root', 'meta.json'), '{"version":1,"id":"ffffffffffff","parents":[]}');
    const loaded = loadRevisions(dir).find((revision) => revision.id === 'a1b2c3d4e5f6');
    expect(loaded).toMatchObject({
      id: 'a1b2c3d4e5f6',
      parents: ['ffffffffffff'],
      message: 'Add users',
      createdAt: '2026-11-21T12:00:00Z',
      branchLabels: ['accounts'],
      dependsOn: [],
      transactional: true,
    });
    expect(readdirSync(dir).sort()).toEqual(['a1b2c3d4e5f6_add_users', 'f_root', 'ffff']);
  });

  test('no-transaction revisions carry the directive; irreversible ones have no down.sql', async () => {
    const written = await writeRevision(
      { id: 'b1', parents: [], message: 'index', transactional: false, up: 'CREATE INDEX CONCURRENTLY i ON t (x);', down: null },
      { dir, folderTemplate: '{{id}}' },
    );
    expect(written.files).toEqual(['meta.json', 'up.sql']);
    const up = readFileSync(join(written.path, 'up.sql'), 'utf8');
    expect(parseSqlDirectives(up, 'up.sql')).toEqual({ noTransaction: true, reviewed: [] });
    expect(JSON.parse(readFileSync(join(written.path, 'meta.json'), 'utf8')).transactional).toBe(false);
  });

  test('refuses to overwrite unless replacing, and replaces atomically', async () => {
    await writeRevision({ id: 'c1', parents: [], message: 'x', up: 'SELECT 1;' }, { dir, folder: '_draft' });
    await expect(writeRevision({ id: 'c1', parents: [], message: 'x' }, { dir, folder: '_draft' })).rejects.toThrow(
      `Revision folder '${join(dir, '_draft')}' already exists; choose another --rev-id or message.`,
    );
    await writeRevision({ id: 'c1', parents: [], message: 'x', up: 'SELECT 2;' }, { dir, folder: '_draft', replace: true });
    expect(readFileSync(join(dir, '_draft', 'up.sql'), 'utf8')).toContain('SELECT 2;');
    expect(readdirSync(dir)).toEqual(['_draft']);
  });

  test('project templates win over the shipped ones', async () => {
    const templates = join(dir, 'templates');
    mkdirSync(templates);
    writeFileSync(join(templates, 'up.sql.hbs'), '-- custom {{{id}}}\n{{{up}}}\n');
    const written = await writeRevision({ id: 'd1', parents: [], message: 'x', up: 'SELECT 1;' }, { dir: join(dir, 'm'), templatesDir: templates });
    expect(readFileSync(join(written.path, 'up.sql'), 'utf8')).toBe('-- custom d1\nSELECT 1;\n');
  });
});

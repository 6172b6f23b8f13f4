import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRevisions } from '@retort/core';
import { DraftKeeper } from './draft-keeper.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retort-draft-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const planA = { parents: ['a1'], up: 'ALTER TABLE users ADD COLUMN bio text;', down: 'ALTER TABLE users DROP COLUMN bio;' };
const planB = { parents: ['a1'], up: 'ALTER TABLE users ADD COLUMN avatar text;', down: 'ALTER TABLE users DROP COLUMN avatar;' };

describe('DraftKeeper', () => {
  test('creates, rewrites in place, keeps its id, and removes the draft', async () => {
    const keeper = new DraftKeeper({ dir });
    expect(await keeper.update(undefined)).toBe('none');
    expect(await keeper.update(planA)).toBe('created');
    const id = keeper.read()?.id;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(readFileSync(join(dir, '_draft', 'up.sql'), 'utf8')).toContain('ADD COLUMN bio text;');
    expect(await keeper.update(planA)).toBe('unchanged');
    expect(await keeper.update(planB)).toBe('updated');
    expect(keeper.read()?.id).toBe(id);
    expect(readFileSync(join(dir, '_draft', 'up.sql'), 'utf8')).toContain('ADD COLUMN avatar text;');
    expect(readdirSync(dir)).toEqual(['_draft']);
    expect(loadRevisions(dir)).toEqual([]);
    expect(await keeper.update(undefined)).toBe('removed');
    expect(existsSync(join(dir, '_draft'))).toBe(false);
  });

  test('a hand-edited draft is kept', async () => {
    const keeper = new DraftKeeper({ dir });
    await keeper.update(planA);
    writeFileSync(join(dir, '_draft', 'up.sql'), 'ALTER TABLE users ADD COLUMN bio varchar(500);\n');
    expect(await keeper.update(planB)).toBe('kept-edited');
    expect(await keeper.update(undefined)).toBe('kept-edited');
    expect(readFileSync(join(dir, '_draft', 'up.sql'), 'utf8')).toBe('ALTER TABLE users ADD COLUMN bio varchar(500);\n');
  });

  test('with an applier, the dev database follows: down the old draft, up the new', async () => {
    const ran: string[] = [];
    const keeper = new DraftKeeper({ dir, applier: { run: async (sql) => void ran.push(sql) } });
    await keeper.update(planA);
    await keeper.update(planA);
    await keeper.update(planB);
    await keeper.update(undefined);
    expect(ran).toEqual([planA.up, planA.down, planB.up, planB.down]);
  });
});

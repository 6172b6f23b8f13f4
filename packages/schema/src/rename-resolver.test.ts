import { isRetortError } from '@retort/core';
import { parseRenameHints, parseRenameHintsFile, renameResolverFromHints } from './rename-resolver.js';

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isRetortError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected an error');
}

describe('rename hints', () => {
  test('parses column, table and drop hints', () => {
    expect(parseRenameHints(['users.name=full_name', ' customers = clients ', 'users.bio=', 'logs='])).toEqual([
      { kind: 'column', table: 'users', from: 'name', to: 'full_name', text: 'users.name=full_name' },
      { kind: 'table', from: 'customers', to: 'clients', text: 'customers = clients' },
      { kind: 'column', table: 'users', from: 'bio', to: null, text: 'users.bio=' },
      { kind: 'table', from: 'logs', to: null, text: 'logs=' },
    ]);
  });

  test('rejects malformed hints naming the fix', () => {
    expect(errorOf(() => parseRenameHints(['users.name'])).message).toBe(
      "Rename hint 'users.name' in --rename is not valid; write table.old_column=new_column, old_table=new_table, or table.column= to drop it.",
    );
  });

  test('hints file: versioned JSON, validated', () => {
    expect(parseRenameHintsFile('{"version":1,"renames":["a=b"]}', 'renames.json')).toEqual([{ kind: 'table', from: 'a', to: 'b', text: 'a=b' }]);
    expect(errorOf(() => parseRenameHintsFile('{', 'r.json')).message).toBe(`Rename hints file 'r.json' is not valid JSON; write {"version":1,"renames":["table.old=new"]}.`);
    expect(errorOf(() => parseRenameHintsFile('{"version":2,"renames":[]}', 'r.json')).message).toBe(`Rename hints file 'r.json' has version 2; set "version": 1.`);
    expect(errorOf(() => parseRenameHintsFile('{"version":1,"renames":[],"x":1}', 'r.json')).message).toBe(`Rename hints file 'r.json' has unknown key 'x'; only "version" and "renames" are allowed.`);
    expect(errorOf(() => parseRenameHintsFile('{"version":1,"renames":[1]}', 'r.json')).message).toBe(
      `Rename hints file 'r.json' needs "renames" to be a list of strings like "users.name=full_name".`,
    );
    expect(errorOf(() => parseRenameHintsFile('{"version":1,"renames":["bad"]}', 'r.json')).message).toBe(
      "Rename hint 'bad' in r.json is not valid; write table.old_column=new_column, old_table=new_table, or table.column= to drop it.",
    );
  });

  test('resolver answers from hints, by new or old table name', () => {
    const resolve = renameResolverFromHints(parseRenameHints(['users.name=full_name', 'users.bio=', 'customers=clients']));
    expect(resolve({ kind: 'column', table: 'users', from: 'name', candidates: ['nick', 'full_name'] })).toBe('full_name');
    expect(resolve({ kind: 'column', table: 'people', fromTable: 'users', from: 'name', candidates: ['full_name'] })).toBe('full_name');
    expect(resolve({ kind: 'column', table: 'users', from: 'bio', candidates: ['about'] })).toBeNull();
    expect(resolve({ kind: 'table', from: 'customers', candidates: ['clients'] })).toBe('clients');
  });

  test('resolver errors: unknown target, and questions no hint covers', () => {
    const resolve = renameResolverFromHints(parseRenameHints(['users.name=fullname']));
    expect(errorOf(() => resolve({ kind: 'column', table: 'users', from: 'name', candidates: ['full_name'] }))).toEqual({
      code: 'E_USAGE',
      message: "Rename hint 'users.name=fullname' names no added compatible column; use one of full_name.",
    });
    expect(errorOf(() => resolve({ kind: 'table', from: 'orders', candidates: ['purchases', 'sales'] }))).toEqual({
      code: 'E_RENAME_REQUIRED',
      message: "Table 'orders' was dropped and 'purchases', 'sales' added; pass --rename orders=purchases to rename it, or --rename orders= to drop it.",
    });
    expect(renameResolverFromHints([], { otherwise: 'drop' })({ kind: 'table', from: 'orders', candidates: ['sales'] })).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMeta } from './read-meta.js';
import { metaSchemaV1 } from './meta-schema.js';

const FILE = 'migrations/a1_init/meta.json';

function errorOf(text: string): { code: string; message: string; facts: Record<string, unknown> } {
  try {
    parseMeta(text, FILE);
  } catch (error) {
    return error as { code: string; message: string; facts: Record<string, unknown> };
  }
  throw new Error('expected parseMeta to throw');
}

describe('parseMeta', () => {
  test('applies defaults', () => {
    expect(parseMeta('{"version":1,"id":"a1","parents":[]}', FILE)).toEqual({
      version: 1,
      id: 'a1',
      parents: [],
      message: '',
      branchLabels: [],
      dependsOn: [],
      transactional: true,
    });
  });

  test('keeps every field', () => {
    const text = JSON.stringify({
      $schema: '../node_modules/@retort/core/schema/meta.schema.json',
      version: 1,
      id: 'b2',
      parents: ['a1', 'c3'],
      message: 'merge',
      createdAt: '2026-11-21T12:00:00Z',
      branchLabels: ['reviews'],
      dependsOn: ['x9'],
      transactional: false,
    });
    expect(parseMeta(text, FILE)).toMatchObject({ parents: ['a1', 'c3'], branchLabels: ['reviews'], transactional: false });
  });

  test('JSON syntax errors name the line', () => {
    const error = errorOf('{\n  "version": 1,\n  "id": "a1",\n  "parents": [,]\n}');
    expect(error.code).toBe('E_INVALID_META');
    expect(error.message).toBe("migrations/a1_init/meta.json:4: is not valid JSON (Unexpected token ','); fix the syntax.");
    expect(errorOf('{"version": 1,\n"id": "a1"').message).toBe(
      "migrations/a1_init/meta.json:2: is not valid JSON (Expected ',' or '}' after property value); fix the syntax.",
    );
    expect(error.facts['line']).toBe(4);
  });

  test('wrong types quote the value and the fix', () => {
    const error = errorOf('{\n  "version": 1,\n  "id": "a1",\n  "parents": "zz"\n}');
    expect(error.message).toBe(
      'migrations/a1_init/meta.json:4: "parents" must be a list of revision ids, got "zz"; fix the value in the file.',
    );
    expect(errorOf('{"version":1,"id":"a-1","parents":[]}').message).toBe(
      'migrations/a1_init/meta.json:1: "id" must match [A-Za-z0-9_]+, got "a-1"; fix the value in the file.',
    );
  });

  test('missing keys say what to add', () => {
    expect(errorOf('{"version":1,"id":"a1"}').message).toBe(
      'migrations/a1_init/meta.json: is missing "parents"; add "parents": [] for a root or ["<parent id>"].',
    );
  });

  test('unknown keys suggest the known one', () => {
    expect(errorOf('{"version":1,"id":"a1","parents":[],"parent":"x"}').message).toBe(
      'migrations/a1_init/meta.json:1: has an unknown key "parent"; did you mean "parents"?',
    );
  });

  test('newer format versions ask for a newer retort', () => {
    expect(errorOf('{"version":2,"id":"a1","parents":[]}').message).toBe(
      'migrations/a1_init/meta.json: has format version 2, newer than this Retort understands (1); upgrade retort to read it.',
    );
    expect(errorOf('{"version":0,"id":"a1","parents":[]}').message).toBe(
      'migrations/a1_init/meta.json:1: "version" must be 1, got 0; fix the value in the file.',
    );
  });

  test('non-objects are rejected', () => {
    expect(errorOf('[1]').message).toBe(
      'migrations/a1_init/meta.json: must hold a JSON object, got [1]; see the format in @retort/core/meta.schema.json.',
    );
  });

  test('the shipped JSON Schema describes the same keys', () => {
    const path = fileURLToPath(new URL('../../schema/meta.schema.json', import.meta.url));
    const schema = JSON.parse(readFileSync(path, 'utf8')) as { properties: object; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(metaSchemaV1.entries).sort());
    expect(schema.required.sort()).toEqual(['id', 'parents', 'version']);
  });
});

import { lexPostgres } from './postgres-schema-dialect-lexer.js';
import { canonicalTokens, normalizePostgresExpression, referencedColumns, type ColumnTypes } from './postgres-schema-dialect-expression.js';
import { renameColumnInExpression } from './postgres-schema-dialect-model.js';
import { typeNameOf } from './postgres-schema-dialect-type.js';

const columns: ColumnTypes = new Map([
  ['price', typeNameOf('numeric(10,2)')],
  ['name', typeNameOf('varchar(40)')],
  ['qty', typeNameOf('integer')],
  ['Label', typeNameOf('text')],
]);
const condition = (sql: string): string | undefined => normalizePostgresExpression(sql, { kind: 'condition' }, columns);

test('the lexer splits operators and strings as the server does', () => {
  expect(lexPostgres("a>=-1 AND b<>'it''s'").map((t) => t.text)).toEqual(['a', '>=', '-', '1', 'AND', 'b', '<>', "'it''s'"]);
  expect(lexPostgres("E'a\\\\b' || $x$y'z$x$").map((t) => t.value)).toEqual(['a\\b', '||', "y'z"]);
  expect(lexPostgres('"Mixed"  /* c */ x -- end').map((t) => [t.kind, t.value])).toEqual([['ident', 'Mixed'], ['word', 'x']]);
  expect(() => lexPostgres("'open")).toThrow('unterminated quoted string');
});

test('conditions are typed against the columns and printed as pg_get_expr would', () => {
  expect(condition('price > 0')).toBe('price > (0)::numeric');
  expect(condition("name IN ('a', 'b')")).toBe("(name)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])");
  expect(condition('qty BETWEEN 1 AND 10')).toBe('(qty >= 1) AND (qty <= 10)');
  expect(condition('"Label" LIKE \'x%\'')).toBe('"Label" ~~ \'x%\'::text');
  expect(condition('NOT (qty > 0 AND price IS NULL)')).toBe('NOT ((qty > 0) AND (price IS NULL))');
  // An unknown column keeps its operands as written.
  expect(condition('other > 0')).toBe('other > 0');
});

test('what the parser does not cover is kept as written, with whitespace and quoting made canonical', () => {
  expect(condition('qty IN (SELECT  1)')).toBe('qty IN (SELECT 1)');
  expect(canonicalTokens('SELECT  count(*) AS n\n  FROM "alpha" WHERE "Beta" = 1;')).toBe('SELECT count(*) AS n FROM alpha WHERE "Beta" = 1');
});

test('defaults: NULL is no default unless a type modifier keeps it', () => {
  expect(normalizePostgresExpression('NULL', { kind: 'default', type: typeNameOf('integer') }, columns)).toBeUndefined();
  expect(normalizePostgresExpression('NULL', { kind: 'default', type: typeNameOf('varchar(20)') }, columns)).toBe('NULL::character varying');
  expect(normalizePostgresExpression("'x'", { kind: 'default', type: typeNameOf('mood') }, columns)).toBe("'x'::mood");
});

test('referenced columns, and renaming one the way RENAME COLUMN shows it', () => {
  expect(referencedColumns("(price > (0)::numeric) AND (lower((name)::text) <> 'x'::text)")).toEqual(['price', 'name']);
  expect(renameColumnInExpression("lower((name)::text) <> 'name'::text", 'name', 'Full Name')).toBe(`lower(("Full Name")::text) <> 'name'::text`);
  expect(renameColumnInExpression('lower(lower)', 'lower', 'l2')).toBe('lower(l2)');
});

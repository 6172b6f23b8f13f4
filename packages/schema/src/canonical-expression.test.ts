import { canonicalExpression, canonicalStatement, referencedNames, renameIdentifier } from './canonical-expression.js';

describe('canonicalExpression', () => {
  test.each([
    ['( Price>0 AND [Qty]  >= 1 )', 'price > 0 AND "Qty" >= 1'],
    ["datetime( 'now' )", "datetime('now')"],
    ['-1', '-1'],
    ['a - -1', 'a - -1'],
    ['current_timestamp', 'CURRENT_TIMESTAMP'],
    ["status in ('a','b')", "status IN ('a', 'b')"],
    ['((x))', 'x'],
    ['(a) + (b)', '(a) + (b)'],
    ["'it''s'", "'it''s'"],
    ['`Weird``Name` IS NOT NULL', '"Weird`Name" IS NOT NULL'],
    ["'a'::text", "'a'::text"],
    ['t.col /* note */ || -- tail\n x', 't.col || x'],
    ['CAST(x AS INTEGER)', 'CAST (x AS integer)'],
    ['count(*)', 'count(*)'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalExpression(input)).toBe(expected);
    expect(canonicalExpression(expected)).toBe(expected);
  });

  test('canonicalStatement keeps the case of bare words and outer parentheses', () => {
    expect(canonicalStatement('SELECT  Name\n FROM [Artist] WHERE (Id > 0)')).toBe('SELECT Name FROM "Artist" WHERE (Id > 0)');
    expect(canonicalStatement('CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1 ; END')).toBe('CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END');
  });

  test('renameIdentifier renames bare and quoted references only', () => {
    expect(renameIdentifier('price > 0 AND "price" < 10 AND price_old = 1', 'price', 'unit_price')).toBe(
      '"unit_price" > 0 AND "unit_price" < 10 AND price_old = 1',
    );
    expect(renameIdentifier("length(Name) < 5 AND 'name' <> ''", 'name', 'title')).toBe('length("title") < 5 AND \'name\' <> \'\'');
  });

  test('referencedNames lists identifiers, not keywords or strings', () => {
    expect([...referencedNames('SELECT count(*) AS n FROM "Orders" o WHERE o.kind = \'users\'')].sort()).toEqual(['Orders', 'count', 'kind', 'n', 'o']);
  });
});

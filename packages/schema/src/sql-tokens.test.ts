import { closingParen, splitTopLevel, tokenizeSql } from './sql-tokens.js';

describe('tokenizeSql', () => {
  test('quotes, comments, numbers and operators', () => {
    const tokens = tokenizeSql("[a b] \"c\"\"d\" `e` 'f''g' E'h' X'0A' 1.5e3 .5 -- c\n/* d */ $$x;y$$ $tag$z$tag$ a->>'k' x::int ?1 :name");
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['ident', 'a b'],
      ['ident', 'c"d'],
      ['ident', 'e'],
      ['string', "'f''g'"],
      ['string', "E'h'"],
      ['string', "X'0A'"],
      ['number', '1.5e3'],
      ['number', '.5'],
      ['string', '$$x;y$$'],
      ['string', '$tag$z$tag$'],
      ['word', 'a'],
      ['op', '->>'],
      ['string', "'k'"],
      ['word', 'x'],
      ['op', '::'],
      ['word', 'int'],
      ['param', '?1'],
      ['param', ':name'],
    ]);
  });

  test('positions point into the source', () => {
    const sql = 'SELECT "x" FROM t';
    const [, ident] = tokenizeSql(sql);
    expect(ident && sql.slice(ident.start, ident.end)).toBe('"x"');
  });

  test('closingParen and splitTopLevel respect nesting', () => {
    const tokens = tokenizeSql('(a, f(b, c)), d');
    expect(closingParen(tokens, 0)).toBe(9);
    expect(closingParen(tokenizeSql('(a'), 0)).toBe(-1);
    expect(splitTopLevel(tokens).map((part) => part.map((t) => t.text).join(''))).toEqual(['(a,f(b,c))', 'd']);
  });
});

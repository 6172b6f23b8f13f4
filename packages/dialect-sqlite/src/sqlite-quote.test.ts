import { RetortError } from '@retort/core';
import { quoteIdentifier, quoteLiteral } from './sqlite-quote.js';

describe('quoteIdentifier', () => {
  it('wraps in double quotes and doubles inner ones', () => {
    expect(quoteIdentifier('users')).toBe('"users"');
    expect(quoteIdentifier('a"b""c')).toBe('"a""b""""c"');
    expect(quoteIdentifier("it's")).toBe('"it\'s"');
  });
});

describe('quoteLiteral', () => {
  it('wraps in single quotes and doubles inner ones', () => {
    expect(quoteLiteral('')).toBe("''");
    expect(quoteLiteral("it's ''x''")).toBe("'it''s ''''x'''''");
    expect(quoteLiteral('line\nbreak; -- not a comment')).toBe("'line\nbreak; -- not a comment'");
  });

  it('rejects NUL characters, which would cut the SQL text short', () => {
    expect(() => quoteLiteral('a\0b')).toThrow(RetortError);
    expect(() => quoteLiteral('a\0b')).toThrow('Value "a\\u0000b" contains a NUL character, which SQLite SQL text cannot carry; remove it.');
    expect(() => quoteIdentifier('\0')).toThrow('Identifier "\\u0000" contains a NUL character, which SQLite SQL text cannot carry; remove it.');
  });
});

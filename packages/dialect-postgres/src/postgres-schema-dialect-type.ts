import type { TypeName } from './postgres-schema-dialect-ast.js';
import { quoteIdent, typeInfo, type PgType } from './postgres-schema-dialect-catalog.js';
import { lexPostgres, type PgToken } from './postgres-schema-dialect-lexer.js';
import { memoize } from './postgres-schema-dialect-memo.js';

/** Single-word spellings of built-in types (after folding to lower case). */
const WORD_TYPES: Record<string, PgType> = {
  int: 'int4', int4: 'int4', integer: 'int4', smallint: 'int2', int2: 'int2', bigint: 'int8', int8: 'int8',
  real: 'float4', float4: 'float4', float8: 'float8', numeric: 'numeric', decimal: 'numeric', dec: 'numeric',
  bool: 'bool', boolean: 'bool', text: 'text', varchar: 'varchar', char: 'bpchar', character: 'bpchar', bpchar: 'bpchar',
  timestamp: 'timestamp', timestamptz: 'timestamptz', time: 'time', timetz: 'timetz', date: 'date', interval: 'interval',
  uuid: 'uuid', json: 'json', jsonb: 'jsonb', jsonpath: 'jsonpath', bytea: 'bytea', blob: 'bytea', inet: 'inet', cidr: 'cidr',
  macaddr: 'macaddr', money: 'money', name: 'name', oid: 'oid', regclass: 'regclass', regconfig: 'regconfig',
  regtype: 'regtype', tsvector: 'tsvector', tsquery: 'tsquery', xml: 'xml', bit: 'bit', varbit: 'varbit',
  serial: 'int4', serial4: 'int4', bigserial: 'int8', serial8: 'int8', smallserial: 'int2', serial2: 'int2',
};

/** Canonical IR spelling of built-in types without modifiers. */
const CANONICAL: Record<string, string> = {
  int2: 'smallint', int4: 'integer', int8: 'bigint', float4: 'real', float8: 'double precision', bool: 'boolean',
  varchar: 'varchar', timestamp: 'timestamp', timestamptz: 'timestamptz', time: 'time', timetz: 'timetz', char: '"char"',
};

/**
 * Reads a type name at `tokens[at]`: built-in spellings (`double precision`, `character
 * varying(20)`, `timestamp(3) with time zone`, `int4`, `float(24)`), user types (`mood`,
 * `"Mood"`, `public.citext`) and array suffixes (`[]`, `[3]`, `ARRAY`). Returns the type and
 * the index after it; throws a plain `Error` when the tokens are not a type.
 *
 * @example
 * ```ts
 * readTypeName(lexPostgres('character varying(20)[]'), 0); // [{ type: '_varchar', mods: [20] }, 6]
 * ```
 */
export function readTypeName(tokens: readonly PgToken[], at: number): [TypeName, number] {
  let i = at;
  const word = (k = 0): string | undefined => (tokens[i + k]?.kind === 'word' ? tokens[i + k]?.value : undefined);
  const first = tokens[i];
  if (!first || (first.kind !== 'word' && first.kind !== 'ident')) throw new Error('expected a type name');
  let type: PgType;
  let mods: number[] = [];
  const readMods = (): void => {
    if (tokens[i]?.text !== '(') return;
    const close = tokens.findIndex((t, k) => k > i && t.text === ')');
    if (close < 0) throw new Error('unclosed type modifier');
    mods = tokens
      .slice(i + 1, close)
      .filter((t) => t.text !== ',')
      .map((t) => {
        if (t.kind !== 'number') throw new Error('type modifier is not a number');
        return Number(t.text);
      });
    i = close + 1;
  };
  const w = first.kind === 'word' ? first.value : undefined;
  if (w === 'double' && word(1) === 'precision') {
    type = 'float8';
    i += 2;
  } else if ((w === 'character' || w === 'char' || w === 'national') && tokens.slice(i, i + 3).some((t) => t.value === 'varying')) {
    i += tokens[i + 1]?.value === 'varying' ? 2 : 3;
    type = 'varchar';
    readMods();
  } else if (w === 'bit' && word(1) === 'varying') {
    i += 2;
    type = 'varbit';
    readMods();
  } else if (w === 'timestamp' || w === 'time') {
    i++;
    readMods();
    type = w;
    if (word() === 'with' && word(1) === 'time' && word(2) === 'zone') {
      type = w === 'timestamp' ? 'timestamptz' : 'timetz';
      i += 3;
    } else if (word() === 'without' && word(1) === 'time' && word(2) === 'zone') {
      i += 3;
    }
  } else if (w === 'float') {
    i++;
    readMods();
    type = mods.length > 0 && (mods[0] as number) <= 24 ? 'float4' : 'float8';
    mods = [];
  } else if (w !== undefined && WORD_TYPES[w] !== undefined && tokens[i + 1]?.text !== '.') {
    type = WORD_TYPES[w] as PgType;
    i++;
    readMods();
    if (type === 'bpchar' && mods.length === 0 && w !== 'bpchar') mods = [1];
    if (type === 'numeric' && mods.length === 1) mods = [mods[0] as number, 0];
    if (type === 'bit' && mods.length === 0) mods = [1];
  } else if (first.kind === 'ident' && first.value === 'char' && tokens[i + 1]?.text !== '.') {
    type = 'char';
    i++;
  } else {
    const names = [first.kind === 'word' ? first.text : first.value];
    const quoted = [first.kind === 'ident'];
    i++;
    while (tokens[i]?.text === '.' && (tokens[i + 1]?.kind === 'word' || tokens[i + 1]?.kind === 'ident')) {
      const t = tokens[i + 1] as PgToken;
      names.push(t.kind === 'word' ? t.text : t.value);
      quoted.push(t.kind === 'ident');
      i += 2;
    }
    if (names.length === 2 && names[0]?.toLowerCase() === 'pg_catalog' && !quoted[1]) {
      return readTypeName(tokens, i - 1);
    }
    const folded = names.map((n, k) => (quoted[k] ? n : n.toLowerCase()));
    type = names.length === 1 ? `u:${folded[0]}` : `u:${folded.map(quoteIdent).join('.')}`;
    readMods();
  }
  let array = false;
  for (;;) {
    if (tokens[i]?.text === '[') {
      const close = tokens[i + 1]?.text === ']' ? i + 1 : tokens[i + 2]?.text === ']' ? i + 2 : -1;
      if (close < 0) throw new Error('bad array bounds');
      i = close + 1;
      array = true;
    } else if (tokens[i]?.kind === 'word' && tokens[i]?.value === 'array') {
      i++;
      if (tokens[i]?.text === '[') continue;
      array = true;
    } else {
      break;
    }
  }
  if (array) type = arrayType(type);
  return [{ type, mods }, i];
}

function arrayType(elem: PgType): PgType {
  if (elem.startsWith('u:')) return `${elem}[]`;
  const name = `_${elem}`;
  if (typeInfo(name).category !== 'A') throw new Error(`no array type for ${elem}`);
  return name;
}

/**
 * A type as `format_type` prints it (`character varying(20)`, `timestamp(3) with time
 * zone`, `numeric(10,2)[]`, `"Mood"`), as casts in expressions show it.
 *
 * @example
 * ```ts
 * displayType({ type: 'varchar', mods: [20] }); // 'character varying(20)'
 * ```
 */
export function displayType(name: TypeName): string {
  const elem = typeInfo(name.type).elem;
  if (elem !== undefined) return `${displayType({ type: elem, mods: name.mods })}[]`;
  const mods = name.mods.length === 0 ? '' : `(${name.mods.join(',')})`;
  switch (name.type) {
    case 'timestamp':
      return `timestamp${mods} without time zone`;
    case 'timestamptz':
      return `timestamp${mods} with time zone`;
    case 'time':
      return `time${mods} without time zone`;
    case 'timetz':
      return `time${mods} with time zone`;
    case 'bpchar':
      return mods === '' ? 'bpchar' : `character${mods}`;
    default:
      return `${typeInfo(name.type).display}${mods}`;
  }
}

/**
 * The IR spelling of a type: short built-in names (`integer`, `varchar(20)`,
 * `numeric(10,2)`, `timestamptz(3)`, `char(2)`, `double precision`, `text[]`) and user types
 * by their bare name (`Mood`, as the IR names things).
 *
 * @example
 * ```ts
 * canonicalType({ type: 'timestamptz', mods: [] }); // 'timestamptz'
 * ```
 */
export function canonicalType(name: TypeName): string {
  const elem = typeInfo(name.type).elem;
  if (elem !== undefined) return `${canonicalType({ type: elem, mods: name.mods })}[]`;
  if (name.type.startsWith('u:')) return name.type.slice(2);
  const mods = name.mods.length === 0 ? '' : `(${name.mods.join(',')})`;
  if (name.type === 'bpchar') return mods === '' ? 'bpchar' : `char${mods}`;
  if (name.type === 'varbit') return `varbit${mods}`;
  return `${CANONICAL[name.type] ?? typeInfo(name.type).display}${mods}`;
}

/**
 * Canonical IR spelling of a type written in a model or printed by `format_type`:
 * `'character varying(50)'` and `'VARCHAR( 50 )'` give `'varchar(50)'`, `'int4'` gives
 * `'integer'`, `'timestamp with time zone'` gives `'timestamptz'`; a user type keeps its
 * name (`'"Mood"'` gives `'Mood'`). Text that is not a type name is returned trimmed.
 *
 * @example
 * ```ts
 * normalizePostgresType('timestamp(3) without time zone'); // 'timestamp(3)'
 * ```
 */
export const normalizePostgresType = memoize(normalizeTypeText);

function normalizeTypeText(text: string): string {
  const trimmed = text.trim();
  try {
    const tokens = lexPostgres(trimmed);
    if (tokens.length === 1 && tokens[0]?.kind === 'word' && WORD_TYPES[tokens[0].value] === undefined && tokens[0].value !== 'float') return trimmed;
    const [name, end] = readTypeName(tokens, 0);
    if (end !== tokens.length) return trimmed;
    if (name.type.startsWith('u:') && tokens[0]?.kind === 'word' && !name.type.includes('.')) {
      // A bare user type keeps its case as written: IR names are case-preserved.
      return canonicalType({ ...name, type: `u:${tokens[0].text}${name.type.endsWith('[]') ? '[]' : ''}` });
    }
    return canonicalType(name);
  } catch {
    return trimmed;
  }
}

/**
 * The resolver's view of a canonical IR type (`'varchar(20)'` is `varchar` with modifier
 * 20; `'mood'` is the user type `u:mood`), or `{ type: '?' }` when it cannot be read.
 *
 * @example
 * ```ts
 * typeNameOf('numeric(10,2)'); // { type: 'numeric', mods: [10, 2] }
 * ```
 */
export const typeNameOf = memoize(readCanonicalType);

function readCanonicalType(canonical: string): TypeName {
  try {
    const tokens = lexPostgres(canonical);
    const [name, end] = readTypeName(tokens, 0);
    if (end !== tokens.length) return { type: '?', mods: [] };
    if (name.type.startsWith('u:') && tokens[0]?.kind === 'word' && !name.type.includes('.')) {
      return { ...name, type: `u:${tokens[0].text}${name.type.endsWith('[]') ? '[]' : ''}` };
    }
    return name;
  } catch {
    return { type: '?', mods: [] };
  }
}

/**
 * A canonical IR type as DDL text: built-in spellings as they are, a bare user type quoted
 * when PostgreSQL needs it (`Mood` becomes `"Mood"`), qualified names as written.
 *
 * @example
 * ```ts
 * typeSql('varchar(20)'); // 'varchar(20)'
 * typeSql('Mood[]');      // '"Mood"[]'
 * ```
 */
export function typeSql(canonical: string): string {
  const name = typeNameOf(canonical);
  const base = name.type.endsWith('[]') ? name.type.slice(0, -2) : name.type;
  if (!base.startsWith('u:') || base.includes('.')) return canonical;
  return `${quoteIdent(base.slice(2))}${name.type.endsWith('[]') ? '[]' : ''}`;
}

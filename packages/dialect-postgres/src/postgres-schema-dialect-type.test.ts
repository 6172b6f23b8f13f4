import { displayType, normalizePostgresType, typeNameOf, typeSql } from './postgres-schema-dialect-type.js';

test('model and catalog spellings of a type give one canonical spelling', () => {
  const cases: [string, string][] = [
    ['character varying(50)', 'varchar(50)'], ['VARCHAR( 50 )', 'varchar(50)'], ['varchar', 'varchar'], ['int4', 'integer'], ['INT', 'integer'],
    ['int8', 'bigint'], ['smallint', 'smallint'], ['float8', 'double precision'], ['float(10)', 'real'], ['float', 'double precision'],
    ['bool', 'boolean'], ['decimal(10, 2)', 'numeric(10,2)'], ['numeric(10)', 'numeric(10,0)'], ['character(2)', 'char(2)'], ['char', 'char(1)'],
    ['bpchar', 'bpchar'], ['timestamp without time zone', 'timestamp'], ['timestamp(3) with time zone', 'timestamptz(3)'], ['timestamptz', 'timestamptz'],
    ['time with time zone', 'timetz'], ['bit varying(8)', 'varbit(8)'], ['integer[]', 'integer[]'], ['int4[3]', 'integer[]'], ['text ARRAY', 'text[]'],
    ['character varying(20)[]', 'varchar(20)[]'], ['serial', 'integer'], ['bigserial', 'bigint'], ['blob', 'bytea'], ['jsonb', 'jsonb'],
    ['Mood', 'Mood'], ['"Mood"', 'Mood'], ['mood[]', 'mood[]'], ['public.citext', 'public.citext'], ['"char"', '"char"'], ['interval day to second', 'interval day to second'],
  ];
  expect(cases.map(([input]) => [input, normalizePostgresType(input)])).toEqual(cases);
});

test('canonical types as DDL, as format_type prints them, and as the resolver reads them', () => {
  expect(['varchar(20)', 'Mood', 'Mood[]', 'mood', 'public.citext', 'timestamptz(3)'].map(typeSql)).toEqual(['varchar(20)', '"Mood"', '"Mood"[]', 'mood', 'public.citext', 'timestamptz(3)']);
  expect(['varchar(20)', 'timestamptz(3)', 'char(2)', 'numeric(10,2)[]', 'Mood'].map((t) => displayType(typeNameOf(t)))).toEqual([
    'character varying(20)', 'timestamp(3) with time zone', 'character(2)', 'numeric(10,2)[]', '"Mood"',
  ]);
  expect(typeNameOf('not a type (')).toEqual({ type: '?', mods: [] });
});

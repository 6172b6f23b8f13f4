import { constValue } from './postgres-schema-dialect-const.js';

test('constants print as the server prints them', () => {
  const cases: [string, string, string][] = [
    ['numeric', '1e5', '100000'], ['numeric', '.50', '0.50'], ['numeric', '1.5e1', '15'], ['numeric', '1e-2', '0.01'], ['numeric', '-0.0', '0.0'],
    ['numeric', '007', '7'], ['numeric', 'nan', 'NaN'], ['int4', ' +042 ', '42'], ['int8', '-0', '0'], ['float8', '1.50', '1.5'], ['float4', '0.1', '0.1'],
    ['bool', 'yes', 'true'], ['bool', 'OFF', 'false'], ['uuid', '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    ['jsonb', '{"b":1,"a":[1,2],"aa":{"c":null},"a ":1.50}', '{"a": [1, 2], "b": 1, "a ": 1.50, "aa": {"c": null}}'], ['jsonb', '{"a":1,"a":2}', '{"a": 2}'],
    ['interval', '90 minutes', '01:30:00'], ['interval', '1 day 2 hours', '1 day 02:00:00'], ['interval', '-1 day', '-1 days'],
    ['interval', '1 year 13 months', '2 years 1 mon'], ['interval', '2 weeks', '14 days'], ['interval', '-1 day 2 hours', '-1 days +02:00:00'],
    ['interval', '0 seconds', '00:00:00'], ['interval', '1.5 hours', '1.5 hours'], ['regclass', 'Public.Users_Seq', 'users_seq'],
    ['regclass', '"Odd Name"', '"Odd Name"'], ['regconfig', 'english', 'english'], ['date', '2020-1-1', '2020-1-1'], ['text', "it's", "it's"],
  ];
  expect(cases.map(([type, input]) => [type, input, constValue(type, input)])).toEqual(cases);
});

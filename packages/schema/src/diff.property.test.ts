import fc from 'fast-check';
import { applyOperations } from './apply-operations.js';
import { diff } from './diff.js';
import { deepEqual } from './equal.js';
import { normalizeSchema } from './normalize.js';
import { reverse, reverseAll } from './reverse.js';
import type { Schema } from './schema-ir.js';
import { randomSchemaPair } from './testing/random-schema.js';
import { seededRandom } from './testing/random.js';
import { testDialect } from './__fixtures__/test-dialect.js';

// Pure properties of diff/apply/reverse over generated pairs, for both dialect flavours
// (Postgres: enums, sequences, cycles broken with addForeignKey). fast-check supplies the
// seeds from a fixed seed; RETORT_PROPERTY_RUNS raises the count.
const RUNS = Number(process.env.RETORT_PROPERTY_RUNS ?? 1000);

function sortColumns(s: Schema): Schema {
  return { ...s, tables: s.tables.map((t) => ({ ...t, columns: [...t.columns].sort((x, y) => (x.name < y.name ? -1 : 1)) })) };
}

describe.each([
  ['sqlite', testDialect({ forwardForeignKeys: true })],
  ['postgres', testDialect({ forwardForeignKeys: false })],
] as const)('diff properties (%s flavour)', (flavour, dialect) => {
  test(`${RUNS} pairs: apply(A, diff(A, B)) = B, apply(B, reverse) = A, no diff after apply, reverse is an involution`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => {
        const pair = randomSchemaPair(seededRandom(seed), { dialect: flavour });
        const a = normalizeSchema(pair.a, dialect);
        const b = normalizeSchema(pair.b, dialect);
        const up = diff(a, b, { resolveRename: pair.resolveRename, capabilities: dialect.capabilities });
        const reached = applyOperations(a, up);
        expect(reached).toEqual(b);
        expect(diff(reached, b, { resolveRename: () => null })).toEqual([]);
        expect(sortColumns(applyOperations(b, reverseAll(up)))).toEqual(sortColumns(a));
        for (const op of up) expect(deepEqual(reverse(reverse(op)), op)).toBe(true);
      }),
      { seed: 20261123, numRuns: RUNS },
    );
  });
});

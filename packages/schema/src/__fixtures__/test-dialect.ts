// A dialect for pure tests: canonical text from the shared helpers, and a renderer that
// writes one line per operation so plans can be asserted without a database.
import { canonicalExpression, canonicalStatement } from '../canonical-expression.js';
import { compareTypes } from '../compare-types.js';
import { tableOfOperation } from '../operations.js';
import type { SchemaCapabilities, SchemaDialect } from '../schema-dialect.js';

export function testDialect(capabilities: Partial<SchemaCapabilities> = {}): SchemaDialect {
  return {
    name: 'test',
    capabilities: { enums: true, sequences: true, concurrentIndexes: true, comments: true, forwardForeignKeys: false, ...capabilities },
    async introspect() {
      throw new Error('the test dialect has no database');
    },
    normalizeType: (t) => t.trim().toLowerCase(),
    normalizeExpression: canonicalExpression,
    normalizeStatement: canonicalStatement,
    fromModel: (s) => s,
    compareTypes,
    render: (ops) => ({
      statements: ops.map((op) => `${op.kind} ${tableOfOperation(op) ?? ''}`.trim()),
      transactional: !ops.some((op) => op.kind === 'createIndex'),
      hazards: [],
    }),
    quoteIdentifier: (n) => `"${n}"`,
  };
}

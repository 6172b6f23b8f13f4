import type { Schema } from '@retort/schema';

/** Counts of what an introspected schema holds, for the corpus tests to pin. */
export function corpusFacts(s: Schema): Record<string, number> {
  const sum = (f: (t: Schema['tables'][number]) => number): number => s.tables.reduce((n, t) => n + f(t), 0);
  return {
    tables: s.tables.length,
    partitioned: s.tables.filter((t) => t.partitionBy !== undefined).length,
    partitions: s.tables.filter((t) => t.partitionOf !== undefined).length,
    columns: sum((t) => t.columns.length),
    foreignKeys: sum((t) => t.foreignKeys.length),
    checks: sum((t) => t.checks.length),
    indexes: sum((t) => t.indexes.length),
    partialIndexes: sum((t) => t.indexes.filter((i) => i.where !== undefined).length),
    expressionIndexes: sum((t) => t.indexes.filter((i) => i.keys.some((k) => k.expression !== undefined)).length),
    enums: s.enums.length,
    sequences: s.sequences.length,
    views: s.views.length,
    materializedViews: s.views.filter((v) => v.materialized).length,
    viewIndexes: s.views.reduce((n, v) => n + (v.indexes?.length ?? 0), 0),
    triggers: s.triggers.length,
  };
}

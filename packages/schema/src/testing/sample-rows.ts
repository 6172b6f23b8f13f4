import { orderTablesForCreate } from '../order-tables.js';
import type { Schema } from '../schema-ir.js';

/** A value of a sample row: a number or a string. */
export type SampleValue = number | string;

/** Rows to insert into one table. */
export interface SampleRows {
  readonly table: string;
  readonly rows: readonly Readonly<Record<string, SampleValue>>[];
}

/**
 * `count` rows for every table, parents before children, such that every constraint a
 * {@link randomSchemaPair} schema can have holds: row `k` (1-based) holds `k` in integer
 * columns (so foreign keys to `id` find row `k` of any table), `k + 0.5` in real ones,
 * `'v<k>'` in text ones, and every value of a column is distinct. Generated columns are
 * left out. Insert them with foreign keys deferred (cycles are possible).
 *
 * @example
 * ```ts
 * for (const { table, rows } of sampleRows(a)) for (const row of rows) insert(table, row);
 * ```
 */
export function sampleRows(schema: Schema, count = 3): SampleRows[] {
  const enums = new Map(schema.enums.map((e) => [e.name, e.values]));
  return orderTablesForCreate(schema.tables, true).tables.map((t) => {
    const rows: Record<string, SampleValue>[] = [];
    for (let k = 1; k <= count; k++) {
      const row: Record<string, SampleValue> = {};
      for (const c of t.columns) {
        if (c.generated) continue;
        const values = enums.get(c.type);
        row[c.name] = values ? (values[k % values.length] as string) : sampleValue(c.type, k);
      }
      rows.push(row);
    }
    return { table: t.name, rows };
  });
}

function sampleValue(type: string, k: number): SampleValue {
  const t = type.toLowerCase();
  if (/int/.test(t) || t.startsWith('numeric') || t.startsWith('decimal')) return k;
  if (t === 'real' || /double|float/.test(t)) return k + 0.5;
  return `v${k}`;
}

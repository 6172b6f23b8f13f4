import type { Executor } from './executor.js';

/** A value spliced into ctx.sql as a quoted identifier instead of a parameter. */
export class SqlIdentifier {
  constructor(readonly name: string) {}
}

/** Options for {@link MigrationContext.batch}. */
export interface BatchOptions {
  /** Table to walk. */
  readonly table: string;
  /** Unique, ordered key column to paginate by (keyset pagination); default `id`. */
  readonly key?: string;
  /** Rows per batch; default 1000. */
  readonly size?: number;
  /** Extra SQL condition restricting the rows (no parameters). */
  readonly where?: string;
}

/** Progress of a running programmatic step, reported to the CLI's progress bar. */
export interface BatchProgress {
  readonly table: string;
  readonly done: number;
  readonly total: number;
}

/**
 * What `up.ts` / `down.ts` receive. Runs inside the revision's transaction unless the
 * revision is not transactional.
 *
 * @example
 * ```ts
 * // migrations/5e1f_raise_prices/up.ts
 * import type { MigrationContext } from '@retort/core';
 * export default async (ctx: MigrationContext) => {
 *   await ctx.batch({ table: 'products', size: 500 }, async (rows) => {
 *     for (const row of rows) await ctx.sql`UPDATE products SET price = ${Number(row.price) * 1.1} WHERE id = ${row.id}`;
 *   });
 * };
 * ```
 */
export interface MigrationContext<Schema = unknown> {
  /** `'sqlite'` or `'postgres'`. */
  readonly dialect: string;
  /** Runs one parameterised statement and returns its rows; `${ctx.identifier('t')}` quotes a name. */
  sql<Row = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row[]>;
  /** Runs raw SQL text (one or more statements, no parameters). */
  execute(sql: string): Promise<void>;
  /** A quoted identifier to splice into {@link sql}. */
  identifier(name: string): SqlIdentifier;
  /** The live schema, introspected (tables, columns, indexes...). */
  introspect(): Promise<Schema>;
  /** Walks a table in key order, `size` rows at a time, with progress reported. */
  batch<Row = Record<string, unknown>>(options: BatchOptions, fn: (rows: Row[]) => Promise<void>): Promise<{ rows: number; batches: number }>;
  log(message: string): void;
}

/** What the runner gives {@link createMigrationContext}. */
export interface MigrationContextProps {
  readonly executor: Executor;
  readonly dialect: string;
  readonly quoteIdentifier: (name: string) => string;
  readonly introspect?: ((executor: Executor) => Promise<unknown>) | undefined;
  readonly onLog?: ((message: string) => void) | undefined;
  readonly onProgress?: ((progress: BatchProgress) => void) | undefined;
}

/**
 * Builds the context a programmatic step runs with.
 *
 * @example
 * ```ts
 * const ctx = createMigrationContext({ executor, dialect: 'sqlite', quoteIdentifier: (n) => `"${n}"` });
 * await ctx.sql`SELECT ${1} AS one`;
 * ```
 */
export function createMigrationContext(props: MigrationContextProps): MigrationContext {
  const { executor, dialect, quoteIdentifier } = props;
  const placeholder = dialect === 'postgres' ? (n: number) => `$${n}` : () => '?';

  const sql = <Row,>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row[]> => {
    let text = strings[0] ?? '';
    const params: unknown[] = [];
    values.forEach((value, index) => {
      if (value instanceof SqlIdentifier) text += quoteIdentifier(value.name);
      else {
        params.push(value);
        text += placeholder(params.length);
      }
      text += strings[index + 1] ?? '';
    });
    return executor.query<Row>(text, params);
  };

  return {
    dialect,
    sql,
    execute: (text) => executor.execute(text),
    identifier: (name) => new SqlIdentifier(name),
    introspect: async () => {
      if (!props.introspect) throw new Error('introspect() is not available in this context');
      return props.introspect(executor);
    },
    batch: async <Row,>(options: BatchOptions, fn: (rows: Row[]) => Promise<void>) => {
      const table = quoteIdentifier(options.table);
      const keyName = options.key ?? 'id';
      const key = quoteIdentifier(keyName);
      const size = options.size ?? 1000;
      const where = options.where ? `(${options.where})` : '';
      const [count] = await executor.query<{ n: number | string }>(
        `SELECT count(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`,
      );
      const total = Number(count?.n ?? 0);
      let done = 0;
      let batches = 0;
      let last: unknown;
      props.onProgress?.({ table: options.table, done, total });
      for (;;) {
        const conditions = [where, last === undefined ? '' : `${key} > ${placeholder(1)}`].filter(Boolean);
        const rows = await executor.query<Row>(
          `SELECT * FROM ${table}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY ${key} LIMIT ${size}`,
          last === undefined ? [] : [last],
        );
        if (rows.length === 0) break;
        await fn(rows);
        done += rows.length;
        batches += 1;
        last = (rows[rows.length - 1] as Record<string, unknown>)[keyName];
        props.onProgress?.({ table: options.table, done, total: Math.max(total, done) });
        if (rows.length < size) break;
      }
      return { rows: done, batches };
    },
    log: (message) => props.onLog?.(message),
  };
}

import type { Connection, Queryable, SqlScript } from '../dialect/types.js';
import { RetortError } from '../errors.js';

/**
 * The one place SQL goes through. Online it runs on a connection; offline (`--sql`) it
 * appends to a buffer. The runner never knows which: that single switch gives `--sql`
 * output and DB-free tests that assert exact SQL.
 *
 * @example
 * ```ts
 * const offline = new BufferExecutor({ begin: 'BEGIN;', commit: 'COMMIT;' });
 * await offline.transaction((tx) => tx.execute('CREATE TABLE t (id int);'));
 * offline.text(); // 'BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n'
 * ```
 */
export interface Executor {
  /** True when SQL is written out instead of run. */
  readonly offline: boolean;
  runScript(script: SqlScript): Promise<void>;
  execute(sql: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `fn` in a transaction; inside one already, runs it in the same transaction. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /** Inside a transaction, when the driver can: see {@link Queryable.deferScript}. */
  readonly deferScript?: ((script: SqlScript) => void) | undefined;
  /** A comment in offline output (ignored online). */
  comment(text: string): void;
  /** After a failed no-transaction script: back to a clean session (see `Connection.reset`). */
  reset(): Promise<void>;
}

/**
 * Executor running SQL on a live connection.
 *
 * @example
 * ```ts
 * const executor = new ConnectionExecutor(await dialect.connect({ url }));
 * ```
 */
export class ConnectionExecutor implements Executor {
  readonly offline = false;
  readonly #connection: Connection;

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  runScript(script: SqlScript): Promise<void> {
    return this.#connection.runScript(script);
  }

  execute(sql: string): Promise<void> {
    return this.#connection.execute(sql);
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.#connection.query<Row>(sql, params);
  }

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.#connection.transaction((tx) => fn(new TransactionExecutor(tx)));
  }

  comment(): void {}

  async reset(): Promise<void> {
    await this.#connection.reset?.();
  }
}

class TransactionExecutor implements Executor {
  readonly offline = false;
  readonly deferScript: ((script: SqlScript) => void) | undefined;
  readonly #tx: Queryable;

  constructor(tx: Queryable) {
    this.#tx = tx;
    this.deferScript = tx.deferScript === undefined ? undefined : (script) => tx.deferScript?.(script);
  }

  runScript(script: SqlScript): Promise<void> {
    return this.#tx.runScript(script);
  }

  execute(sql: string): Promise<void> {
    return this.#tx.execute(sql);
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.#tx.query<Row>(sql, params);
  }

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return fn(this);
  }

  comment(): void {}

  async reset(): Promise<void> {}
}

/**
 * Executor appending SQL text to a buffer, for `--sql` offline output and exact-SQL tests.
 *
 * @example
 * ```ts
 * const executor = new BufferExecutor({ begin: 'BEGIN;', commit: 'COMMIT;' });
 * ```
 */
export class BufferExecutor implements Executor {
  readonly offline = true;
  readonly #chunks: string[] = [];
  readonly #statements: { begin: string; commit: string };
  #depth = 0;

  constructor(statements: { begin: string; commit: string }) {
    this.#statements = statements;
  }

  async runScript(script: SqlScript): Promise<void> {
    const text = script.text.trim();
    if (text === '') return;
    this.#chunks.push(endsWithTerminator(text) ? text : `${text};`);
  }

  async execute(sql: string): Promise<void> {
    const text = sql.trim();
    if (text !== '') this.#chunks.push(text);
  }

  async query<Row>(sql: string): Promise<Row[]> {
    throw new RetortError(
      'E_UNSUPPORTED',
      `Offline --sql output cannot read from the database (query: ${sql.slice(0, 40)}...); run the command without --sql.`,
    );
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    if (this.#depth > 0) return fn(this);
    this.#depth += 1;
    this.#chunks.push(this.#statements.begin);
    try {
      const result = await fn(this);
      this.#chunks.push(this.#statements.commit);
      return result;
    } finally {
      this.#depth -= 1;
    }
  }

  comment(text: string): void {
    this.#chunks.push(...text.split('\n').map((line) => `-- ${line}`));
  }

  async reset(): Promise<void> {}

  /** Everything written so far, one chunk per line group, ending with a newline. */
  text(): string {
    return this.#chunks.length === 0 ? '' : `${this.#chunks.join('\n')}\n`;
  }
}

/** True when SQL text ends with `;`, ignoring trailing blank lines and `--` comments. */
function endsWithTerminator(text: string): boolean {
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = (lines[index] ?? '').trim();
    if (line === '' || line.startsWith('--')) continue;
    return line.endsWith(';');
  }
  return true;
}

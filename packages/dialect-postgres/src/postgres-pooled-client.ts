import type { Client, ClientConfig } from 'pg';
import type { DatabasePool, DatabasePoolConnection, DriverFactory } from 'slonik';
import { connectionError } from './postgres-errors.js';
import { loadLibraries } from './postgres-load-libraries.js';
import type { ClientAttempt } from './postgres-client-config.js';
import { adoptNegotiatedSocket, negotiateSsl } from './postgres-ssl-request.js';
import type { PostgresUrl } from './postgres-url.js';

/** One connection held open through a slonik pool, with the pg client underneath it. */
export interface PooledClient {
  /** slonik's connection, for typed, parameterised queries. */
  readonly slonik: DatabasePoolConnection;
  /** The node-postgres client under it, for simple-query scripts (see postgres-script-query). */
  readonly client: Client;
  /** The server's process id for this connection (`pg_backend_pid()`). */
  readonly backendPid: number;
  /** Releases the connection and ends the pool; safe to call twice. */
  close(): Promise<void>;
}

/** Options for {@link openPooledClient}. */
export interface OpenPooledClientOptions {
  readonly url: PostgresUrl;
  readonly attempts: readonly ClientAttempt[];
  /** Run once on the fresh connection (search_path, schema creation). */
  readonly setup?: ((client: Client) => Promise<void>) | undefined;
}

/**
 * Opens one PostgreSQL connection through slonik and keeps it checked out until `close()`.
 *
 * slonik 47 has no public handle on its pg client, so the pool gets our own driver through
 * slonik's supported extension point (`driverFactory` built with `createDriverFactory`): it
 * opens the pg client itself, which gives us that handle, tries the `sslmode` fallbacks,
 * runs `setup`, and leaves pg's own type parsing in place (`timestamptz` → `Date`,
 * `bigint` → string). slonik never sees the password: it gets the redacted URL. Its timeouts,
 * retries and `DISCARD ALL` on release are turned off: a migration may run for hours, and
 * retrying a statement inside a transaction slonik does not know about would be wrong.
 *
 * @example
 * ```ts
 * const held = await openPooledClient({ url, attempts: await clientAttempts(url) });
 * await held.slonik.query(rawQuery('SELECT 1'));
 * await held.close();
 * ```
 */
export async function openPooledClient(options: OpenPooledClientOptions): Promise<PooledClient> {
  const {
    slonik: { createPool, createDriverFactory, ConnectionError },
    pg,
  } = await loadLibraries();
  let current: Client | undefined;
  const driverFactory: DriverFactory = createDriverFactory(async () => ({
    createPoolClient: async ({ clientEventEmitter }) => {
      let client: Client | undefined;
      const onError = (error: Error): void => {
        clientEventEmitter.emit('error', error);
      };
      const onNotice = (notice: { message?: string }): void => {
        if (notice.message) clientEventEmitter.emit('notice', { message: notice.message });
      };
      return {
        connect: async () => {
          const opened = await connectFirst(pg.Client, options.attempts);
          if (options.setup !== undefined) {
            try {
              await options.setup(opened);
            } catch (error) {
              // slonik never got this client, so nobody else would close its socket.
              await opened.end().catch(() => undefined);
              throw error;
            }
          }
          client = opened;
          client.on('error', onError);
          client.on('notice', onNotice);
          current = client;
        },
        end: async () => {
          if (client !== undefined) await endSession(client);
          client?.removeListener('error', onError);
          client?.removeListener('notice', onNotice);
        },
        query: async (sql, values) => {
          if (client === undefined) throw new Error('Client was closed and is not queryable');
          const results = (await client.query({ text: sql, values: values ?? [] })) as unknown;
          const last = (Array.isArray(results) ? results.at(-1) : results) as {
            command: string;
            fields: { dataTypeID: number; name: string }[];
            rowCount: number | null;
            rows: Record<string, unknown>[];
          };
          return {
            command: last.command as 'SELECT',
            fields: last.fields.map((field) => ({ dataTypeId: field.dataTypeID, name: field.name })),
            rowCount: last.rowCount,
            rows: last.rows,
          };
        },
        stream: () => {
          throw new Error('Retort does not stream query results.');
        },
      };
    },
  }));
  const pool: DatabasePool = await createPool(options.url.redacted, {
    driverFactory,
    maximumPoolSize: 1,
    connectionRetryLimit: 0,
    queryRetryLimit: 0,
    transactionRetryLimit: 0,
    statementTimeout: 'DISABLE_TIMEOUT',
    idleInTransactionSessionTimeout: 'DISABLE_TIMEOUT',
    idleTimeout: 'DISABLE_TIMEOUT',
    resetConnection: async () => {},
    captureStackTrace: false,
    typeParsers: [],
  });
  // Without a listener, slonik's 'error' events would be thrown as uncaught exceptions.
  pool.on('error', () => {});
  // slonik wraps the driver's failure in its ConnectionError; the cause has the SQLSTATE.
  const unwrap = (error: unknown): unknown =>
    error instanceof ConnectionError && error.cause !== undefined ? error.cause : error;
  return holdConnection(pool, options.url, () => current, unwrap);
}

// pool.connect() keeps a connection checked out for as long as its callback runs: the
// callback parks on a promise that close() resolves.
async function holdConnection(
  pool: DatabasePool,
  url: PostgresUrl,
  client: () => Client | undefined,
  unwrap: (error: unknown) => unknown,
): Promise<PooledClient> {
  let release!: () => void;
  const parked = new Promise<void>((resolve) => {
    release = resolve;
  });
  let ready!: (connection: DatabasePoolConnection) => void;
  const checkedOut = new Promise<DatabasePoolConnection>((resolve) => {
    ready = resolve;
  });
  const lifetime = pool.connect(async (connection) => {
    ready(connection);
    await parked;
  });
  let slonik: DatabasePoolConnection;
  try {
    slonik = await Promise.race([checkedOut, lifetime.then(() => Promise.reject(new Error('Connection closed.')))]);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectionError(unwrap(error), url);
  }
  // A lost connection rejects `lifetime`; the next query reports it, so nothing to do here.
  lifetime.catch(() => undefined);
  const pg = client();
  if (pg === undefined) throw new Error('slonik checked out a connection its driver never opened.');
  let closed: Promise<void> | undefined;
  return {
    slonik,
    client: pg,
    backendPid: (pg as unknown as { processID: number }).processID,
    close: () => {
      closed ??= (async () => {
        release();
        await lifetime.catch(() => undefined);
        await pool.end().catch(() => undefined);
      })();
      return closed;
    },
  };
}

/**
 * Ends a session as libpq's `PQfinish` does: sends Terminate and closes the socket once it
 * is written, instead of waiting for the server process to exit and close its end (which
 * node-postgres's `end()` does; 10-20 ms per connection). A session whose socket is already
 * gone ends at once.
 */
async function endSession(client: Client): Promise<void> {
  const { stream } = client.connection;
  stream.once('finish', () => stream.destroy());
  await client.end();
}

async function connectFirst(ClientClass: new (config: ClientConfig) => Client, attempts: readonly ClientAttempt[]): Promise<Client> {
  let lastError: unknown = new Error('No way to connect was configured.');
  for (const attempt of attempts) {
    let client: Client | undefined;
    try {
      client = await newClient(ClientClass, attempt);
      await client.connect();
      return client;
    } catch (error) {
      lastError = error;
      await client?.end().catch(() => undefined);
      if (!attempt.fallThrough(error)) break;
    }
  }
  throw lastError;
}

// With `preferSsl`, the socket is opened and TLS negotiated first, and the client adopts it.
async function newClient(ClientClass: new (config: ClientConfig) => Client, attempt: ClientAttempt): Promise<Client> {
  const unopened = new ClientClass(attempt.config);
  if (attempt.preferSsl === undefined) return unopened;
  // The unopened client resolved host and port as node-postgres does (PGHOST, defaults).
  const { host, port } = unopened as unknown as { host: string; port: number };
  const { socket } = await negotiateSsl({ host, port, timeoutMs: attempt.config.connectionTimeoutMillis }, attempt.preferSsl);
  const config: ClientConfig = { ...attempt.config, ssl: false, stream: () => adoptNegotiatedSocket(socket) };
  // The password stays non-enumerable, as clientAttempts made it.
  Object.defineProperty(config, 'password', { value: attempt.config.password, enumerable: false });
  return new ClientClass(config);
}

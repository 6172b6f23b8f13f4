import pg from 'pg';
import { RetortError, StatementError, type SqlScript } from '@retort/core';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database.js';
import { testProxy } from './__fixtures__/test-proxy.js';
import { caught, countSentQueries } from './__fixtures__/test-spies.js';
import { connect, type PostgresConnection } from './postgres-driver.js';
import { splitStatements } from './postgres-split.js';

const script = (text: string): SqlScript => ({ text, statements: splitStatements(text) });


describe('PostgresConnection', () => {
  let db: TestDatabase;
  let conn: PostgresConnection;
  let observer: pg.Client;

  const tables = async (): Promise<string[]> =>
    (
      await observer.query<{ t: string }>(
        "SELECT schemaname || '.' || tablename AS t FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
      )
    ).rows.map((r) => r.t);

  beforeAll(async () => {
    db = await createTestDatabase('driver');
    conn = await connect({ url: db.url });
    observer = await db.client();
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });
  afterEach(async () => {
    await observer.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  });

  describe('connect', () => {
    it('creates the ?schema= schema and puts it first on search_path', async () => {
      const odd = 'Odd "schema"';
      const scoped = await connect({ url: db.urlWith({ schema: odd }) });
      try {
        expect(await scoped.query('SELECT current_schemas(false)::text AS s')).toEqual([
          { s: '{"Odd \\"schema\\"",public}' },
        ]);
        await scoped.execute('CREATE TABLE made_here (id int)');
        expect(await tables()).toEqual(['Odd "schema".made_here']);
      } finally {
        await scoped.close();
        await observer.query('DROP SCHEMA "Odd ""schema""" CASCADE');
      }
    });

    it('uses an existing schema without CREATE on the database, and says what to grant when it is missing', async () => {
      const role = `${db.name}_limited`;
      await observer.query(`CREATE ROLE "${role}" LOGIN; REVOKE CREATE ON DATABASE "${db.name}" FROM PUBLIC`);
      await observer.query(`CREATE SCHEMA existing AUTHORIZATION "${role}"`);
      try {
        const base = new URL(db.url);
        base.username = role;
        base.searchParams.set('schema', 'existing');
        const limited = await connect({ url: base.toString() });
        expect(await limited.query('SELECT current_schema() AS s')).toEqual([{ s: 'existing' }]);
        await limited.close();
        base.searchParams.set('schema', 'missing');
        const error = await caught(connect({ url: base.toString() }));
        expect(error).toBeInstanceOf(RetortError);
        expect((error as RetortError).code).toBe('E_CONNECTION');
        expect(error.message).toBe(
          `Cannot connect to PostgreSQL at '${base.toString()}': permission denied for database ${db.name} (SQLSTATE 42501); ` +
            "grant the user CREATE on the database, or create the schema 'missing' beforehand.",
        );
      } finally {
        await observer.query(`DROP SCHEMA existing CASCADE; DROP OWNED BY "${role}"; DROP ROLE "${role}"`);
      }
    });

    it('sets up a ?schema= that exists in one round trip, and creates a missing one in a second', async () => {
      const sent = countSentQueries();
      const opened: PostgresConnection[] = [];
      try {
        opened.push(await connect({ url: db.urlWith({ schema: 'fresh' }) }));
        const creating = sent.count();
        opened.push(await connect({ url: db.urlWith({ schema: 'fresh' }) }));
        expect([creating, sent.count() - creating]).toEqual([2, 1]);
        expect(await opened[1]!.query('SELECT current_schema() AS s')).toEqual([{ s: 'fresh' }]);
      } finally {
        sent.restore();
        for (const each of opened) await each.close();
        await observer.query('DROP SCHEMA fresh CASCADE');
      }
    });

    it("identifies itself as application 'retort' and reports its backend pid", async () => {
      const [row] = (
        await observer.query('SELECT application_name FROM pg_stat_activity WHERE pid = $1', [conn.backendPid])
      ).rows;
      expect(row).toEqual({ application_name: 'retort' });
    });
  });

  describe('query and execute', () => {
    it('runs parameterised queries through slonik with node-postgres types', async () => {
      const at = new Date('2026-01-02T03:04:05.678Z');
      expect(
        await conn.query('SELECT $1::int AS n, $2::timestamptz AS at, 9007199254740993::bigint AS big, $3::text[] AS list', [
          7,
          at,
          ['a', 'b'],
        ]),
      ).toEqual([{ n: 7, at, big: '9007199254740993', list: ['a', 'b'] }]);
    });

    it('runs execute outside a transaction at once, autocommitted', async () => {
      await conn.execute('CREATE TABLE now_visible (id int); INSERT INTO now_visible VALUES (1)');
      expect((await observer.query('SELECT id FROM now_visible')).rows).toEqual([{ id: 1 }]);
    });

    it('wraps a failed query as E_DATABASE quoting the SQL', async () => {
      const error = await caught(conn.query('SELECT * FROM nope WHERE id = $1', [1]));
      expect((error as RetortError).code).toBe('E_DATABASE');
      expect(error.message).toBe(
        `PostgreSQL failed on 'SELECT * FROM nope WHERE id = $1' in '${db.url}': relation "nope" does not exist (SQLSTATE 42P01); fix the statement or the database it expects.`,
      );
      expect((error as RetortError).facts).toMatchObject({ databaseCode: '42P01', sql: 'SELECT * FROM nope WHERE id = $1' });
    });
  });

  describe('transaction', () => {
    it('commits the callback work and returns its result', async () => {
      const result = await conn.transaction(async (tx) => {
        await tx.execute('CREATE TABLE t (id int)');
        await tx.runScript(script('INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);'));
        return tx.query<{ n: string }>('SELECT count(*) AS n FROM t');
      });
      expect(result).toEqual([{ n: '2' }]);
      expect((await observer.query('SELECT id FROM t ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
    });

    it('rolls everything back when the callback throws', async () => {
      const error = await caught(
        conn.transaction(async (tx) => {
          await tx.runScript(script('CREATE TABLE gone (id int);'));
          throw new Error('changed my mind');
        }),
      );
      expect(error.message).toBe('changed my mind');
      expect(await tables()).toEqual([]);
      expect(await conn.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    });

    it('nests as savepoints: an inner failure rolls back alone', async () => {
      await conn.transaction(async (tx) => {
        await tx.runScript(script('CREATE TABLE kept (id int);'));
        await caught(
          tx.transaction(async (inner) => {
            await inner.runScript(script('CREATE TABLE dropped (id int);'));
            await inner.runScript(script('SELECT 1/0;'));
          }),
        );
        await tx.transaction(async (inner) => {
          await inner.execute('CREATE TABLE also_kept (id int)');
        });
      });
      expect(await tables()).toEqual(['public.also_kept', 'public.kept']);
    });

    it('sends BEGIN + script, then version upkeep + COMMIT: two round trips', async () => {
      await conn.execute('CREATE TABLE v (revision text)');
      const sent = countSentQueries();
      try {
        await conn.transaction(async (tx) => {
          await tx.runScript(script('CREATE TABLE r1 (id int);\nCREATE INDEX r1_id ON r1 (id);'));
          await tx.execute("INSERT INTO v VALUES ('r1');");
          await tx.execute("UPDATE v SET revision = 'r1b';");
        });
      } finally {
        sent.restore();
      }
      expect(sent.count()).toBe(2);
      expect((await observer.query('SELECT revision FROM v')).rows).toEqual([{ revision: 'r1b' }]);
    });

    it('sends nothing at all for a transaction that fails before its first statement', async () => {
      const sent = countSentQueries();
      try {
        await caught(
          conn.transaction(async (tx) => {
            await tx.execute('CREATE TABLE never (id int)');
            throw new Error('early');
          }),
        );
      } finally {
        sent.restore();
      }
      expect(sent.count()).toBe(0);
      expect(await tables()).toEqual([]);
    });

    it('reports a failing queued execute at COMMIT, rolled back, connection still usable', async () => {
      const error = await caught(
        conn.transaction(async (tx) => {
          await tx.runScript(script('CREATE TABLE half (id int);'));
          await tx.execute('INSERT INTO missing_table VALUES (1);');
        }),
      );
      expect(error.message).toBe(
        `PostgreSQL failed on 'INSERT INTO missing_table VALUES (1);' in '${db.url}': relation "missing_table" does not exist (SQLSTATE 42P01); fix the statement or the database it expects.`,
      );
      expect(await tables()).toEqual([]);
      expect(await conn.query('SELECT 2 AS ok')).toEqual([{ ok: 2 }]);
    });

    it('refuses to report a commit when the server rolled back a transaction with a swallowed error', async () => {
      const error = await caught(
        conn.transaction(async (tx) => {
          await tx.runScript(script('CREATE TABLE swallowed (id int);'));
          await caught(tx.runScript(script('SELECT 1/0;')));
        }),
      );
      expect(error.message).toBe(
        `PostgreSQL rolled back the transaction on '${db.url}' instead of committing it, because a statement in it had failed; let the error propagate out of the transaction callback, or use a nested transaction to recover from it.`,
      );
      expect(await tables()).toEqual([]);
    });
  });

  describe('runScript errors', () => {
    it('refuses a script that commits the transaction Retort opened', async () => {
      const error = await caught(
        conn.transaction(async (tx) => {
          await tx.runScript(script('CREATE TABLE early (id int);\nCOMMIT;\nCREATE TABLE late (id int);'));
          await tx.execute('CREATE TABLE upkeep (id int)');
        }),
      );
      expect(error.message).toBe(
        `The script ended the transaction Retort opened on '${db.url}' (it runs COMMIT, ROLLBACK or END itself), so its changes are not atomic with the version table; remove those statements, or mark the file -- retort:no-transaction.`,
      );
      expect(await tables()).toEqual(['public.early', 'public.late']);
    });

    it('maps a syntax error to its file line and statement, after queued SQL and comments', async () => {
      const text =
        '-- retort: create things\n' +
        'CREATE TABLE a (id int);\n' +
        '/* two\n   lines */\n' +
        'INSERT INTO a\n  VALUES (1);\n' +
        'SELECT id\n  FROM a\n  WHER id = 1;\n' +
        'SELECT 4;';
      const error = await caught(
        conn.transaction(async (tx) => {
          await tx.execute('CREATE TABLE b (id int)');
          await tx.runScript(script(text));
        }),
      );
      expect(error).toBeInstanceOf(StatementError);
      expect(error.message).toBe('syntax error at or near "id"');
      expect(error).toMatchObject({ statementIndex: 2, line: 9, databaseCode: '42601' });
      expect(await tables()).toEqual([]);
    });

    it('counts server positions in characters, so wide characters earlier do not shift the line', async () => {
      const text = `SELECT '${'😀'.repeat(12)}';\nSELECT 1;\nSELEC 2;`;
      const error = await caught(conn.transaction((tx) => tx.runScript(script(text))));
      expect(error).toMatchObject({ message: 'syntax error at or near "SELEC"', statementIndex: 2, line: 3 });
    });

    it('finds a runtime failure without a position by counting completed statements', async () => {
      const text =
        'CREATE TABLE u (id int PRIMARY KEY);\n' +
        'INSERT INTO u VALUES (1);\n' +
        '\n' +
        'INSERT INTO u VALUES (2);\n' +
        'INSERT INTO u\n  VALUES (1);\n' +
        'INSERT INTO u VALUES (3);';
      const error = await caught(conn.transaction((tx) => tx.runScript(script(text))));
      expect(error).toBeInstanceOf(StatementError);
      expect(error.message).toBe('duplicate key value violates unique constraint "u_pkey"');
      expect(error).toMatchObject({ statementIndex: 3, line: 5, databaseCode: '23505' });
      expect(await tables()).toEqual([]);
    });

    it('outside a transaction runs statement by statement: earlier ones stay, the failure is located', async () => {
      const text = 'CREATE TABLE s (id int);\nINSERT INTO s VALUES (1);\nINSERT INTO s VALUES (1/0);\nINSERT INTO s VALUES (3);';
      const error = await caught(conn.runScript(script(text)));
      expect(error).toMatchObject({ message: 'division by zero', statementIndex: 2, line: 3, databaseCode: '22012' });
      expect((await observer.query('SELECT id FROM s')).rows).toEqual([{ id: 1 }]);
      const syntax = await caught(conn.runScript(script('SELECT 1;\n\nSELECT 2,\n  3 4;')));
      expect(syntax).toMatchObject({ message: 'syntax error at or near "4"', statementIndex: 1, line: 4 });
    });

    it('runs CREATE INDEX CONCURRENTLY outside a transaction', async () => {
      await conn.runScript(script('CREATE TABLE c (id int);\nCREATE INDEX CONCURRENTLY c_id ON c (id);'));
      expect((await observer.query("SELECT indexname FROM pg_indexes WHERE tablename = 'c'")).rows).toEqual([
        { indexname: 'c_id' },
      ]);
    });
  });

  it('reports a connection the server terminated as E_CONNECTION, without crashing the process', async () => {
    const doomed = await connect({ url: db.url });
    try {
      await observer.query('SELECT pg_terminate_backend($1)', [doomed.backendPid]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const error = await caught(doomed.transaction((tx) => tx.runScript(script('CREATE TABLE lost (id int);'))));
      expect((error as RetortError).code).toBe('E_CONNECTION');
      expect(error.message).toMatch(
        /^Lost the connection to PostgreSQL while running 'CREATE TABLE lost \(id int\)' in '[^']+': Client (has encountered a connection error|was closed) and is not queryable; check the server and retry\.$/,
      );
    } finally {
      await doomed.close();
    }
  });

  it('closes twice without complaint and refuses work afterwards', async () => {
    const extra = await connect({ url: db.url });
    await extra.close();
    await extra.close();
    const error = await caught(extra.query('SELECT 1'));
    expect((error as RetortError).code).toBe('E_DATABASE');
  });

  it('opens the lock connection alongside the session when the lock is taken next, and closes it unused', async () => {
    const proxy = await testProxy();
    const sessions = async (): Promise<number> =>
      Number((await observer.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'retort'", [db.name])).rows[0].n);
    const settled = async (expected: number): Promise<number> => {
      const deadline = Date.now() + 5_000;
      let n = await sessions();
      while (n !== expected && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        n = await sessions();
      }
      return n;
    };
    const before = await sessions();
    try {
      const locking = await connect({ url: proxy.urlOf(db.url), lockNext: true });
      expect(proxy.stats.connections).toBe(2);
      const lock = await locking.acquireLock({ key: 'ahead_test', timeoutMs: 5_000 });
      expect(proxy.stats.connections).toBe(2);
      const [held] = (await observer.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted")).rows;
      expect(Number(held.n)).toBeGreaterThanOrEqual(1);
      await lock.release();
      await locking.close();
      expect(await settled(before)).toBe(before);

      const unused = await connect({ url: proxy.urlOf(db.url), lockNext: true });
      expect(proxy.stats.connections).toBe(4);
      await unused.close();
      expect(await settled(before)).toBe(before);
    } finally {
      await proxy.close();
    }
  });

  it('closes as libpq does: Terminate, then the socket, without waiting for the server to hang up', async () => {
    // The proxy keeps the client's socket open for 10 s after the server closed its end.
    const proxy = await testProxy({ lingerMs: 10_000 });
    try {
      const extra = await connect({ url: proxy.urlOf(db.url) });
      const lock = await extra.acquireLock({ key: 'close_test', timeoutMs: 5_000 });
      const pids = [extra.backendPid];
      const started = performance.now();
      await lock.release();
      await extra.close();
      expect(performance.now() - started).toBeLessThan(2_000);
      // The server got the Terminate: the session ends by itself.
      const deadline = Date.now() + 5_000;
      let alive = 1;
      while (alive > 0 && Date.now() < deadline) {
        alive = Number((await observer.query('SELECT count(*) AS n FROM pg_stat_activity WHERE pid = ANY($1)', [pids])).rows[0].n);
        if (alive > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(alive).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});

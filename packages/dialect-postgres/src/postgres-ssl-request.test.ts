import net from 'node:net';
import { RetortError } from '@retort/core';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database.js';
import { caught } from './__fixtures__/test-spies.js';
import { testProxy } from './__fixtures__/test-proxy.js';
import { connect } from './postgres-driver.js';
import { negotiateSsl } from './postgres-ssl-request.js';

describe('sslmode=prefer asks for TLS on the connection it keeps', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('ssl');
  });
  afterAll(() => db.drop());

  it('goes on in plain text on the same socket when the server declines', async () => {
    const proxy = await testProxy({ sslReply: 'N' });
    try {
      const conn = await connect({ url: `${proxy.urlOf(db.url)}?schema=app` });
      try {
        expect(await conn.query('SELECT current_schema() AS schema')).toEqual([{ schema: 'app' }]);
      } finally {
        await conn.close();
      }
      // One connection, not a TLS attempt and then a second plain one.
      expect(proxy.stats).toEqual({ connections: 1, sslRequests: 1, encrypted: 0 });
    } finally {
      await proxy.close();
    }
  });

  it('upgrades the socket to TLS when the server agrees, without verifying it (as libpq)', async () => {
    const proxy = await testProxy({ sslReply: 'S' });
    try {
      const conn = await connect({ url: proxy.urlOf(db.url) });
      try {
        expect(await conn.query('SELECT 1 + 1 AS two')).toEqual([{ two: 2 }]);
        const lock = await conn.acquireLock({ key: 'ssl_test', timeoutMs: 5_000 });
        await lock.release();
      } finally {
        await conn.close();
      }
      expect(proxy.stats).toEqual({ connections: 2, sslRequests: 2, encrypted: 2 });
    } finally {
      await proxy.close();
    }
  });

  it('refuses bytes sent after the answer, which someone on the path could have injected', async () => {
    const proxy = await testProxy({ sslReply: Buffer.from('Nx') });
    try {
      const error = await caught(connect({ url: proxy.urlOf(db.url) }));
      expect(error).toBeInstanceOf(RetortError);
      expect((error as RetortError).message).toBe(
        `Cannot connect to PostgreSQL at '${proxy.urlOf(db.url)}': There was an error establishing an SSL connection; check the host and port, and that the server is running.`,
      );
    } finally {
      await proxy.close();
    }
  });

  it('sends no SSLRequest with sslmode=disable', async () => {
    const proxy = await testProxy({ sslReply: 'N' });
    try {
      const conn = await connect({ url: `${proxy.urlOf(db.url)}?sslmode=disable` });
      await conn.close();
      expect(proxy.stats).toEqual({ connections: 1, sslRequests: 0, encrypted: 0 });
    } finally {
      await proxy.close();
    }
  });

  it('times out like node-postgres when the server never answers', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      await expect(negotiateSsl({ host: '127.0.0.1', port, timeoutMs: 100 }, {})).rejects.toThrow('timeout expired');
    } finally {
      silent.close();
    }
  });
});

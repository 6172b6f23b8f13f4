import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { RetortError } from '@retort/core';
import { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from './__fixtures__/test-database.js';
import { connect } from './postgres-driver.js';
import { negotiateSsl } from './postgres-ssl-request.js';

// A self-signed certificate for CN=localhost, for these tests only.
const CERT = readFileSync(new URL('./__fixtures__/tls-test-cert.pem', import.meta.url), 'utf8');
const KEY = readFileSync(new URL('./__fixtures__/tls-test-key.pem', import.meta.url), 'utf8');
const SERVER = new URL(TEST_SERVER_URL);

interface Proxy {
  readonly port: number;
  /** Connections accepted so far, and how many of them asked for SSL first. */
  readonly stats: { connections: number; sslRequests: number; encrypted: number };
  close(): Promise<void>;
}

/**
 * A proxy in front of the test server that answers the SSLRequest itself: `reply` 'N'
 * (plain), 'S' (TLS with the test certificate, decrypted towards the real server, which
 * has SSL off) or raw bytes (a misbehaving server).
 */
async function sslProxy(reply: 'N' | 'S' | Buffer): Promise<Proxy> {
  const stats = { connections: 0, sslRequests: 0, encrypted: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    stats.connections++;
    sockets.add(client);
    client.once('data', (first: Buffer) => {
      const isSslRequest = first.length === 8 && first.readInt32BE(4) === 80877103;
      const forward = (stream: net.Socket | tls.TLSSocket, pending?: Buffer): void => {
        const upstream = net.connect(Number(SERVER.port || 5432), SERVER.hostname);
        sockets.add(upstream);
        if (pending) upstream.write(pending);
        stream.pipe(upstream).pipe(stream);
        stream.on('error', () => upstream.destroy());
        upstream.on('error', () => stream.destroy());
      };
      if (!isSslRequest) {
        forward(client, first);
        return;
      }
      stats.sslRequests++;
      if (Buffer.isBuffer(reply)) {
        client.end(reply);
        return;
      }
      client.write(reply);
      if (reply === 'N') {
        forward(client);
        return;
      }
      const secure = new tls.TLSSocket(client, { isServer: true, cert: CERT, key: KEY });
      secure.once('secure', () => {
        stats.encrypted++;
        forward(secure);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    stats,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('sslmode=prefer asks for TLS on the connection it keeps', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('ssl');
  });
  afterAll(() => db.drop());

  const viaProxy = (proxy: Proxy, params = ''): string => {
    const url = new URL(db.url);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    return `${url.toString()}${params}`;
  };

  it('goes on in plain text on the same socket when the server declines', async () => {
    const proxy = await sslProxy('N');
    try {
      const conn = await connect({ url: viaProxy(proxy, '?schema=app') });
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
    const proxy = await sslProxy('S');
    try {
      const conn = await connect({ url: viaProxy(proxy) });
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
    const proxy = await sslProxy(Buffer.from('Nx'));
    try {
      const error = await connect({ url: viaProxy(proxy) }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(RetortError);
      expect((error as RetortError).message).toBe(
        `Cannot connect to PostgreSQL at '${viaProxy(proxy)}': There was an error establishing an SSL connection; check the host and port, and that the server is running.`,
      );
    } finally {
      await proxy.close();
    }
  });

  it('sends no SSLRequest with sslmode=disable', async () => {
    const proxy = await sslProxy('N');
    try {
      const conn = await connect({ url: viaProxy(proxy, '?sslmode=disable') });
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

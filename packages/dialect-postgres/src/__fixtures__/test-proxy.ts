import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { TEST_SERVER_URL } from './test-database.js';

// A self-signed certificate for CN=localhost, for these tests only.
const CERT = readFileSync(new URL('./tls-test-cert.pem', import.meta.url), 'utf8');
const KEY = readFileSync(new URL('./tls-test-key.pem', import.meta.url), 'utf8');
const SERVER = new URL(TEST_SERVER_URL);

/** A TCP proxy in front of the test server, counting what clients do. */
export interface TestProxy {
  readonly port: number;
  /** Connections accepted so far, how many asked for SSL first, and how many got TLS. */
  readonly stats: { connections: number; sslRequests: number; encrypted: number };
  /** `url` (a database URL on the test server) pointed at the proxy. */
  urlOf(url: string): string;
  close(): Promise<void>;
}

/** Options of {@link testProxy}. */
export interface TestProxyOptions {
  /**
   * The answer to an SSLRequest: 'N' (go on in plain text), 'S' (TLS with the test
   * certificate, decrypted towards the real server, which has SSL off) or raw bytes (a
   * misbehaving server, which then hangs up). Default 'N'.
   */
  readonly sslReply?: 'N' | 'S' | Buffer;
  /** Keep the client's socket open this long after the server closed its end. */
  readonly lingerMs?: number;
}

/**
 * Starts a proxy to the test server on a free port.
 *
 * @example
 * ```ts
 * const proxy = await testProxy({ sslReply: 'S' });
 * const conn = await connect({ url: proxy.urlOf(db.url) });
 * ```
 */
export async function testProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const reply = options.sslReply ?? 'N';
  const stats = { connections: 0, sslRequests: 0, encrypted: 0 };
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  // Half-open, so a client's FIN does not close the proxy's side before the server's does.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    stats.connections++;
    sockets.add(client);
    client.once('data', (first: Buffer) => {
      const isSslRequest = first.length === 8 && first.readInt32BE(4) === 80877103;
      const forward = (stream: net.Socket | tls.TLSSocket, pending?: Buffer): void => {
        const upstream = net.connect(Number(SERVER.port || 5432), SERVER.hostname);
        sockets.add(upstream);
        if (pending) upstream.write(pending);
        stream.pipe(upstream);
        upstream.on('data', (chunk: Buffer) => stream.write(chunk));
        upstream.on('end', () => {
          if (options.lingerMs === undefined) stream.end();
          else timers.add(setTimeout(() => stream.end(), options.lingerMs));
        });
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
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    stats,
    urlOf: (url) => {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      return proxied.toString();
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls, { type ConnectionOptions } from 'node:tls';

/** Where to open the socket: a TCP host and port, or a Unix socket folder (`/run/...`). */
export interface SslRequestTarget {
  readonly host: string;
  readonly port: number;
  /** Give up after this long, as node-postgres's `connectionTimeoutMillis` (0: never). */
  readonly timeoutMs?: number | undefined;
}

// Int32 length 8, Int32 request code 80877103: the protocol's SSLRequest message.
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/**
 * Opens a socket to the server and asks it for TLS, as libpq does for `sslmode=prefer`: when
 * the server answers `S` the socket is upgraded with `tlsOptions`; when it answers `N` the
 * same socket goes on in plain text. node-postgres alone treats `N` as an error, which cost
 * a second connection (and a second server process start) on every server with SSL off.
 * The result is ready for node-postgres's `stream` option with `ssl: false` (see
 * {@link adoptNegotiatedSocket}). Failures reject with node-postgres's own messages.
 *
 * @example
 * ```ts
 * const { socket, encrypted } = await negotiateSsl({ host: '127.0.0.1', port: 5432 }, { rejectUnauthorized: false });
 * const client = new pg.Client({ ...config, ssl: false, stream: () => adoptNegotiatedSocket(socket) });
 * ```
 */
export function negotiateSsl(
  target: SslRequestTarget,
  tlsOptions: ConnectionOptions,
): Promise<{ socket: Duplex; encrypted: boolean }> {
  return new Promise((resolve, reject) => {
    const raw = target.host.startsWith('/')
      ? net.connect(`${target.host}/.s.PGSQL.${target.port}`)
      : net.connect(target.port, target.host);
    raw.setNoDelay(true);
    let settled = false;
    let upgraded: tls.TLSSocket | undefined;
    const timer =
      target.timeoutMs !== undefined && target.timeoutMs > 0
        ? setTimeout(() => fail(new Error('timeout expired')), target.timeoutMs)
        : undefined;
    timer?.unref();
    const done = (): void => {
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      raw.removeListener('error', fail);
      upgraded?.removeListener('error', fail);
    };
    function fail(error: Error): void {
      if (settled) return;
      done();
      (upgraded ?? raw).destroy();
      reject(error);
    }
    raw.on('error', fail);
    raw.once('connect', () => raw.write(SSL_REQUEST));
    raw.once('data', (reply: Buffer) => {
      // One byte and nothing after it: bytes sent ahead of the handshake could have been
      // injected by someone on the path (CVE-2021-23222), so they are refused, as libpq does.
      const answer = reply.length === 1 ? String.fromCharCode(reply[0]!) : '';
      if (answer === 'N') {
        done();
        resolve({ socket: raw, encrypted: false });
        return;
      }
      if (answer !== 'S') {
        fail(new Error('There was an error establishing an SSL connection'));
        return;
      }
      const options: tls.ConnectionOptions = { ...tlsOptions, socket: raw, host: target.host };
      // SNI must not be an IP address (RFC 6066), as in node-postgres's own upgrade.
      if (net.isIP(target.host) === 0 && !target.host.startsWith('/')) options.servername = target.host;
      try {
        upgraded = tls.connect(options);
      } catch (error) {
        fail(error as Error);
        return;
      }
      upgraded.on('error', fail);
      upgraded.once('secureConnect', () => {
        if (settled || upgraded === undefined) return;
        done();
        resolve({ socket: upgraded, encrypted: true });
      });
    });
  });
}

/**
 * Makes a socket from {@link negotiateSsl} look new to node-postgres: its `connect()` (which
 * node-postgres calls with the host and port) only announces the connection that is
 * already open, and the startup message follows on it.
 *
 * @example
 * ```ts
 * new pg.Client({ ...config, ssl: false, stream: () => adoptNegotiatedSocket(socket) });
 * ```
 */
export function adoptNegotiatedSocket(socket: Duplex): Duplex {
  (socket as unknown as { connect: () => Duplex }).connect = () => {
    process.nextTick(() => socket.emit('connect'));
    return socket;
  };
  return socket;
}

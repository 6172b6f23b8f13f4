import net from 'node:net';
import { inspect } from 'node:util';
import { RetortError } from '@retort/core';
import { TEST_SERVER_URL } from './__fixtures__/test-database.js';
import { connect } from './postgres-driver.js';

const PASSWORD = 'Sup3r@Secret';
const ENCODED = encodeURIComponent(PASSWORD);

async function connectError(url: string): Promise<RetortError> {
  try {
    const conn = await connect({ url });
    await conn.close();
  } catch (error) {
    if (error instanceof RetortError) return error;
    throw error;
  }
  throw new Error('expected the connection to fail');
}

// Everything a caller could print or log about an error, its causes included.
function everything(error: unknown): string {
  const parts = [inspect(error, { depth: 10, showHidden: true })];
  if (error instanceof RetortError) parts.push(JSON.stringify(error.toJSON()));
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) parts.push(String(cause.stack));
  return parts.join('\n');
}

function expectNoPassword(error: unknown): void {
  const text = everything(error);
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(ENCODED);
}

/**
 * A fake server that asks for a cleartext password and rejects it with an error message
 * echoing the password back: the worst a server (or a proxy) could do.
 */
async function echoingServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let started = false;
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code === 80877103) {
            socket.write('N');
            continue;
          }
          started = true;
          socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]));
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) return;
        const password = buffer.subarray(5, length).toString('utf8').replace(/\0$/, '');
        buffer = buffer.subarray(length + 1);
        const fields = ['SFATAL', 'VFATAL', 'C28P01', `Mpassword authentication failed for user "alice" (got "${password}")`, `Dtried ${password}`];
        const body = Buffer.concat([...fields.map((field) => Buffer.from(`${field}\0`)), Buffer.from([0])]);
        const header = Buffer.alloc(5);
        header.write('E', 0);
        header.writeInt32BE(body.length + 4, 1);
        done = true;
        socket.end(Buffer.concat([header, body]));
        return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('passwords never reach messages, logs or errors', () => {
  it('hides the password a server echoes back in a failed login', async () => {
    const server = await echoingServer();
    try {
      const url = `postgres://alice:${ENCODED}@127.0.0.1:${server.port}/app?sslmode=prefer`;
      const error = await connectError(url);
      expect(error.code).toBe('E_CONNECTION');
      expect(error.message).toBe(
        `Cannot connect to PostgreSQL at 'postgres://alice:***@127.0.0.1:${server.port}/app?sslmode=prefer': ` +
          'password authentication failed for user "alice" (got "***") (SQLSTATE 28P01); check the user and password in the URL.',
      );
      expect((error.cause as { detail?: string }).detail).toBe('tried ***');
      expectNoPassword(error);
    } finally {
      await server.close();
    }
  });

  it('hides the password when the database does not exist', async () => {
    const base = new URL(TEST_SERVER_URL);
    const url = `postgres://${base.username || 'postgres'}:${ENCODED}@${base.host}/retort_no_such_db`;
    const error = await connectError(url);
    expect(error.message).toBe(
      `Cannot connect to PostgreSQL at 'postgres://${base.username || 'postgres'}:***@${base.host}/retort_no_such_db': ` +
        `database "retort_no_such_db" does not exist (SQLSTATE 3D000); create the database 'retort_no_such_db' or fix its name in the URL.`,
    );
    expectNoPassword(error);
  });

  it('hides the password when the host is unreachable', async () => {
    const error = await connectError(`postgres://app:${ENCODED}@127.0.0.1:1/app?sslmode=disable`);
    expect(error.message).toBe(
      "Cannot connect to PostgreSQL at 'postgres://app:***@127.0.0.1:1/app?sslmode=disable': connect ECONNREFUSED 127.0.0.1:1; " +
        'check the host and port, and that the server is running.',
    );
    expectNoPassword(error);
  });

  it('hides a ?password= parameter and reports an SSL mismatch with its fix', async () => {
    const base = new URL(TEST_SERVER_URL);
    const error = await connectError(`postgres://${base.host}/postgres?sslmode=require&password=${ENCODED}`);
    expect(error.message).toBe(
      `Cannot connect to PostgreSQL at 'postgres://${base.host}/postgres?sslmode=require&password=***': ` +
        'The server does not support SSL connections; use sslmode=prefer or sslmode=disable, or enable SSL on the server.',
    );
    expectNoPassword(error);
  });

  it('keeps the password out of a live connection and its query errors', async () => {
    const base = new URL(TEST_SERVER_URL);
    base.password = ENCODED;
    const conn = await connect({ url: base.toString() });
    try {
      expect(inspect(conn, { depth: 4 })).not.toContain(PASSWORD);
      expect(JSON.stringify(conn.url)).not.toContain(PASSWORD);
      let error: unknown;
      try {
        await conn.query(`SELECT '${PASSWORD}'::int`);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RetortError);
      expectNoPassword(error);
    } finally {
      await conn.close();
    }
  });
});

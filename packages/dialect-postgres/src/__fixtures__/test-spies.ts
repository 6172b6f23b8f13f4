import pg from 'pg';

/** Counts messages handed to node-postgres (each is one round trip) until restored. */
export function countSentQueries(): { count: () => number; restore: () => void } {
  const original = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { count: () => count, restore: () => void (pg.Client.prototype.query = original) };
}

/** The error a promise rejects with; fails the test when it resolves instead. */
export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

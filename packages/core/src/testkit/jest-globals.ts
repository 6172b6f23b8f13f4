/**
 * The few jest globals the test kit uses, read from `globalThis` when the suite is defined,
 * so @retort/core needs no test-framework dependency.
 */
export interface TestGlobals {
  describe(name: string, fn: () => void): void;
  test(name: string, fn: () => Promise<void> | void, timeout?: number): void;
  beforeAll(fn: () => Promise<void> | void, timeout?: number): void;
  afterAll(fn: () => Promise<void> | void, timeout?: number): void;
  beforeEach(fn: () => Promise<void> | void, timeout?: number): void;
  afterEach(fn: () => Promise<void> | void, timeout?: number): void;
  expect: ExpectFn;
}

/** The subset of jest's `expect` the kit asserts with. */
export type ExpectFn = (actual: unknown) => {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toMatchObject(expected: object): void;
  toThrow(expected?: string | RegExp): void;
  toMatch(expected: string | RegExp): void;
  rejects: { toThrow(expected?: string | RegExp): Promise<void>; toMatchObject(expected: object): Promise<void> };
  not: { toBe(expected: unknown): void; toEqual(expected: unknown): void };
};

/** The globals of the running test framework; throws outside a jest test file. */
export function testGlobals(): TestGlobals {
  const g = globalThis as unknown as Partial<TestGlobals>;
  if (typeof g.describe !== 'function' || typeof g.test !== 'function' || typeof g.expect !== 'function') {
    throw new Error('The Retort test kit must be called from a jest test file (describe/test/expect are missing).');
  }
  return g as TestGlobals;
}

import { CoalescingRunner } from './coalescing-runner.js';

describe('CoalescingRunner', () => {
  test('a burst of triggers while running ends in exactly one more run', async () => {
    const seen: number[] = [];
    let value = 0;
    let release: () => void = () => undefined;
    let first = true;
    const runner = new CoalescingRunner(async () => {
      if (first) {
        first = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
      seen.push(value);
    });
    void runner.trigger();
    for (let i = 1; i <= 50; i += 1) {
      value = i;
      void runner.trigger();
    }
    release();
    await runner.idle();
    expect(seen).toEqual([50, 50]);
  });

  test('runs again after going idle', async () => {
    let runs = 0;
    const runner = new CoalescingRunner(async () => {
      runs += 1;
    });
    await runner.trigger();
    await runner.trigger();
    expect(runs).toBe(2);
  });
});

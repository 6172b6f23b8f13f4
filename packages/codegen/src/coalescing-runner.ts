/**
 * Runs a task on demand, never twice at once: a trigger while a run is in flight returns
 * at once and schedules exactly one more run after it, so a burst of saves ends in one run
 * that sees the last save.
 *
 * @example
 * ```ts
 * const runner = new CoalescingRunner(async () => redraft());
 * watcher.on('change', () => void runner.trigger());
 * ```
 */
export class CoalescingRunner {
  readonly #task: () => Promise<void>;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(task: () => Promise<void>) {
    this.#task = task;
  }

  /** Starts a run, or marks one to follow the run in flight. Resolves when runs are done. */
  trigger(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Resolves once no run is in flight or pending. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      await this.#task();
    } while (this.#again);
  }
}

import type { Step } from '../graph/types.js';
import type { BatchProgress } from './migration-context.js';

/**
 * What the runner reports while it works; the CLI turns these into lines and progress bars.
 *
 * @example
 * ```ts
 * const onEvent = (event: RunEvent) => { if (event.type === 'step-done') console.log(event.step.revision, event.ms); };
 * ```
 */
export type RunEvent =
  | { readonly type: 'lock-wait'; readonly key: string }
  | { readonly type: 'plan'; readonly steps: readonly Step[] }
  | { readonly type: 'step-start'; readonly step: Step; readonly index: number; readonly total: number }
  | { readonly type: 'step-done'; readonly step: Step; readonly index: number; readonly total: number; readonly ms: number }
  | { readonly type: 'progress'; readonly step: Step; readonly progress: BatchProgress }
  | { readonly type: 'log'; readonly step: Step; readonly message: string };

/** The outcome of one step. */
export interface StepResult {
  readonly revision: string;
  readonly direction: 'up' | 'down';
  /** `'applied'` when run, `'planned'` in a dry run or offline output. */
  readonly status: 'applied' | 'planned';
  readonly ms: number;
}

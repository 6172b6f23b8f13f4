import { CoalescingRunner } from './coalescing-runner.js';

/** Options for {@link watchFiles}. */
export interface WatchFilesOptions {
  /** Files and folders to watch. */
  readonly paths: readonly string[];
  /** Paths to leave out (the draft folder, generated files, node_modules). */
  readonly ignored: (path: string) => boolean;
  /** Called for every batch of changes, never twice at once; also once when watching starts. */
  readonly onChange: (changed: readonly string[]) => Promise<void>;
  /** How long a file must stay unchanged before it counts as saved; default 25 ms. */
  readonly stabilityMs?: number;
}

/** A running watch. */
export interface FileWatch {
  /** Resolves after the first run (made when watching starts). */
  readonly ready: Promise<void>;
  /** Resolves when no run is in flight or pending. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches files with chokidar (`awaitWriteFinish`, `ignoreInitial`), runs `onChange` once
 * when ready, then once per burst of changes: events arriving while a run is in flight are
 * coalesced into a single following run that sees them all.
 *
 * @example
 * ```ts
 * const watch = await watchFiles({ paths: ['models.ts', 'migrations'], ignored: (p) => p.includes('_draft'),
 *   onChange: async (changed) => redraft(changed) });
 * ```
 */
export async function watchFiles(options: WatchFilesOptions): Promise<FileWatch> {
  const { watch } = await import('chokidar');
  let changed = new Set<string>();
  const runner = new CoalescingRunner(async () => {
    const batch = [...changed];
    changed = new Set();
    await options.onChange(batch);
  });
  const stability = options.stabilityMs ?? 25;
  const watcher = watch([...options.paths], {
    ignoreInitial: true,
    ignored: (path: string) => options.ignored(path),
    awaitWriteFinish: { stabilityThreshold: stability, pollInterval: Math.max(5, Math.floor(stability / 3)) },
  });
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) {
    watcher.on(event, (path: string) => {
      changed.add(path);
      void runner.trigger();
    });
  }
  const ready = new Promise<void>((resolve, reject) => {
    watcher.once('ready', () => {
      runner.trigger().then(resolve, reject);
    });
    watcher.once('error', reject);
  });
  return {
    ready,
    idle: () => runner.idle(),
    close: async () => {
      await watcher.close();
      await runner.idle();
    },
  };
}

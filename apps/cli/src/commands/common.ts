import { userInfo } from 'node:os';
import { join } from 'node:path';
import { openProject, RetortError, type DatabaseTarget, type Project, type RunEvent, type Settings } from '@retort/core';
import { cacheDir, hash } from '../cache-dir.js';
import type { CliContext } from '../cli-context.js';
import { loadDialect } from '../dialects.js';
import { VERSION } from '../version.js';

/** The migrations folder of the settings, loaded with its graph. */
export async function loadProject(ctx: CliContext): Promise<{ settings: Settings; project: Project }> {
  const settings = await ctx.settings();
  const cacheFile = join(cacheDir((await ctx.config()).root, ctx.facts.env), `revisions-${hash(settings.dir)}.bin`);
  return { settings, project: openProject(settings.displayDir, { cacheFile }) };
}

/** The database the settings point at, with its dialect loaded. */
export async function databaseTarget(settings: Settings): Promise<DatabaseTarget> {
  return { dialect: await loadDialect(settings.dialect), url: settings.url, urlBase: settings.urlBase, tables: settings.tables };
}

/** Who runs migrations, for the history table. */
export function executedBy(ctx: CliContext): string {
  try {
    return ctx.facts.env['RETORT_USER'] ?? userInfo().username;
  } catch {
    return 'unknown';
  }
}

export const TOOL_VERSION = `retort ${VERSION}`;

/**
 * Asks before a destructive command in environments that require confirmation (non-dev
 * environments, or `confirm: true`); `--yes` answers for scripts.
 */
export async function confirmDestructive(ctx: CliContext, settings: Settings, action: string): Promise<void> {
  if (!settings.confirmDestructive || ctx.options.yes) return;
  const where = settings.environment ? `environment '${settings.environment}'` : 'this database';
  if (!ctx.out.interactive || !ctx.facts.stdin.isTTY) {
    throw new RetortError('E_USAGE', `${action} on ${where} needs confirmation; pass --yes to confirm it non-interactively.`, {
      facts: { argument: settings.environment },
    });
  }
  const { confirm, isCancel } = await import('@clack/prompts');
  const answer = await confirm({ message: `${action} on ${where}?`, initialValue: false });
  if (isCancel(answer) || answer !== true) {
    throw new RetortError('E_ABORTED', `${action} cancelled; nothing was changed.`);
  }
}

/** Shows run progress: a line per step, or a progress bar on a terminal for long plans. */
export function progressReporter(ctx: CliContext, project?: Project): { onEvent: (event: RunEvent) => void; stop: () => void } {
  const out = ctx.out;
  let bar: { update(value: number, payload?: object): void; stop(): void; start(total: number, value: number, payload?: object): void } | undefined;
  let barLoading: Promise<void> | undefined;
  const startBar = (total: number) => {
    barLoading = import('cli-progress').then(({ default: progress }) => {
      bar = new progress.SingleBar(
        { format: ' {bar} {value}/{total} {revision}', stream: out.progressStream, hideCursor: true, clearOnComplete: true },
        progress.Presets.shades_classic,
      );
      bar.start(total, 0, { revision: '' });
    });
  };
  return {
    onEvent: (event) => {
      if (out.json || out.quiet) return;
      switch (event.type) {
        case 'plan':
          if (out.interactive && event.steps.length > 20) startBar(event.steps.length);
          break;
        case 'step-done': {
          if (barLoading) {
            bar?.update(event.index + 1, { revision: event.step.revision });
            break;
          }
          const arrow = event.step.direction === 'up' ? out.c.green('↑') : out.c.yellow('↓');
          const message = project?.byId.get(event.step.revision)?.message;
          out.note(`${arrow} ${event.step.revision}${message ? ` ${message}` : ''} ${out.c.dim(`(${event.ms} ms)`)}`);
          break;
        }
        case 'progress':
          out.note(`  ${event.progress.table}: ${event.progress.done}/${event.progress.total} rows`);
          break;
        case 'log':
          out.note(`  ${event.message}`);
          break;
        default:
          break;
      }
    },
    stop: () => bar?.stop(),
  };
}

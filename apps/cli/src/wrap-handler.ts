import { isRetortError } from '@retort/core';
import { CliContext, type GlobalOptions, type ProcessFacts } from './cli-context.js';

/** What a command handler returns: its JSON document and, for humans, how to print it. */
export interface CommandResult {
  /** The `--json` document without `ok` (added here), or a function building it only for --json. */
  readonly json: Record<string, unknown> | (() => Record<string, unknown>);
  /** Prints the human form. */
  readonly print?: () => void;
  /** Non-error exit code (3 for `check` differences). */
  readonly exitCode?: 0 | 3;
  /** `ok` in the JSON document; false for `check` with differences. */
  readonly ok?: boolean;
}

/** A command's body: gets the context, its positional arguments and its options. */
export type CommandHandler<Options> = (
  ctx: CliContext,
  args: readonly (string | string[] | undefined)[],
  options: Options & GlobalOptions,
) => Promise<CommandResult>;

/**
 * The one place that prints results and errors and sets the exit code: 0 success, 1 failure
 * while running, 2 bad usage or input, 3 differences found.
 *
 * @example
 * ```ts
 * program.command('heads').action(wrapHandler(facts, headsCommand));
 * ```
 */
export function wrapHandler<Options>(
  facts: ProcessFacts,
  handler: CommandHandler<Options>,
): (...commanderArgs: unknown[]) => Promise<void> {
  return async (...commanderArgs: unknown[]) => {
    const command = commanderArgs[commanderArgs.length - 1] as { optsWithGlobals(): Options & GlobalOptions };
    const args = commanderArgs.slice(0, -2) as (string | string[] | undefined)[];
    const options = command.optsWithGlobals();
    const ctx = new CliContext(options, facts);
    try {
      const result = await handler(ctx, args, options);
      if (ctx.out.json) ctx.out.document({ ok: result.ok ?? true, ...(typeof result.json === 'function' ? result.json() : result.json) });
      else result.print?.();
      ctx.out.flush();
      process.exitCode = result.exitCode ?? 0;
    } catch (error) {
      ctx.out.flush();
      process.exitCode = reportError(ctx, error);
    }
  };
}

/** Prints an error in the current mode and returns the exit code for it. */
export function reportError(ctx: CliContext, error: unknown): number {
  if (isRetortError(error)) {
    if (ctx.out.json) ctx.out.document({ ok: false, error: error.toJSON() });
    else {
      ctx.out.error(error.message);
      if (ctx.options.debug && error.cause) ctx.out.error(String((error.cause as Error).stack ?? error.cause));
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (ctx.out.json) ctx.out.document({ ok: false, error: { code: 'E_INTERNAL', message } });
  else {
    ctx.out.error(`${message} (an unexpected error; rerun with --debug for details)`);
    if (ctx.options.debug && error instanceof Error && error.stack) ctx.out.error(error.stack);
  }
  return 1;
}

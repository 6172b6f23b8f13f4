import { RetortError } from '../errors.js';
import { importModule } from '../util/import-module.js';
import type { MigrationContext } from './migration-context.js';

/** A programmatic step: the default export of `up.ts` / `down.ts`. */
export type MigrationProgram = (ctx: MigrationContext) => Promise<void> | void;

/**
 * Loads a programmatic step (`up.ts`) through jiti, uncached so edits are seen.
 *
 * @example
 * ```ts
 * const program = await loadProgram('migrations/5e1f_prices/up.ts');
 * await program(ctx);
 * ```
 */
export async function loadProgram(file: string): Promise<MigrationProgram> {
  let loaded: unknown;
  try {
    loaded = await importModule(file, { default: true });
  } catch (error) {
    throw new RetortError('E_INVALID_FILE', `${file} failed to load (${(error as Error).message.split('\n')[0]}); fix the file.`, {
      facts: { file },
      cause: error,
    });
  }
  if (typeof loaded !== 'function') {
    throw new RetortError(
      'E_INVALID_FILE',
      `${file} must export a default async function (ctx) => {}, but exports ${typeof loaded}; add \`export default async (ctx) => { ... }\`.`,
      { facts: { file } },
    );
  }
  return loaded as MigrationProgram;
}

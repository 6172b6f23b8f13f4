import { fileURLToPath } from 'node:url';
import { configureModuleAliases } from '@retort/core';
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';

/**
 * Runs the CLI with the given arguments (without `node retort`). Sets `process.exitCode`;
 * never calls `process.exit`, so pending output is flushed.
 *
 * @example
 * ```ts
 * await main(['upgrade', 'head', '--json']);
 * ```
 */
export async function main(argv: readonly string[]): Promise<void> {
  // models.ts and retort.config.ts may import 'retort' (the DSL, defineConfig) without a local install.
  configureModuleAliases({ retort: fileURLToPath(import.meta.resolve('retort')) });
  const facts = { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  const program = buildProgram(facts, argv);
  try {
    await program.parseAsync(['node', 'retort', ...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors (unknown option, missing argument) exit 2.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      if (error.exitCode !== 0 && argv.includes('--json')) {
        facts.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'E_USAGE', message: error.message.replace(/^error: /, '') } })}\n`);
      }
      return;
    }
    throw error;
  }
}

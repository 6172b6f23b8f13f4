import type { Command } from 'commander';
import type { ProcessFacts } from '../cli-context.js';
import { registerAuthoring } from './authoring.js';
import { registerInspect } from './inspect.js';
import { registerMigrate } from './migrate.js';
import { registerSchemaCommands } from './schema-commands.js';
import { registerState } from './state.js';
import { registerWatch } from './watch.js';

/**
 * A group of commands registered together, with the names of the commands it adds.
 *
 * @example
 * ```ts
 * const inspect: CommandGroup = { names: ['heads', 'history'], register: registerInspect };
 * ```
 */
export interface CommandGroup {
  readonly names: readonly string[];
  readonly register: (program: Command, facts: ProcessFacts) => void;
}

/**
 * Every command group, registered in this order (also the order of `--help`). The names
 * let a run register only the group of the command it runs (program.test.ts checks them
 * against what each group registers).
 *
 * @example
 * ```ts
 * COMMAND_GROUPS.find((group) => group.names.includes('history'))?.register(program, facts);
 * ```
 */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { names: ['init', 'revision', 'merge', 'edit'], register: registerAuthoring },
  { names: ['upgrade', 'downgrade'], register: registerMigrate },
  { names: ['current', 'stamp', 'status', 'ensure-version'], register: registerState },
  { names: ['heads', 'history', 'show', 'graph', 'branches'], register: registerInspect },
  { names: ['check', 'diff', 'lint'], register: registerSchemaCommands },
  { names: ['watch'], register: registerWatch },
];

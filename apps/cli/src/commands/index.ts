import type { Command } from 'commander';
import type { ProcessFacts } from '../cli-context.js';
import { registerAuthoring } from './authoring.js';
import { registerInspect } from './inspect.js';
import { registerMigrate } from './migrate.js';
import { registerSchemaCommands } from './schema-commands.js';
import { registerState } from './state.js';
import { registerWatch } from './watch.js';

/** Every command group, registered in this order (also the order of `--help`). */
export const COMMANDS: readonly ((program: Command, facts: ProcessFacts) => void)[] = [
  registerAuthoring,
  registerMigrate,
  registerState,
  registerInspect,
  registerSchemaCommands,
  registerWatch,
];

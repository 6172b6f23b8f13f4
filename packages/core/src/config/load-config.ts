import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as v from 'valibot';
import { RetortError } from '../errors.js';
import { closestMatch } from '../util/closest-match.js';
import { importModule } from '../util/import-module.js';
import { configSchema, type RetortConfig } from './config-schema.js';

/** Config file names, in the order they are looked for in each folder. */
export const CONFIG_FILES = ['retort.config.ts', 'retort.config.mts', 'retort.config.js', 'retort.config.mjs', 'retort.config.json'] as const;

/** A config file found and loaded. */
export interface LoadedConfig {
  /** Path of the file, or undefined when there is none (all defaults). */
  readonly file: string | undefined;
  /** Folder relative paths in the config resolve against. */
  readonly root: string;
  readonly config: RetortConfig;
}

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Folder to start the upward search from. */
  readonly cwd: string;
  /** Explicit config file (`-c`); no search. */
  readonly file?: string | undefined;
  /** Variables `${VAR}` in values read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Finds the config file upward from `cwd` (or takes `file`), loads it (`.ts` through jiti,
 * `.json` parsed), substitutes `${VAR}` / `${VAR:-default}` from `env`, and validates it,
 * collecting every problem into one `E_CONFIG` error.
 *
 * @example
 * ```ts
 * const { config, root } = await loadConfig({ cwd: process.cwd(), env: process.env });
 * ```
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const file = options.file ?? findConfigFile(options.cwd);
  if (file === undefined) return { file: undefined, root: options.cwd, config: {} };
  if (!existsSync(file)) {
    throw new RetortError('E_CONFIG', `Config file '${file}' does not exist; fix the -c path or remove the option.`, {
      facts: { file },
    });
  }
  const raw = file.endsWith('.json') ? readJsonConfig(file) : await importConfig(file);
  const problems: string[] = [];
  const interpolated = interpolate(raw, options.env, problems, '');
  const result = v.safeParse(configSchema, interpolated);
  if (!result.success) {
    for (const issue of result.issues) problems.push(describeIssue(issue));
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? '' : `${problems.length} problems: `;
    const body = problems.join('; ');
    throw new RetortError('E_CONFIG', `${file}: ${count}${body}${body.endsWith('?') ? '' : '.'}`, { facts: { file, problems } });
  }
  return { file, root: dirname(file), config: result.output as RetortConfig };
}

/**
 * The nearest config file in `cwd` or a parent folder, or undefined.
 *
 * @example
 * ```ts
 * findConfigFile('/repo/packages/app'); // '/repo/retort.config.json'
 * ```
 */
export function findConfigFile(cwd: string): string | undefined {
  let dir = cwd;
  for (;;) {
    for (const name of CONFIG_FILES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readJsonConfig(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RetortError('E_CONFIG', `${file}: is not valid JSON (${(error as Error).message.split('\n')[0]}); fix the syntax.`, {
      facts: { file },
      cause: error,
    });
  }
}

async function importConfig(file: string): Promise<unknown> {
  try {
    return await importModule(file, { default: true });
  } catch (error) {
    throw new RetortError('E_CONFIG', `${file}: failed to load (${(error as Error).message.split('\n')[0]}); fix the file.`, {
      facts: { file },
      cause: error,
    });
  }
}

function interpolate(value: unknown, env: LoadConfigOptions['env'], problems: string[], path: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_match, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      problems.push(`"${path}" uses \${${name}}, which is not set; set ${name} in the environment or .env, or write \${${name}:-default}`);
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, env, problems, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = interpolate(item, env, problems, path ? `${path}.${key}` : key);
    return out;
  }
  return value;
}

const CONFIG_KEYS = Object.keys(configSchema.entries).filter((key) => key !== '$schema');
const ENVIRONMENT_KEYS = ['url', 'dir', 'confirm'];

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const key = v.getDotPath(issue) ?? '';
  if (issue.type === 'strict_object' && key !== '' && issue.expected === 'never') {
    const name = key.split('.').pop() ?? key;
    const known = key.includes('.') ? ENVIRONMENT_KEYS : CONFIG_KEYS;
    const suggestion = closestMatch(name, known);
    return `"${key}" is not a known key; ${suggestion ? `did you mean "${suggestion}"?` : `remove it (known: ${known.join(', ')})`}`;
  }
  if (issue.type === 'object' || issue.type === 'strict_object') {
    return key ? `"${key}" must be an object, got ${JSON.stringify(issue.input)}` : `the config must be an object, got ${JSON.stringify(issue.input)}`;
  }
  return `"${key}" ${issue.message}, got ${JSON.stringify(issue.input)}`;
}

import { isAbsolute, relative, resolve } from 'node:path';
import { dialectOfUrl } from '../database-url.js';
import type { VersionTableNames } from '../dialect/types.js';
import { RetortError } from '../errors.js';
import type { LoadedConfig } from './load-config.js';

/** Environment names that never ask for confirmation unless `confirm: true` says so. */
export const DEVELOPMENT_ENVIRONMENTS: readonly string[] = Object.freeze(['dev', 'development', 'local', 'test']);

/** Defaults used when neither the config nor the command line says otherwise. */
export const DEFAULTS = Object.freeze({
  url: 'sqlite:./dev.db',
  dir: './migrations',
  versionTable: 'retort_version',
  historyTable: 'retort_history',
  folderTemplate: '{{id}}_{{slug}}',
  lockTimeoutSeconds: 60,
  sqliteTarget: '3.35' as const,
});

/** Everything a command needs to know about where it works, fully resolved. */
export interface Settings {
  readonly configFile: string | undefined;
  readonly url: string;
  readonly dialect: 'sqlite' | 'postgres';
  /** Folder relative file URLs (`sqlite:./dev.db`) resolve against. */
  readonly urlBase: string;
  /** Absolute migrations folder. */
  readonly dir: string;
  /** The migrations folder as shown to the user (relative to cwd when inside it). */
  readonly displayDir: string;
  readonly environment: string | undefined;
  /** Destructive commands must be confirmed (or `--yes` given). */
  readonly confirmDestructive: boolean;
  readonly tables: VersionTableNames;
  readonly folderTemplate: string;
  readonly models: string | undefined;
  readonly templates: string | undefined;
  readonly renames: string | undefined;
  readonly sqliteTarget: '3.35' | '3.53';
  readonly lockTimeoutMs: number;
}

/** Command-line values that override the config. */
export interface SettingsOverrides {
  readonly cwd: string;
  readonly url?: string | undefined;
  readonly dir?: string | undefined;
  readonly environment?: string | undefined;
  readonly lockTimeoutSeconds?: number | undefined;
}

/**
 * Merges defaults, the config, the selected environment and command-line overrides.
 * Paths from the config resolve against the config's folder; paths from the command line
 * against the working directory.
 *
 * @example
 * ```ts
 * const settings = resolveSettings(await loadConfig({ cwd, env }), { cwd, url: 'sqlite::memory:' });
 * ```
 */
export function resolveSettings(loaded: LoadedConfig, overrides: SettingsOverrides): Settings {
  const { config, root } = loaded;
  const environmentName = overrides.environment ?? config.defaultEnvironment;
  let environment: NonNullable<typeof config.environments>[string] | undefined;
  if (environmentName !== undefined) {
    environment = config.environments?.[environmentName];
    if (environment === undefined) {
      const known = Object.keys(config.environments ?? {});
      throw new RetortError(
        'E_CONFIG',
        `Environment '${environmentName}' is not defined${loaded.file ? ` in ${loaded.file}` : ''}; ${known.length ? `use one of ${known.map((k) => `'${k}'`).join(', ')}` : 'add it under "environments"'}.`,
        { facts: { argument: environmentName, file: loaded.file } },
      );
    }
  }

  const fromCli = overrides.url !== undefined;
  const url = overrides.url ?? environment?.url ?? config.url ?? DEFAULTS.url;
  const dialect = dialectOfUrl(url);
  const urlBase = fromCli ? overrides.cwd : root;

  const dirFromCli = overrides.dir !== undefined;
  const dirValue = overrides.dir ?? environment?.dir ?? config.dir ?? DEFAULTS.dir;
  const dir = resolve(dirFromCli ? overrides.cwd : root, dirValue);

  const urlSchema = /[?&]schema=([^&#]+)/.exec(url)?.[1];
  const lockTimeoutSeconds = overrides.lockTimeoutSeconds ?? config.lockTimeout ?? DEFAULTS.lockTimeoutSeconds;
  const confirmDestructive =
    environment?.confirm ?? (environmentName !== undefined && !DEVELOPMENT_ENVIRONMENTS.includes(environmentName));

  return {
    configFile: loaded.file,
    url,
    dialect,
    urlBase,
    dir,
    displayDir: displayPath(dir, overrides.cwd),
    environment: environmentName,
    confirmDestructive,
    tables: {
      versionTable: config.versionTable ?? DEFAULTS.versionTable,
      historyTable: config.historyTable ?? DEFAULTS.historyTable,
      schema: urlSchema === undefined ? config.schema : decodeURIComponent(urlSchema),
    },
    folderTemplate: config.folderTemplate ?? DEFAULTS.folderTemplate,
    models: config.models === undefined ? undefined : resolve(root, config.models),
    templates: config.templates === undefined ? undefined : resolve(root, config.templates),
    renames: config.renames === undefined ? undefined : resolve(root, config.renames),
    sqliteTarget: config.sqliteTarget ?? DEFAULTS.sqliteTarget,
    lockTimeoutMs: Math.round(lockTimeoutSeconds * 1000),
  };
}

/**
 * `path` relative to `cwd` when it lies inside it, else absolute.
 *
 * @example
 * ```ts
 * displayPath('/repo/migrations/a1_init', '/repo'); // 'migrations/a1_init'
 * ```
 */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

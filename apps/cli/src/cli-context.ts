import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findConfigFile, loadConfig, redactSecrets, resolveSettings, type LoadedConfig, type Settings } from '@retort/core';
import { Output } from './output.js';

/** Global options every command accepts (before or after the command name). */
export interface GlobalOptions {
  readonly config?: string;
  readonly url?: string;
  readonly dir?: string;
  readonly env?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly debug?: boolean;
  readonly color?: boolean;
  readonly yes?: boolean;
  readonly lockTimeout?: string;
}

/** The process-level facts a command runs with; the only place they are read. */
export interface ProcessFacts {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
}

/**
 * What a command handler gets: options, output, and lazily resolved settings (config
 * loading costs nothing for commands that never ask).
 *
 * @example
 * ```ts
 * const settings = await ctx.settings();
 * ctx.out.line(settings.displayDir);
 * ```
 */
export class CliContext {
  readonly options: GlobalOptions;
  readonly out: Output;
  readonly facts: ProcessFacts;
  #settings: Promise<Settings> | undefined;
  #loaded: Promise<LoadedConfig> | undefined;
  #secrets: string[] = [];

  constructor(options: GlobalOptions, facts: ProcessFacts) {
    this.options = options;
    this.facts = facts;
    const color = options.color !== false && facts.env['NO_COLOR'] === undefined && Boolean(facts.stdout.isTTY || facts.env['FORCE_COLOR']);
    this.out = new Output({
      json: Boolean(options.json),
      quiet: Boolean(options.quiet),
      color,
      stdout: facts.stdout,
      stderr: facts.stderr,
      redact: (text) => this.redact(text),
    });
    this.#remember(options.url);
  }

  get cwd(): string {
    return this.facts.cwd;
  }

  /** Hides every known database password in `text`. */
  redact(text: string): string {
    return this.#secrets.length === 0 ? text : redactSecrets(text, this.#secrets);
  }

  // Only URLs that carry a password need redacting (most do not: sqlite:, trust auth).
  #remember(url: string | undefined): void {
    if (url && /^[a-z][a-z0-9+.-]*:\/\/[^/@:?#]*:[^@/?#]+@|[?&](?:sslpassword|password)=/i.test(url)) this.#secrets.push(url);
  }

  /** The loaded config (after `.env` is read into the environment). */
  config(): Promise<LoadedConfig> {
    this.#loaded ??= this.#loadConfig();
    return this.#loaded;
  }

  /** Settings: defaults, config, environment and command-line options merged. */
  settings(): Promise<Settings> {
    this.#settings ??= this.config().then((loaded) => {
      const lockTimeout = this.options.lockTimeout === undefined ? undefined : Number(this.options.lockTimeout);
      const settings = resolveSettings(loaded, {
        cwd: this.cwd,
        url: this.options.url,
        dir: this.options.dir,
        environment: this.options.env,
        lockTimeoutSeconds: lockTimeout,
      });
      this.#remember(settings.url);
      return settings;
    });
    return this.#settings;
  }

  async #loadConfig(): Promise<LoadedConfig> {
    const file = this.options.config === undefined ? findConfigFile(this.cwd) : resolve(this.cwd, this.options.config);
    for (const folder of new Set([this.cwd, file === undefined ? this.cwd : dirname(file)])) {
      const envFile = join(folder, '.env');
      if (existsSync(envFile)) process.loadEnvFile(envFile);
    }
    const loaded = await loadConfig({ cwd: this.cwd, file, env: this.facts.env });
    for (const value of [loaded.config.url, ...Object.values(loaded.config.environments ?? {}).map((e) => e.url)]) this.#remember(value);
    return loaded;
  }
}

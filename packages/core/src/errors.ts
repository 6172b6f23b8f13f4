/**
 * Typed errors. Every error Retort raises on purpose is a {@link RetortError}: a stable
 * `code`, a one-sentence message that quotes the bad value and names the fix, the facts
 * behind it, and the exit code the CLI maps it to (2 for bad usage or input, 1 for a
 * failure while running).
 *
 * @example
 * ```ts
 * try { graph.resolve('head'); }
 * catch (e) { if (e instanceof RetortError && e.code === 'E_MULTIPLE_HEADS') console.log(e.facts); }
 * ```
 */

/** Every error code Retort emits, with the exit code it maps to. */
export const ERROR_CODES = {
  // bad usage or bad input: exit 2
  E_USAGE: 2,
  E_CONFIG: 2,
  E_INVALID_META: 2,
  E_INVALID_FILE: 2,
  E_DUPLICATE_ID: 2,
  E_MISSING_PARENT: 2,
  E_CYCLE: 2,
  E_LABEL_REUSED: 2,
  E_UNKNOWN_REVISION: 2,
  E_AMBIGUOUS_PREFIX: 2,
  E_MULTIPLE_HEADS: 2,
  E_AMBIGUOUS_WALK: 2,
  E_RELATIVE_RANGE: 2,
  E_NOT_A_HEAD: 2,
  E_NOT_AN_ANCESTOR: 2,
  E_INVALID_TARGET: 2,
  E_IRREVERSIBLE: 2,
  E_UNSUPPORTED: 2,
  E_MODEL: 2,
  E_RENAME_REQUIRED: 2,
  // failures while running: exit 1
  E_MIGRATION_FAILED: 1,
  E_DATABASE: 1,
  E_LOCK_TIMEOUT: 1,
  E_CONNECTION: 1,
  E_ABORTED: 1,
} as const;

/** A Retort error code such as `'E_MULTIPLE_HEADS'`. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Facts attached to an error: the values a script or test may want to inspect. */
export interface ErrorFacts {
  readonly [key: string]: unknown;
  /** File at fault, as given to Retort (relative paths stay relative). */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
  /** The argument or value at fault. */
  readonly argument?: string;
}

/** Options for {@link RetortError}. */
export interface RetortErrorOptions {
  readonly facts?: ErrorFacts;
  readonly cause?: unknown;
}

/**
 * Base class of every deliberate Retort error.
 *
 * @example
 * ```ts
 * throw new RetortError('E_USAGE', "Unknown format 'svg'; use one of ascii, mermaid, dot, html.");
 * ```
 */
export class RetortError extends Error {
  readonly code: ErrorCode;
  readonly facts: ErrorFacts;

  constructor(code: ErrorCode, message: string, options: RetortErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RetortError';
    this.code = code;
    this.facts = options.facts ?? {};
  }

  /** The process exit code the CLI uses for this error (1 or 2). */
  get exitCode(): 1 | 2 {
    return ERROR_CODES[this.code];
  }

  /** Plain JSON form used by `--json` output: `{ code, message, ...facts }`. */
  toJSON(): { code: ErrorCode; message: string } & Record<string, unknown> {
    const facts: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.facts)) {
      if (value !== undefined) facts[key] = value;
    }
    return { code: this.code, message: this.message, ...facts };
  }
}

/**
 * True when `value` is a {@link RetortError}, optionally with the given code. Works across
 * duplicated module instances (it checks the shape, not the prototype).
 *
 * @example
 * ```ts
 * if (isRetortError(e, 'E_LOCK_TIMEOUT')) retryLater();
 * ```
 */
export function isRetortError(value: unknown, code?: ErrorCode): value is RetortError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  if (candidate.name !== 'RetortError' || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}

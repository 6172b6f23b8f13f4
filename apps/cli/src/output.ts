import { createColors } from 'picocolors';

/** Colour functions used by the human output. */
export type Colors = ReturnType<typeof createColors>;

/** Options for {@link Output}. */
export interface OutputProps {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Hides secrets (database passwords) in everything written. */
  readonly redact: (text: string) => string;
}

/**
 * Where the CLI writes. Human text goes to stdout (notes and warnings to stderr); with
 * `--json` exactly one JSON document goes to stdout and human text is silenced.
 *
 * @example
 * ```ts
 * const out = new Output({ json: false, quiet: false, color: true, stdout: process.stdout, stderr: process.stderr, redact: (t) => t });
 * out.line(out.c.green('ok'));
 * ```
 */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly c: Colors;
  readonly #props: OutputProps;
  #chunks: string[] = [];

  constructor(props: OutputProps) {
    this.#props = props;
    this.json = props.json;
    this.quiet = props.quiet;
    this.c = createColors(props.color);
  }

  /** True when stderr is an interactive terminal (progress bars, prompts). */
  get interactive(): boolean {
    return Boolean(this.#props.stderr.isTTY) && !this.json;
  }

  /** A line of the command's result (suppressed by --json and -q). */
  line(text = ''): void {
    if (this.json || this.quiet) return;
    this.#chunks.push(`${this.#props.redact(text)}\n`);
    if (this.#chunks.length >= 512) this.flush();
  }

  /** Raw text of the result, e.g. offline SQL (suppressed only by --json). */
  raw(text: string): void {
    if (this.json) return;
    this.#chunks.push(this.#props.redact(text));
  }

  /** A note about progress, on stderr (suppressed by --json and -q). */
  note(text: string): void {
    if (this.json || this.quiet) return;
    this.flush();
    this.#props.stderr.write(`${this.#props.redact(text)}\n`);
  }

  /** A warning on stderr, shown even with -q (not with --json). */
  warn(text: string): void {
    if (this.json) return;
    this.flush();
    this.#props.stderr.write(`${this.c.yellow('warning')} ${this.#props.redact(text)}\n`);
  }

  /** An error on stderr (human mode). */
  error(text: string): void {
    this.flush();
    this.#props.stderr.write(`${this.c.red('error')} ${this.#props.redact(text)}\n`);
  }

  /** The one JSON document of a --json run. */
  document(value: unknown): void {
    this.#props.stdout.write(`${this.#props.redact(JSON.stringify(value))}\n`);
  }

  /** The stream progress bars draw on. */
  get progressStream(): NodeJS.WritableStream {
    return this.#props.stderr;
  }

  /** Writes buffered lines in one write (thousands of history lines cost one syscall). */
  flush(): void {
    if (this.#chunks.length === 0) return;
    this.#props.stdout.write(this.#chunks.join(''));
    this.#chunks = [];
  }
}

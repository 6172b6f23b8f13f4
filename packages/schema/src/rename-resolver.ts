import { RetortError } from '@retort/core';

/**
 * A question the diff asks when something was dropped and something compatible was added:
 * is it a rename? Columns are compatible when their canonical types are equal; tables when
 * they share a non-key column (same name and type); candidates come best match first.
 *
 * @example
 * ```ts
 * const q: RenameQuestion = { kind: 'column', table: 'users', from: 'name', candidates: ['full_name'] };
 * ```
 */
export interface RenameQuestion {
  readonly kind: 'table' | 'column';
  /** For a column: its table, by its name in the target schema. */
  readonly table?: string;
  /** For a column whose table was renamed too: the table's old name. */
  readonly fromTable?: string;
  /** The dropped name. */
  readonly from: string;
  /** Added names it could have become, best match first. */
  readonly candidates: readonly string[];
}

/**
 * Answers a {@link RenameQuestion}: the candidate it was renamed to, or `null` when it was
 * really dropped (and the candidates really added).
 *
 * @example
 * ```ts
 * const resolveRename: RenameResolver = (q) => (q.from === 'name' ? 'full_name' : null);
 * ```
 */
export type RenameResolver = (question: RenameQuestion) => string | null;

/** A parsed rename hint: `users.name=full_name`, `old=new`, or `users.name=` (dropped on purpose). */
export interface RenameHint {
  readonly kind: 'table' | 'column';
  readonly table?: string;
  readonly from: string;
  /** `null`: dropped on purpose, not renamed. */
  readonly to: string | null;
  /** The hint as written, for messages. */
  readonly text: string;
}

const HINT = /^\s*([^.=\s]+)(?:\.([^.=\s]+))?\s*=\s*([^.=\s]*)\s*$/;

/**
 * Parses `--rename` values: `users.name=full_name` (column), `old_table=new_table` (table),
 * `users.bio=` or `old_table=` (dropped on purpose: do not ask, do not rename).
 *
 * @example
 * ```ts
 * parseRenameHints(['users.name=full_name', 'customers=clients']);
 * ```
 */
export function parseRenameHints(values: readonly string[], source = '--rename'): RenameHint[] {
  return values.map((text) => {
    const m = HINT.exec(text);
    if (!m) {
      throw new RetortError(
        'E_USAGE',
        `Rename hint '${text}' in ${source} is not valid; write table.old_column=new_column, old_table=new_table, or table.column= to drop it.`,
        { facts: { argument: text, file: source } },
      );
    }
    const [, first = '', second, target = ''] = m;
    const to = target === '' ? null : target;
    return second === undefined
      ? { kind: 'table', from: first, to, text: text.trim() }
      : { kind: 'column', table: first, from: second, to, text: text.trim() };
  });
}

/**
 * Parses a hints file: JSON `{ "version": 1, "renames": ["users.name=full_name", ...] }`.
 * `file` names the file in error messages.
 *
 * @example
 * ```ts
 * parseRenameHintsFile('{"version":1,"renames":["users.name=full_name"]}', 'renames.json');
 * ```
 */
export function parseRenameHintsFile(text: string, file: string): RenameHint[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new RetortError('E_USAGE', `Rename hints file '${file}' is not valid JSON; write {"version":1,"renames":["table.old=new"]}.`, {
      facts: { file },
      cause,
    });
  }
  const doc = data as { version?: unknown; renames?: unknown };
  if (typeof data !== 'object' || data === null || doc.version !== 1) {
    throw new RetortError('E_USAGE', `Rename hints file '${file}' has version ${JSON.stringify(doc?.version)}; set "version": 1.`, {
      facts: { file },
    });
  }
  const extra = Object.keys(doc).filter((k) => k !== 'version' && k !== 'renames');
  if (extra.length > 0) {
    throw new RetortError('E_USAGE', `Rename hints file '${file}' has unknown key '${extra[0]}'; only "version" and "renames" are allowed.`, {
      facts: { file, argument: extra[0] },
    });
  }
  if (!Array.isArray(doc.renames) || doc.renames.some((r) => typeof r !== 'string')) {
    throw new RetortError('E_USAGE', `Rename hints file '${file}' needs "renames" to be a list of strings like "users.name=full_name".`, {
      facts: { file },
    });
  }
  return parseRenameHints(doc.renames as string[], file);
}

/** Options for {@link renameResolverFromHints}. */
export interface HintResolverOptions {
  /**
   * What to answer when no hint covers a question: `'error'` (default) throws
   * `E_RENAME_REQUIRED`; `'drop'` answers "not a rename" (watch mode, which never blocks).
   */
  readonly otherwise?: 'error' | 'drop';
}

/**
 * A resolver answering from hints. A hint naming a target that is not among the question's
 * candidates throws `E_USAGE`; a question no hint covers throws `E_RENAME_REQUIRED` (unless
 * `otherwise: 'drop'`).
 *
 * @example
 * ```ts
 * const resolveRename = renameResolverFromHints(parseRenameHints(['users.name=full_name']));
 * diff(before, after, { resolveRename });
 * ```
 */
export function renameResolverFromHints(hints: readonly RenameHint[], options: HintResolverOptions = {}): RenameResolver {
  return (q) => {
    const hint = hints.find(
      (h) =>
        h.kind === q.kind &&
        h.from === q.from &&
        (q.kind === 'table' || h.table === q.table || (q.fromTable !== undefined && h.table === q.fromTable)),
    );
    if (hint) {
      if (hint.to === null) return null;
      if (q.candidates.includes(hint.to)) return hint.to;
      throw new RetortError(
        'E_USAGE',
        `Rename hint '${hint.text}' names no added compatible ${q.kind}; use one of ${q.candidates.join(', ')}.`,
        { facts: { argument: hint.text, candidates: q.candidates } },
      );
    }
    if (options.otherwise === 'drop') return null;
    throw renameRequired(q);
  };
}

/**
 * The error raised when a drop + add might be a rename and nothing says which.
 *
 * @example
 * ```ts
 * throw renameRequired({ kind: 'column', table: 'users', from: 'name', candidates: ['full_name'] });
 * ```
 */
export function renameRequired(q: RenameQuestion): RetortError {
  const first = q.candidates[0] ?? '';
  const what = q.kind === 'column' ? `Column '${q.table}.${q.from}'` : `Table '${q.from}'`;
  const hint = q.kind === 'column' ? `${q.table}.${q.from}` : q.from;
  return new RetortError(
    'E_RENAME_REQUIRED',
    `${what} was dropped and ${q.candidates.map((c) => `'${c}'`).join(', ')} added; pass --rename ${hint}=${first} to rename it, or --rename ${hint}= to drop it.`,
    { facts: { argument: hint, candidates: q.candidates } },
  );
}

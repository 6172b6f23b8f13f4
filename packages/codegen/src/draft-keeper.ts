import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newRevisionId } from './revision-id.js';
import { renderRevision, writeRevisionFolder } from './write-revision.js';

/** The folder watch mode keeps its draft in (ignored by the loader: it starts with `_`). */
export const DRAFT_FOLDER = '_draft';

/** What the next draft should hold. */
export interface DraftPlan {
  readonly parents: readonly string[];
  /** up.sql / down.sql bodies (hazard comments and directives included). */
  readonly up: string;
  readonly down: string;
}

/** The draft's bookkeeping, kept in `_draft/draft.json`. */
export interface DraftState {
  readonly version: 1;
  readonly id: string;
  readonly parents: readonly string[];
  readonly up: string;
  readonly down: string;
  /** Checksums of the up.sql/down.sql files as written, to notice hand edits. */
  readonly files: { readonly up: string; readonly down: string };
  /** With `--apply`: the SQL applied to the dev database and the SQL that reverts it. */
  readonly applied?: { readonly up: string; readonly down: string };
}

/** Runs draft SQL on the dev database (`--apply`). */
export interface DraftApplier {
  run(sql: string): Promise<void>;
}

/** What {@link DraftKeeper.update} did. */
export type DraftOutcome = 'created' | 'updated' | 'unchanged' | 'removed' | 'none' | 'kept-edited';

/** Options for {@link DraftKeeper}. */
export interface DraftKeeperProps {
  /** The migrations directory. */
  readonly dir: string;
  readonly templatesDir?: string | undefined;
  /** Keeps the dev database at the draft (down the old draft, up the new). */
  readonly applier?: DraftApplier | undefined;
}

/**
 * Keeps one draft revision in step with the models: created, rewritten (atomically) or
 * removed as the diff changes; with an applier, the dev database follows it. A draft whose
 * SQL was edited by hand is left alone (finalize it to keep the edit).
 *
 * @example
 * ```ts
 * const keeper = new DraftKeeper({ dir: 'migrations' });
 * await keeper.update({ parents: ['a1'], up: 'ALTER TABLE ...;', down: '...' });
 * ```
 */
export class DraftKeeper {
  readonly #props: DraftKeeperProps;

  constructor(props: DraftKeeperProps) {
    this.#props = props;
  }

  /** Path of the draft folder. */
  get path(): string {
    return join(this.#props.dir, DRAFT_FOLDER);
  }

  /** The draft's state, or undefined when there is no draft. */
  read(): DraftState | undefined {
    const file = join(this.path, 'draft.json');
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as DraftState;
    } catch {
      return undefined;
    }
  }

  /** True when up.sql or down.sql differ from what the keeper wrote. */
  editedByHand(state: DraftState | undefined = this.read()): boolean {
    if (!state) return false;
    return checksumOf(join(this.path, 'up.sql')) !== state.files.up || checksumOf(join(this.path, 'down.sql')) !== state.files.down;
  }

  /** Brings the draft (and, with an applier, the dev database) in line with `plan`. */
  async update(plan: DraftPlan | undefined): Promise<DraftOutcome> {
    const state = this.read();
    if (state && this.editedByHand(state)) return 'kept-edited';
    if (!plan) {
      if (!state) return 'none';
      await this.revertApplied(state);
      rmSync(this.path, { recursive: true, force: true });
      return 'removed';
    }
    const same = state && state.up === plan.up && state.down === plan.down && sameList(state.parents, plan.parents);
    if (same) {
      if (this.#props.applier && !state.applied) await this.#write(state.id, plan, await this.#apply(plan));
      return 'unchanged';
    }
    if (state) await this.revertApplied(state);
    const applied = this.#props.applier ? await this.#apply(plan) : undefined;
    await this.#write(state?.id ?? newRevisionId(), plan, applied);
    return state ? 'updated' : 'created';
  }

  /** Reverts the applied draft on the dev database, if any (before a finalize or an upgrade). */
  async revertApplied(state: DraftState | undefined = this.read()): Promise<void> {
    if (!state?.applied || !this.#props.applier) return;
    await this.#props.applier.run(state.applied.down);
    const { applied: _applied, ...rest } = state;
    if (existsSync(this.path)) this.#writeState(rest);
  }

  async #apply(plan: DraftPlan): Promise<{ up: string; down: string }> {
    await this.#props.applier!.run(plan.up);
    return { up: plan.up, down: plan.down };
  }

  async #write(id: string, plan: DraftPlan, applied: DraftState['applied']): Promise<void> {
    const options = { dir: this.#props.dir, folder: DRAFT_FOLDER, replace: true, templatesDir: this.#props.templatesDir };
    const rendered = await renderRevision(
      { id, parents: plan.parents, message: 'draft (retort watch keeps this in step with the models)', up: plan.up, down: plan.down },
      options,
    );
    const text = (name: string) => rendered.files.find(([file]) => file === name)?.[1] ?? '';
    const state: DraftState = {
      version: 1,
      id,
      parents: plan.parents,
      up: plan.up,
      down: plan.down,
      files: { up: checksum(text('up.sql')), down: checksum(text('down.sql')) },
      ...(applied ? { applied } : {}),
    };
    writeRevisionFolder({ ...rendered, files: [...rendered.files, ['draft.json', `${JSON.stringify(state, null, 2)}\n`]] }, options);
  }

  #writeState(state: DraftState): void {
    const file = join(this.path, 'draft.json');
    writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  }
}

function checksum(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

function checksumOf(file: string): string {
  try {
    return checksum(readFileSync(file));
  } catch {
    return '';
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

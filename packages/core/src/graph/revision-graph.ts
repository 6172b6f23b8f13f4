/**
 * The revision graph: Alembic's `RevisionMap` with its upgrade, downgrade and stamp
 * planning and head maintenance, built from revisions already loaded (in load order,
 * which breaks ties exactly as Alembic's does). Pure: it never reads files or databases.
 */
import { buildGraphCore } from './build-graph.js';
import { BASE_REF, type GraphCore, idsOf } from './graph-core.js';
import { relativeRange } from './graph-errors.js';
import { applyStep } from './head-maintainer.js';
import { iterateRevisions } from './iterate-revisions.js';
import { planNewRevision } from './plan-new-revision.js';
import { planDowngrade, planUpgrade } from './plan-migration.js';
import { planStamp } from './plan-stamp.js';
import { matchRelative, parseDowngradeTarget, parseUpgradeTarget } from './relative-target.js';
import { getRevision, getRevisions } from './resolve-target.js';
import type {
  AppliedStep, Direction, IterateOptions, NewRevisionOptions, NewRevisionPlan, RevisionInfo, RevisionNode, Step,
  StampOptions, StampPlan, StampStep, Target, WalkOptions,
} from './types.js';
import { walkHistory } from './walk-history.js';

/**
 * The newest revision, or the single head of a branch as `label@head`.
 *
 * @example
 * ```ts
 * graph.planUpgrade(HEAD, current);
 * ```
 */
export const HEAD = 'head';
/**
 * Every head (version rows after `upgrade heads`).
 *
 * @example
 * ```ts
 * graph.planUpgrade(HEADS, current);
 * ```
 */
export const HEADS = 'heads';
/**
 * Below the first revision: an empty version table.
 *
 * @example
 * ```ts
 * graph.planDowngrade(BASE, current);
 * ```
 */
export const BASE = 'base';

/**
 * Options of {@link RevisionGraph.resolve} for relative targets read against version rows.
 *
 * @example
 * ```ts
 * graph.resolve('+1', { currentHeads: ['b'], direction: 'up' }); // ['c']
 * ```
 */
export interface ResolveOptions {
  readonly currentHeads: readonly string[];
  /** Read the target as `upgrade` (`up`, default) or `downgrade` (`down`) would. */
  readonly direction?: Direction;
}

/** What {@link RevisionGraph.summary} returns. */
export interface RevisionSummary {
  readonly isHead: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  /** Declared and propagated branch labels, sorted. */
  readonly labels: readonly string[];
}

/**
 * A revision's summary with its parents and message: what a one-line listing shows.
 *
 * @example
 * ```ts
 * const brief = project.overview.brief('c3d4'); // { isHead: true, ..., parents: ['a1b2'], message: 'add reviews' }
 * ```
 */
export interface RevisionBrief extends RevisionSummary {
  readonly parents: readonly string[];
  readonly message: string;
}

/**
 * A validated revision graph.
 *
 * @example
 * ```ts
 * const graph = RevisionGraph.from([
 *   { id: 'a', parents: [], dependsOn: [], branchLabels: [] },
 *   { id: 'b', parents: ['a'], dependsOn: [], branchLabels: [] },
 * ]);
 * graph.heads;                       // ['b']
 * graph.planUpgrade('head', []);     // [{ revision: 'a', direction: 'up' }, { revision: 'b', direction: 'up' }]
 * ```
 */
export class RevisionGraph {
  readonly #core: GraphCore;
  #order: readonly string[] | undefined;
  // Label sets are shared along chains; sort each set once.
  readonly #sortedLabels = new WeakMap<ReadonlySet<string>, readonly string[]>();

  private constructor(core: GraphCore) {
    this.#core = core;
  }

  /**
   * Validates and builds a graph; throws E_DUPLICATE_ID, E_MISSING_PARENT, E_CYCLE,
   * E_LABEL_REUSED or E_INVALID_META.
   *
   * @example
   * ```ts
   * RevisionGraph.from(nodes).realHeads;
   * ```
   */
  static from(nodes: readonly RevisionNode[]): RevisionGraph {
    return new RevisionGraph(buildGraphCore(nodes));
  }

  /** Number of revisions. */
  get size(): number {
    return this.#core.ids.length;
  }

  /** Revisions in load order. */
  get nodes(): readonly RevisionNode[] {
    return this.#core.nodes;
  }

  /** Alembic's `heads`: revisions without children, including ones only depended on. */
  get heads(): readonly string[] {
    return idsOf(this.#core, this.#core.heads);
  }

  /** Revisions that nothing has as parent or dependency (what `heads` resolves to). */
  get realHeads(): readonly string[] {
    return idsOf(this.#core, this.#core.realHeads);
  }

  /** Revisions without parents. */
  get bases(): readonly string[] {
    return idsOf(this.#core, this.#core.bases);
  }

  /** Revisions without parents or dependencies. */
  get realBases(): readonly string[] {
    return idsOf(this.#core, this.#core.realBases);
  }

  /** Whether `id` is a revision id (not a prefix or label). */
  has(id: string): boolean {
    const r = this.#core.keys.get(id);
    return r !== undefined && this.#core.ids[r] === id;
  }

  /**
   * A revision by exact id, with computed facts.
   *
   * @example
   * ```ts
   * graph.get('b')?.isBranchPoint;
   * ```
   */
  get(id: string): RevisionInfo | undefined {
    if (!this.has(id)) return undefined;
    return this.#info(this.#core.keys.get(id)!);
  }

  /**
   * Branch points, newest first (what `retort branches` lists).
   *
   * @example
   * ```ts
   * graph.branchPoints().map((r) => [r.id, r.children]); // [['b', ['c1', 'c2']]]
   * ```
   */
  branchPoints(): RevisionInfo[] {
    return this.topologicalOrder().filter((id) => this.#core.children[this.#core.keys.get(id)!]!.length > 1)
      .map((id) => this.#info(this.#core.keys.get(id)!));
  }

  /**
   * Every revision a target names (Alembic's `get_revisions`): `[]` for base. Relative
   * targets anchored on a revision (`ae10+2`, `head-1`, `base+2`) are walked; with
   * `options`, bare ones (`+1`, `label@-2`) are read against the version rows as `upgrade`
   * or `downgrade` would (without, `-N` walks down from every head, as Alembic does).
   *
   * @example
   * ```ts
   * graph.resolve('heads');            // ['c1', 'c2']
   * graph.resolve(['c1', 'ae10']);     // ['c1', 'ae10f3b2c1d4']
   * ```
   */
  resolve(target: Target, options?: ResolveOptions): string[] {
    const relative = typeof target === 'string' ? matchRelative(target) : null;
    // `<rev>+N`, `head-1`, `base+2` need no version rows; Alembic's get_revisions cannot
    // resolve them at all (ids never contain + or -), so reading them as upgrade does only adds.
    const refs = relative && (options || relative.symbol !== null)
      ? this.#resolveRelative(target as string, options ?? { currentHeads: [] })
      : getRevisions(this.#core, target);
    return refs.flatMap((r) => {
      // Alembic returns None for a `-N` that walks off the graph; Retort says so instead.
      if (r === null) throw relativeRange(String(target), Math.abs(Number(relative?.relative ?? String(target).split('@').pop())));
      return r === BASE_REF ? [] : [this.#core.ids[r]!];
    });
  }

  /**
   * The one revision a target names, `null` for base (Alembic's `get_revision`); throws
   * E_MULTIPLE_HEADS when it names several.
   *
   * @example
   * ```ts
   * graph.resolveOne('ebranch@head'); // 'f'
   * ```
   */
  resolveOne(target: string | null): string | null {
    const r = getRevision(this.#core, target);
    return r === null ? null : this.#core.ids[r]!;
  }

  /**
   * Steps `retort upgrade <target>` runs from `currentHeads`, in order.
   *
   * @example
   * ```ts
   * graph.planUpgrade('heads', ['a']);
   * ```
   */
  planUpgrade(target: Target, currentHeads: readonly string[]): Step[] {
    return planUpgrade(this.#core, target, currentHeads);
  }

  /**
   * Steps `retort downgrade <target>` runs from `currentHeads`, in order.
   *
   * @example
   * ```ts
   * graph.planDowngrade('c1branch@base', ['d1', 'd2']);
   * ```
   */
  planDowngrade(target: Target, currentHeads: readonly string[]): Step[] {
    return planDowngrade(this.#core, target, currentHeads);
  }

  /**
   * What `retort stamp <target>` writes to the version table.
   *
   * @example
   * ```ts
   * graph.planStamp('base', ['d']).changes; // [{ kind: 'delete', ops: [{ op: 'delete', revision: 'd' }] }]
   * ```
   */
  planStamp(target: Target, currentHeads: readonly string[], options: StampOptions = {}): StampPlan {
    return planStamp(this.#core, target, currentHeads, options);
  }

  /**
   * The version-row change one step makes, and the rows afterwards.
   *
   * @example
   * ```ts
   * graph.applyStep(['b'], { revision: 'c', direction: 'up' }); // { heads: ['c'], change: { kind: 'update', ... } }
   * ```
   */
  applyStep(currentHeads: readonly string[], step: Step | StampStep): AppliedStep {
    return applyStep(this.#core, currentHeads, step);
  }

  /**
   * Alembic's `iterate_revisions`: ids from `upper` down to `lower`, newest first.
   *
   * @example
   * ```ts
   * graph.iterate('heads', 'ebranch@base'); // ['f', 'someothername', 'e', 'd']
   * ```
   */
  iterate(upper: Target, lower: Target, options: IterateOptions = {}): string[] {
    return idsOf(this.#core, iterateRevisions(this.#core, upper, lower, options));
  }

  /**
   * `retort history [-r start:end]`: ids newest first.
   *
   * @example
   * ```ts
   * graph.walk({ range: 'current:', currentHeads: ['b'] });
   * ```
   */
  walk(options: WalkOptions = {}): string[] {
    if (options.range === undefined) return [...this.topologicalOrder()];
    return idsOf(this.#core, walkHistory(this.#core, options));
  }

  /**
   * Every revision, newest first, in `retort history` order (computed once).
   *
   * @example
   * ```ts
   * graph.topologicalOrder()[0]; // a head
   * ```
   */
  topologicalOrder(): readonly string[] {
    this.#order ??= Object.freeze(idsOf(this.#core, walkHistory(this.#core)));
    return this.#order;
  }

  /**
   * Parents and dependencies for `retort revision`, with Alembic's checks.
   *
   * @example
   * ```ts
   * graph.planNewRevision({ head: 'c2branch@head' }); // { parents: ['d2'], dependsOn: [], branchLabels: [] }
   * ```
   */
  planNewRevision(options: NewRevisionOptions = {}): NewRevisionPlan {
    return planNewRevision(this.#core, options);
  }

  /**
   * The flags history lines show, without building a full {@link RevisionInfo} (cheap for
   * 10,000 lines). Undefined for an unknown id.
   *
   * @example
   * ```ts
   * graph.summary('b'); // { isHead: false, isBranchPoint: true, isMergePoint: false, labels: ['feature'] }
   * ```
   */
  summary(id: string): RevisionSummary | undefined {
    const r = this.#core.keys.get(id);
    if (r === undefined || this.#core.ids[r] !== id) return undefined;
    const core = this.#core;
    const set = core.labels[r]!;
    let labels = this.#sortedLabels.get(set);
    if (!labels) {
      labels = Object.freeze([...set].sort());
      this.#sortedLabels.set(set, labels);
    }
    return {
      isHead: core.children[r]!.length === 0,
      isBranchPoint: core.children[r]!.length > 1,
      isMergePoint: core.parents[r]!.length > 1,
      labels,
    };
  }

  #resolveRelative(target: string, options: ResolveOptions) {
    const current = [...options.currentHeads];
    if (options.direction === 'down') return [parseDowngradeTarget(this.#core, current, target, true).revision];
    return parseUpgradeTarget(this.#core, current, target, true);
  }

  #info(r: number): RevisionInfo {
    const core = this.#core;
    const node = core.nodes[r]!;
    return {
      id: node.id,
      parents: node.parents,
      dependsOn: node.dependsOn,
      branchLabels: node.branchLabels,
      children: idsOf(core, core.children[r]!),
      dependents: idsOf(core, core.allChildren[r]!),
      resolvedDependsOn: idsOf(core, core.deps[r]!),
      normalizedDependsOn: idsOf(core, core.normalizedDeps[r]!),
      labels: [...core.labels[r]!].sort(),
      isBranchPoint: core.children[r]!.length > 1,
      isMergePoint: node.parents.length > 1,
      isHead: core.children[r]!.length === 0,
      isBase: node.parents.length === 0,
    };
  }
}

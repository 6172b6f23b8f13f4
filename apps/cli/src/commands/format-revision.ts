import type { Project, RevisionBrief } from '@retort/core';
import type { Colors } from '../output.js';

/** A revision as `--json` output shows it (DESIGN §7). */
export interface RevisionJson {
  readonly id: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly path: string;
}

/** The `--json` form of one revision. */
export function revisionJson(project: Project, id: string): RevisionJson {
  const revision = project.revision(id);
  if (!revision) throw new Error(`revision ${id} is not loaded`);
  return {
    id,
    parents: revision.parents,
    message: revision.message,
    branchLabels: revision.branchLabels,
    dependsOn: revision.dependsOn,
    path: revision.path,
  };
}

/**
 * One line per revision, Alembic style:
 * `a1b2 -> c3d4 (head) (reviews), add reviews`.
 */
export function revisionLine(project: Project, id: string, c: Colors, current?: ReadonlySet<string>): string {
  const info = project.overview.brief(id);
  return info ? briefLine(id, info, c, current) : id;
}

/**
 * {@link revisionLine} from a brief already at hand (`overview.eachInHistory`).
 *
 * @example
 * ```ts
 * project.overview.eachInHistory((id, brief) => out.line(briefLine(id, brief, out.c)));
 * ```
 */
export function briefLine(id: string, info: RevisionBrief, c: Colors, current?: ReadonlySet<string>): string {
  // Called 10,000 times by `history`: plain concatenation, no per-line arrays.
  let tags = '';
  if (info.isHead) tags += ` ${c.green('(head)')}`;
  if (info.isBranchPoint) tags += ` ${c.yellow('(branchpoint)')}`;
  if (info.isMergePoint) tags += ` ${c.magenta('(mergepoint)')}`;
  if (current?.has(id)) tags += ` ${c.cyan('(current)')}`;
  if (info.labels.length > 0) tags += ` ${c.blue(labelList(info.labels))}`;
  const parents = info.parents.length === 0 ? '<base>' : info.parents.length === 1 ? info.parents[0]! : info.parents.join(', ');
  return `${c.dim(parents)} -> ${c.bold(id)}${tags}, ${info.message || c.dim('(no message)')}`;
}

// Labels propagate along branches, so thousands of revisions share one long label list:
// format each list once.
const labelLists = new WeakMap<readonly string[], string>();

function labelList(labels: readonly string[]): string {
  let text = labelLists.get(labels);
  if (text === undefined) {
    text = `(${labels.join(', ')})`;
    labelLists.set(labels, text);
  }
  return text;
}

/** The multi-line `-v` description of a revision. */
export function revisionDetails(project: Project, id: string, c: Colors, current: ReadonlySet<string> = new Set()): string[] {
  const revision = project.revision(id);
  const info = project.graph.get(id);
  if (!revision || !info) return [id];
  const tags = [info.isHead ? 'head' : '', info.isBranchPoint ? 'branchpoint' : '', info.isMergePoint ? 'mergepoint' : '', current.has(id) ? 'current' : '']
    .filter(Boolean)
    .join(', ');
  const lines = [`${c.bold('Rev:')} ${id}${tags ? ` (${tags})` : ''}`];
  lines.push(`${c.bold(revision.parents.length > 1 ? 'Merges:' : 'Parent:')} ${revision.parents.length ? revision.parents.join(', ') : '<base>'}`);
  if (info.children.length > 1) lines.push(`${c.bold('Branches into:')} ${info.children.join(', ')}`);
  if (info.labels.length) lines.push(`${c.bold('Branch names:')} ${info.labels.join(', ')}`);
  if (revision.dependsOn.length) lines.push(`${c.bold('Also depends on:')} ${revision.dependsOn.join(', ')}`);
  lines.push(`${c.bold('Path:')} ${revision.path}`);
  if (revision.createdAt) lines.push(`${c.bold('Created:')} ${revision.createdAt}`);
  lines.push('', `    ${revision.message || '(no message)'}`, '');
  return lines;
}

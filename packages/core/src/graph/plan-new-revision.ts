/**
 * `retort revision`: where a new revision attaches, with the checks of Alembic's
 * `ScriptDirectory.generate_revision` (one head unless `--head`, heads only unless
 * `--splice`, dependencies resolved, labels unused).
 */
import { RetortError, isRetortError } from '../errors.js';
import type { GraphCore } from './graph-core.js';
import { invalidTarget, multipleHeadsForNewRevision } from './graph-errors.js';
import { checkId } from './graph-validation.js';
import { getRevision, getRevisions } from './resolve-target.js';
import type { NewRevisionOptions, NewRevisionPlan } from './types.js';

/**
 * Parents, resolved dependencies and labels for a new revision.
 *
 * @example
 * ```ts
 * planNewRevision(core, { head: 'b', splice: true, branchLabels: ['feature'] });
 * // { parents: ['b'], dependsOn: [], branchLabels: ['feature'] }
 * ```
 */
export function planNewRevision(core: GraphCore, options: NewRevisionOptions = {}): NewRevisionPlan {
  if (options.id !== undefined) checkId(options.id);
  const heads = headsFor(core, options.head ?? 'head');
  if (new Set(heads).size !== heads.length) {
    throw invalidTarget(String(options.head), 'names the same head more than once; name each head once');
  }
  if (!options.splice) {
    for (const h of heads) {
      if (core.children[h]!.length > 0) {
        throw new RetortError('E_NOT_A_HEAD', `Revision '${core.ids[h]}' is not a head; pass --splice to branch from it.`, {
          facts: { revision: core.ids[h]!, argument: core.ids[h]! },
        });
      }
    }
  }
  const dependsOn = (options.dependsOn ?? []).map((dep) => {
    const r = getRevision(core, dep);
    if (r === null) throw invalidTarget(dep, 'names base, which a revision cannot depend on');
    return core.labels[r]!.has(dep) ? dep : core.ids[r]!;
  });
  const branchLabels = [...(options.branchLabels ?? [])];
  const newId = options.id ?? 'the new revision';
  branchLabels.forEach((label, i) => {
    const owner = core.keys.get(label);
    const usedBy = owner !== undefined ? core.ids[owner]! : branchLabels.indexOf(label) < i || label === options.id ? newId : null;
    if (usedBy !== null) {
      throw new RetortError(
        'E_LABEL_REUSED',
        `Branch name '${label}' in revision ${newId} already used by revision ${usedBy}; choose another --branch-label.`,
        { facts: { label, revision: newId, usedBy } },
      );
    }
  });
  if (options.id !== undefined && core.keys.has(options.id)) {
    throw new RetortError('E_DUPLICATE_ID', `Revision ${options.id} is present more than once; pass another --rev-id.`, {
      facts: { revision: options.id },
    });
  }
  return { parents: heads.map((h) => core.ids[h]!), dependsOn, branchLabels };
}

function headsFor(core: GraphCore, head: NonNullable<NewRevisionOptions['head']>): number[] {
  try {
    const refs = getRevisions(core, head);
    if (refs.some((r) => typeof r !== 'number')) throw invalidTarget(String(head), 'walks past base');
    return refs as number[];
  } catch (error) {
    if (isRetortError(error, 'E_MULTIPLE_HEADS')) {
      throw multipleHeadsForNewRevision((error.facts.heads as string[] | undefined) ?? []);
    }
    throw error;
  }
}

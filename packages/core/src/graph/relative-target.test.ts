import { BRANCHED } from './__fixtures__/graph-nodes.js';
import { buildGraphCore } from './build-graph.js';
import { parseDowngradeTarget, parseUpgradeTarget, walkSteps } from './relative-target.js';

const core = buildGraphCore(BRANCHED);
const at = (id: string): number => core.keys.get(id)!;
const name = (r: number | 'base' | null): string | null => (typeof r === 'number' ? core.ids[r]! : r);

describe('walkSteps', () => {
  test('walks parents down and children up, base below the roots', () => {
    expect(name(walkSteps(core, at('d1'), -2, null, true))).toBe('b');
    expect(name(walkSteps(core, at('a'), -1, null, true))).toBe('base');
    expect(name(walkSteps(core, at('a'), -2, null, true))).toBeNull();
    expect(name(walkSteps(core, at('a'), -2, null, false))).toBe('base');
    expect(name(walkSteps(core, null, 2, null, true))).toBe('b');
    expect(name(walkSteps(core, at('b'), 1, 'c2branch', true))).toBe('c2');
  });

  test('a step with several choices is ambiguous', () => {
    expect(() => walkSteps(core, at('b'), 1, null, true)).toThrow(
      "Ambiguous walk from 'b': it leads to 'c1', 'c2'; name a branch ('label@+1') or an absolute revision.",
    );
  });
});

describe('parseUpgradeTarget', () => {
  test('+N from the current rows, within a branch when labelled', () => {
    expect(parseUpgradeTarget(core, ['c1'], 'c2branch@+1', true).map(name)).toEqual(['c2']);
    expect(parseUpgradeTarget(core, ['c1', 'c2'], 'c2branch@+1', true).map(name)).toEqual(['d2']);
    expect(parseUpgradeTarget(core, [], '+1', true).map(name)).toEqual(['a']);
    expect(parseUpgradeTarget(core, ['a'], 'c2branch@head-1', true).map(name)).toEqual(['c2']);
  });

  test('relative steps that cannot be taken', () => {
    expect(() => parseUpgradeTarget(core, ['c1', 'c2'], '+1', true)).toThrow(
      "Ambiguous upgrade from multiple current revisions 'c1', 'c2'; name a branch ('label@+1') or an absolute revision.",
    );
    expect(() => parseUpgradeTarget(core, ['b'], '-2', true)).toThrow(
      "Relative revision -2 didn't produce 2 migrations; use a smaller step or an absolute revision (run `retort history` to list revisions).",
    );
    expect(() => parseUpgradeTarget(core, ['d1'], 'c1branch@+5', true)).toThrow(expect.objectContaining({ code: 'E_RELATIVE_RANGE' }));
  });
});

describe('parseDowngradeTarget', () => {
  test('absolute targets keep their branch part', () => {
    expect(parseDowngradeTarget(core, ['d1', 'd2'], 'c2branch@b', true)).toEqual({ branch: 'c2branch', revision: at('b') });
    expect(parseDowngradeTarget(core, ['d1'], null, true)).toEqual({ branch: null, revision: null });
  });

  test('-N steps from the first row (Alembic), label@-N from the branch row', () => {
    expect(parseDowngradeTarget(core, ['d2', 'd1'], '-1', true)).toEqual({ branch: 'd2', revision: at('c2') });
    expect(parseDowngradeTarget(core, ['d1', 'd2'], 'c1branch@-1', true)).toEqual({ branch: 'c1branch', revision: at('c1') });
    expect(parseDowngradeTarget(core, ['d1'], 'base+2', true)).toEqual({ branch: null, revision: at('b') });
  });

  test('downgrade steps that cannot be taken', () => {
    expect(() => parseDowngradeTarget(core, [], '-1', true)).toThrow("Relative revision -1 didn't produce 1 migrations");
    expect(() => parseDowngradeTarget(core, ['b'], '+2', true)).toThrow("Relative revision +2 didn't produce 2 migrations");
    expect(() => parseDowngradeTarget(core, ['d1'], 'a-3', true)).toThrow(
      "Walked too far: 'a-3' steps past the end of the revision graph; use a smaller step or an absolute revision.",
    );
    expect(() => parseDowngradeTarget(core, ['d1'], 'c2branch@-1', true)).toThrow(
      "Branch 'c2branch' has no current revision to step -1 from; run `retort current` and name an absolute revision.",
    );
  });
});

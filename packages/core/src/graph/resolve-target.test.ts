import { n } from './__fixtures__/graph-nodes.js';
import { buildGraphCore } from './build-graph.js';
import { filterForLineage, getRevision, getRevisions } from './resolve-target.js';

// Alembic's LabeledBranchTest map.
const core = buildGraphCore([
  n('a', [], { labels: ['abranch'] }), n('b', ['a']), n('somelongername', ['b']), n('c', ['somelongername']),
  n('d'), n('e', ['d'], { labels: ['ebranch'] }), n('someothername', ['e']), n('f', ['someothername']),
]);
const id = (r: number | null): string | null => (r === null ? null : core.ids[r]!);

describe('getRevision / getRevisions', () => {
  test('prefixes need four characters and are narrowed by the branch', () => {
    expect(id(getRevision(core, 'somel'))).toBe('somelongername');
    expect(id(getRevision(core, 'ebranch@some'))).toBe('someothername');
    expect(id(getRevision(core, 'abranch@some'))).toBe('somelongername');
    expect(() => getRevision(core, 'some')).toThrow(
      "Multiple revisions start with 'some': 'somelongername', 'someothername'...; type more characters of the revision id.",
    );
    expect(() => getRevision(core, 'ebranch@sos')).toThrow(
      "No such revision or branch 'sos'; please ensure at least four characters are present for partial revision identifier matches; run `retort history` to list revisions.",
    );
  });

  test('a prefix may match a branch label (Alembic searches labels too)', () => {
    expect(id(getRevision(core, 'ebra'))).toBe('e');
  });

  test('label@rev checks lineage; an unknown branch is named', () => {
    expect(id(getRevision(core, 'ebranch@d'))).toBe('d');
    expect(id(getRevision(core, 'e@d'))).toBe('d');
    expect(() => getRevision(core, 'ebranch@b')).toThrow(
      "Revision b is not a member of branch 'ebranch'; name a revision that is an ancestor or descendant of 'ebranch'.",
    );
    expect(() => getRevision(core, 'x@d')).toThrow("No such branch: 'x'; run `retort branches` or `retort heads` to list branch labels.");
    expect(() => getRevision(core, 'abranch@')).toThrow(expect.objectContaining({ code: 'E_INVALID_TARGET' }));
  });

  test('label@head, label@heads, label@base', () => {
    expect(id(getRevision(core, 'abranch@head'))).toBe('c');
    expect(id(getRevision(core, 'abranch@heads'))).toBe('c');
    expect(getRevision(core, 'abranch@base')).toBeNull();
  });

  test('-N walks down from every head; label@-N from the label\'s heads', () => {
    expect(getRevisions(core, '-1').map((r) => (typeof r === 'number' ? core.ids[r] : r))).toEqual(['somelongername', 'someothername']);
    expect(getRevisions(core, 'ebranch@-2').map((r) => (typeof r === 'number' ? core.ids[r] : r))).toEqual(['e']);
    expect(getRevisions(core, 'ebranch@-4')).toEqual(['base']);
    expect(getRevisions(core, 'ebranch@-5')).toEqual([null]);
  });

  test('filterForLineage keeps ancestors and descendants of the named revisions', () => {
    const all = core.ids.map((_, i) => i);
    expect(filterForLineage(core, all, 'ebranch').map((r) => core.ids[r])).toEqual(['d', 'e', 'someothername', 'f']);
    expect(filterForLineage(core, all, 'heads').length).toBe(8);
  });
});

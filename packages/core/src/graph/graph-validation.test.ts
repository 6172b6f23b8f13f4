import { isRetortError } from '../errors.js';
import { n } from './__fixtures__/graph-nodes.js';
import { RevisionGraph } from './revision-graph.js';
import type { RevisionNode } from './types.js';

function failure(nodes: RevisionNode[]): { code: string; message: string; facts: unknown } {
  try {
    RevisionGraph.from(nodes);
  } catch (error) {
    if (isRetortError(error)) return { code: error.code, message: error.message, facts: error.facts };
    throw error;
  }
  throw new Error('expected the graph to be refused');
}

describe('graph validation', () => {
  test('a duplicate id is refused with the id in the facts', () => {
    expect(failure([n('a'), n('b', ['a']), n('a')])).toEqual({
      code: 'E_DUPLICATE_ID',
      message: 'Revision a is present more than once; give each revision a unique id in its meta.json.',
      facts: { revision: 'a' },
    });
  });

  test('a missing parent names both revisions', () => {
    expect(failure([n('a'), n('b', ['x'])])).toEqual({
      code: 'E_MISSING_PARENT',
      message: "Revision 'x' referenced from 'b' is not present; restore it or fix the parents of 'b'.",
      facts: { revision: 'b', parent: 'x', missing: 'x' },
    });
  });

  test('a missing dependency is reported as such', () => {
    expect(failure([n('a'), n('b', ['a'], { deps: ['zz'] })])).toEqual({
      code: 'E_MISSING_PARENT',
      message: "Revision 'zz' referenced from 'b' is not present; restore it or fix the dependsOn of 'b'.",
      facts: { revision: 'b', dependency: 'zz', missing: 'zz' },
    });
  });

  test('a label used as a parent is not accepted (parents are ids)', () => {
    expect(failure([n('a', [], { labels: ['lib'] }), n('b', ['lib'])]).code).toBe('E_MISSING_PARENT');
  });

  test('self-loops in parents and dependencies use Alembic wording', () => {
    expect(failure([n('a'), n('b', ['a']), n('c', ['b', 'c'])]).message).toBe(
      "Self-loop is detected in revisions (c); remove 'c' from its own parents in meta.json.",
    );
    expect(failure([n('a', [], { deps: ['a'] })]).message).toBe(
      "Dependency self-loop is detected in revisions (a); remove 'a' from its own dependsOn in meta.json.",
    );
  });

  test('cycles list the revisions Alembic lists', () => {
    expect(failure([n('a', ['c']), n('b', ['a']), n('c', ['b']), n('d'), n('e', ['d'])])).toEqual({
      code: 'E_CYCLE',
      message: 'Cycle is detected in revisions (a, b, c); fix their parents and dependsOn so that no revision descends from itself in meta.json.',
      facts: { revisions: ['a', 'b', 'c'] },
    });
    // No base at all: Alembic lists every revision in load order.
    expect(failure([n('a', ['c']), n('b', ['a']), n('c', ['b']), n('d', ['c']), n('e', ['d'])]).facts).toEqual({
      revisions: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(failure([n('a', [], { deps: ['c'] }), n('b', ['a']), n('c', ['b'])]).message).toMatch(
      /^Dependency cycle is detected in revisions \(a, b, c\);/,
    );
  });

  test('a cycle Alembic would miss (reachable from both ends) is still refused', () => {
    // base0 -> a, a also has b as parent, b has a as parent, c on top of a.
    expect(failure([n('base0'), n('a', ['base0', 'b']), n('b', ['a']), n('c', ['a'])])).toEqual({
      code: 'E_CYCLE',
      message: 'Cycle is detected in revisions (a, b, c); fix their parents and dependsOn so that no revision descends from itself in meta.json.',
      facts: { revisions: ['a', 'b', 'c'] },
    });
  });

  test('a label reused, or equal to a revision id, is refused', () => {
    expect(failure([n('a', [], { labels: ['x'] }), n('b', ['a'], { labels: ['x'] })])).toEqual({
      code: 'E_LABEL_REUSED',
      message: "Branch name 'x' in revision b already used by revision a; rename the label in b's meta.json.",
      facts: { label: 'x', revision: 'b', usedBy: 'a' },
    });
    expect(failure([n('a'), n('b', ['a'], { labels: ['a'] })]).facts).toEqual({ label: 'a', revision: 'b', usedBy: 'a' });
  });

  test('ids the target syntax cannot address are refused', () => {
    expect(failure([n('no-dashes')])).toEqual({
      code: 'E_INVALID_META',
      message: "Character(s) '-' not allowed in revision identifier 'no-dashes'; use only letters, digits and '_'.",
      facts: { revision: 'no-dashes' },
    });
    expect(failure([n('a+b@c')]).message).toMatch(/^Character\(s\) '\+, @' not allowed/);
    expect(failure([n('head')]).message).toBe("Revision identifier 'head' is reserved or empty; choose another id.");
  });

  test('an empty graph is valid', () => {
    const graph = RevisionGraph.from([]);
    expect([graph.heads, graph.bases, graph.walk()]).toEqual([[], [], []]);
  });
});

import { renderAsciiGraph } from './ascii-graph.js';

function draw(ids: string[], parents: Record<string, string[]>): string {
  return renderAsciiGraph(ids, (id) => parents[id] ?? [])
    .flatMap((row, i) => [...row.before, `${row.node} ${ids[i]}`])
    .join('\n');
}

describe('renderAsciiGraph', () => {
  test('a straight line', () => {
    expect(draw(['c', 'b', 'a'], { c: ['b'], b: ['a'], a: [] })).toBe('* c\n* b\n* a');
  });

  test('a branch and a merge', () => {
    expect(draw(['m', 'b', 'a', 'r'], { m: ['a', 'b'], a: ['r'], b: ['r'], r: [] })).toBe(
      ['* m', '|\\', '| * b', '* | a', '|/', '* r'].join('\n'),
    );
  });

  test('two heads sharing a branch point', () => {
    expect(draw(['c2', 'c1', 'b', 'a'], { c2: ['b'], c1: ['b'], b: ['a'], a: [] })).toBe(
      ['* c2', '| * c1', '|/', '* b', '* a'].join('\n'),
    );
  });

  test('independent roots', () => {
    expect(draw(['y', 'x', 'b', 'a'], { y: ['x'], x: [], b: ['a'], a: [] })).toBe(['* y', '* x', '* b', '* a'].join('\n'));
  });
});

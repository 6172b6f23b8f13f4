import { normalizeDependencies } from './normalize-dependencies.js';

describe('normalizeDependencies', () => {
  // a1 <- a2 <- a3;  b1 <- b2 (deps a3) <- b3 <- b4 (deps a3) <- b5 (deps b4): Alembic's NormalizedDownRevTest.
  const parents = [[], [0], [1], [], [3], [4], [5], [6]];
  const deps = [[], [], [], [], [2], [], [2], [6]];
  const order = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);

  test('drops what an ancestor already depends on, keeps the rest in declared order', () => {
    expect(normalizeDependencies(parents, deps, order)).toEqual([[], [], [], [], [2], [], [], [6]]);
  });

  test('a dependency on the own parent is kept (Alembic keeps it too)', () => {
    expect(normalizeDependencies([[], [0]], [[], [0, 0]], Int32Array.from([0, 1]))).toEqual([[], [0]]);
  });

  test('dependencies seen on either side of a merge are both inherited', () => {
    // x, y roots; p (dep x), q (dep y); m merges p and q and depends on x, y and z.
    const result = normalizeDependencies([[], [], [], [0], [1], [3, 4]], [[], [], [], [0], [1], [0, 1, 2]], Int32Array.from([0, 1, 2, 3, 4, 5]));
    expect(result[5]).toEqual([2]);
  });
});

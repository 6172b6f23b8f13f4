/** One revision's rows in an ASCII graph: connectors drawn before it, and its node row. */
export interface GraphRow {
  readonly before: readonly string[];
  readonly node: string;
}

/**
 * Draws a revision DAG as lanes, newest first, in the style of `git log --graph`: `*` is a
 * revision, `|` a lane, `\` a merge opening a lane for its second parent, `/` two lanes
 * joining at their common parent. `ids` must be newest first, children before parents.
 *
 * @example
 * ```ts
 * renderAsciiGraph(['m', 'b', 'a', 'r'], (id) => ({ m: ['a', 'b'], a: ['r'], b: ['r'], r: [] })[id] ?? []);
 * // rows: '*', '|\' then '| *', '* |', '|/' then '*'
 * ```
 */
export function renderAsciiGraph(ids: readonly string[], parentsOf: (id: string) => readonly string[]): GraphRow[] {
  const layout = new AsciiGraphLayout();
  return ids.map((id) => layout.next(id, parentsOf(id)));
}

/**
 * {@link renderAsciiGraph} one revision at a time, fed newest first: 10,000 revisions print
 * without holding their rows or parents.
 *
 * @example
 * ```ts
 * const layout = new AsciiGraphLayout();
 * project.overview.eachInHistory((id, brief) => print(`${layout.next(id, brief.parents).node} ${id}`));
 * ```
 */
export class AsciiGraphLayout {
  // Per column, the revision the lane waits for (null: a gap).
  readonly #lanes: (string | null)[] = [];
  // Connectors the previous revision's extra parents drew, shown before the next row.
  #pendingAfter: string[] = [];

  /** The rows of revision `id`, whose parents are `parents`. */
  next(id: string, parents: readonly string[]): GraphRow {
    const lanes = this.#lanes;
    const before = this.#pendingAfter;
    this.#pendingAfter = [];
    let col = lanes.indexOf(id);
    if (col < 0) {
      col = lanes.indexOf(null);
      if (col < 0) {
        col = lanes.length;
        lanes.push(id);
      } else lanes[col] = id;
    }
    // Lanes also waiting for this revision join the leftmost one, right to left.
    for (let lane = lanes.length - 1; lane > col; lane -= 1) {
      if (lanes[lane] !== id) continue;
      before.push(joinLine(lanes, lane));
      lanes.splice(lane, 1);
    }
    const row = { before, node: nodeRow(lanes, col) };

    lanes[col] = parents[0] ?? null;
    // Second and later parents open lanes right of this one, the last parent nearest.
    for (let p = parents.length - 1; p >= 1; p -= 1) {
      this.#pendingAfter.push(splitLine(lanes, col));
      lanes.splice(col + 1, 0, parents[p]!);
    }
    while (lanes.length > 0 && lanes[lanes.length - 1] === null) lanes.pop();
    return row;
  }
}

// `*` in the revision's lane, `|` in the others (built without an array per row: 10,000 rows).
function nodeRow(lanes: readonly (string | null)[], col: number): string {
  let row = '';
  let end = 0;
  for (let i = 0; i < lanes.length; i += 1) {
    if (i > 0) row += ' ';
    const cell = i === col ? '*' : lanes[i] === null ? ' ' : '|';
    row += cell;
    if (cell !== ' ') end = row.length;
  }
  return row.slice(0, end);
}

// Lane `lane` bends left into lane-1's column; lanes right of it shift left too.
function joinLine(lanes: readonly (string | null)[], lane: number): string {
  const cells = Array.from({ length: 2 * lanes.length }, () => ' ');
  lanes.forEach((value, i) => {
    if (value === null) return;
    if (i < lane) cells[2 * i] = '|';
    else cells[2 * i - 1] = '/';
  });
  return cells.join('').trimEnd();
}

// A merge at `col` opens a lane to its right; lanes right of it shift right.
function splitLine(lanes: readonly (string | null)[], col: number): string {
  const cells = Array.from({ length: 2 * lanes.length + 2 }, () => ' ');
  lanes.forEach((value, i) => {
    if (i <= col) {
      if (value !== null || i === col) cells[2 * i] = '|';
    } else if (value !== null) cells[2 * i + 1] = '\\';
  });
  cells[2 * col + 1] = '\\';
  return cells.join('').trimEnd();
}

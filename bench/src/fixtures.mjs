// Generates migrations folders for the benchmarks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pad = (n) => String(n).padStart(6, '0');

/** `count` linear revisions, each creating one table; returns the ids in order. */
export function writeLinearTables(dir, count) {
  mkdirSync(dir, { recursive: true });
  const ids = [];
  for (let i = 1; i <= count; i += 1) {
    const id = `r${pad(i)}`;
    const folder = join(dir, `${id}_create_t${i}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'meta.json'), JSON.stringify({ version: 1, id, parents: i === 1 ? [] : [ids[i - 2]], message: `create t${i}` }));
    writeFileSync(
      join(folder, 'up.sql'),
      `CREATE TABLE t${i} (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL,\n  price NUMERIC,\n  created_at TEXT DEFAULT CURRENT_TIMESTAMP\n);\n`,
    );
    writeFileSync(join(folder, 'down.sql'), `DROP TABLE t${i};\n`);
    ids.push(id);
  }
  return ids;
}

/**
 * A big history with branches and merges: a main line where every 50th revision opens a
 * short feature branch (2-4 revisions) merged back 10 revisions later, a labelled release
 * branch every 1,000 that stays open (another head) and a few depends_on links. Meta only (no
 * SQL needed for graph commands).
 */
export function writeBranchyHistory(dir, count, { labelMergedBranches = false } = {}) {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const write = (parents, extra = {}) => {
    n += 1;
    const id = `h${pad(n)}`;
    const folder = join(dir, `${id}_rev`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'meta.json'), JSON.stringify({ version: 1, id, parents, message: `revision ${n}`, ...extra }));
    writeFileSync(join(folder, 'up.sql'), '');
    return id;
  };
  let head = write([]);
  const open = [];
  while (n < count) {
    // A feature branch every 50 revisions, merged back 10 revisions later. With
    // labelMergedBranches every other one is labelled, and since labels propagate to all
    // descendants (as in Alembic) the mainline ends up carrying ~100 labels per revision.
    if (n % 50 === 1 && n + 20 < count) {
      let tip = head;
      const length = 2 + (n % 3);
      for (let k = 0; k < length; k += 1) tip = write([tip], labelMergedBranches && k === 0 && n % 100 === 1 ? { branchLabels: [`feature${n}`] } : {});
      open.push({ tip, mergeAt: n + 10 });
    }
    // A labelled release branch every 1,000 revisions that is never merged: another head.
    if (n % 1000 === 500 && n + 20 < count) {
      let tip = head;
      for (let k = 0; k < 3; k += 1) tip = write([tip], k === 0 ? { branchLabels: [`release${n}`] } : {});
    }
    const due = open.findIndex((branch) => branch.mergeAt <= n);
    if (due >= 0) {
      const [branch] = open.splice(due, 1);
      head = write([head, branch.tip], { message: 'merge' });
    } else {
      head = write([head], n % 97 === 0 && n > 200 ? { dependsOn: [`h${pad(n - 150)}`] } : {});
    }
  }
  for (const branch of open) head = write([head, branch.tip]);
  return n;
}

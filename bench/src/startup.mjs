// `retort heads` and `retort history` on a 10,000-revision history with branches and
// merges: wall time per command, process start included. Target < 300 ms each. The floor
// is `node -e 0` (Node's own start-up on this machine), shown for scale.
//
// A second history labels the branches that merge back: labels propagate to every
// descendant (as in Alembic), so each mainline line carries ~100 labels and `history`
// prints 6.8 MB. Shown for information: there the time goes into moving the text through
// the pipe, not into Retort.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeBranchyHistory } from './fixtures.mjs';
import { median, percentile, tempDir, timeCommand, timeRetort } from './harness.mjs';

// 15 alternated runs: this VM's speed drifts within a minute, and a median of 7 moved by
// 20-40 ms between back-to-back runs of the same build.
export async function run({ runs = 15 } = {}) {
  const { dir, cleanup } = tempDir('startup');
  try {
    const plain = join(dir, 'plain');
    const labelled = join(dir, 'labelled');
    const count = writeBranchyHistory(join(plain, 'migrations'), 10_000);
    writeBranchyHistory(join(labelled, 'migrations'), 10_000, { labelMergedBranches: true });
    // Files younger than 2 s are not trusted from the revision snapshot (racily clean), and
    // a real 10,000-revision history was not all written a moment ago: let them age, then
    // warm the snapshot and the file cache.
    await sleep(2_100);
    for (const project of [plain, labelled]) timeRetort(['heads'], project);
    const measures = { node: [], heads: [], history: [], historyGraph: [], labelledHistory: [] };
    for (let i = 0; i < runs; i += 1) {
      measures.node.push(timeCommand(process.execPath, ['-e', '0']).ms);
      measures.heads.push(timeRetort(['heads'], plain).ms);
      measures.history.push(timeRetort(['history'], plain).ms);
      measures.historyGraph.push(timeRetort(['history', '--graph'], plain).ms);
      measures.labelledHistory.push(timeRetort(['history'], labelled).ms);
    }
    const bytes = (project) => Buffer.byteLength(timeRetort(['history'], project).stdout);
    console.log(`${count} revisions, median of ${runs} runs, wall time incl. process start`);
    let ok = true;
    for (const [label, values, limit] of [
      ['node -e 0 (floor)', measures.node],
      [`retort heads`, measures.heads, 300],
      [`retort history (${(bytes(plain) / 1e6).toFixed(1)} MB)`, measures.history, 300],
      ['retort history --graph', measures.historyGraph, 300],
      [`history, labels merged (${(bytes(labelled) / 1e6).toFixed(1)} MB)`, measures.labelledHistory],
    ]) {
      const value = median(values);
      const verdict = limit === undefined ? '(information)' : value < limit ? `ok (< ${limit} ms)` : `OVER ${limit} ms`;
      if (limit !== undefined && value >= limit) ok = false;
      const spread = `(p25-p75 ${percentile(values, 25).toFixed(0)}-${percentile(values, 75).toFixed(0)})`;
      console.log(`${label.padEnd(36)} ${value.toFixed(0).padStart(6)} ms ${spread.padEnd(18)} ${verdict}`);
    }
    return ok;
  } finally {
    cleanup();
  }
}

// `retort heads` and `retort history` on a 10,000-revision history with branches and
// merges: wall time per command, process start included. Target < 300 ms each. The floor
// is `node -e 0` (Node's own start-up on this machine), shown for scale.
import { join } from 'node:path';
import { writeBranchyHistory } from './fixtures.mjs';
import { median, tempDir, timeCommand, timeRetort } from './harness.mjs';

export async function run({ runs = 7 } = {}) {
  const { dir, cleanup } = tempDir('startup');
  try {
    const count = writeBranchyHistory(join(dir, 'migrations'), 10_000);
    const measures = { node: [], heads: [], history: [], historyGraph: [] };
    timeRetort(['heads'], dir); // warm the file cache
    for (let i = 0; i < runs; i += 1) {
      measures.node.push(timeCommand(process.execPath, ['-e', '0']).ms);
      measures.heads.push(timeRetort(['heads'], dir).ms);
      measures.history.push(timeRetort(['history'], dir).ms);
      measures.historyGraph.push(timeRetort(['history', '--graph'], dir).ms);
    }
    const lines = timeRetort(['history'], dir).stdout.trim().split('\n').length;
    console.log(`${count} revisions (${lines} history lines), median of ${runs} runs, wall time incl. process start`);
    let ok = true;
    for (const [label, values, limit] of [
      ['node -e 0 (floor)', measures.node],
      ['retort heads', measures.heads, 300],
      ['retort history', measures.history, 300],
      ['retort history --graph', measures.historyGraph, 300],
    ]) {
      const value = median(values);
      const verdict = limit === undefined ? '' : value < limit ? `ok (< ${limit} ms)` : `OVER ${limit} ms`;
      if (limit !== undefined && value >= limit) ok = false;
      console.log(`${label.padEnd(26)} ${value.toFixed(0).padStart(6)} ms  ${verdict}`);
    }
    return ok;
  } finally {
    cleanup();
  }
}

// Small helpers shared by the benchmarks: timing child processes, medians, tables.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RETORT_BIN = join(ROOT, 'apps', 'cli', 'bin', 'retort.cjs');

/** Runs a command to completion and returns its wall time in ms; throws on failure. */
export function timeCommand(command, args, options = {}) {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr || result.stdout}`);
  }
  return { ms, stdout: result.stdout };
}

/** Runs retort with arguments in `cwd`; returns wall time and stdout. */
export function timeRetort(args, cwd, env = {}) {
  return timeCommand(process.execPath, [RETORT_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `retort-bench-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Prints rows of [label, tool ms, floor ms] with the ratio and a verdict against a target. */
export function report(rows, target) {
  let ok = true;
  console.log(`${'measure'.padEnd(28)} ${'retort'.padStart(10)} ${'floor'.padStart(10)} ${'ratio'.padStart(7)}  target ≤ ${target}×`);
  for (const [label, tool, floor] of rows) {
    const ratio = tool / floor;
    if (ratio > target) ok = false;
    console.log(`${label.padEnd(28)} ${fmt(tool)} ${fmt(floor)} ${ratio.toFixed(2).padStart(6)}×  ${ratio <= target ? 'ok' : 'OVER'}`);
  }
  return ok;
}

export function fmt(ms) {
  return `${ms.toFixed(0)} ms`.padStart(10);
}

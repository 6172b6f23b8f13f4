/** Seeded random revision graphs for property tests (branches, merges, dependencies, shuffled load order). */
import type { RevisionNode } from '../types.js';

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` revisions; each has 0-3 parents among earlier ones and sometimes dependencies; load order shuffled. */
export function randomNodes(seed: number, size: number): RevisionNode[] {
  const random = prng(seed);
  const pick = (below: number): number => Math.floor(random() * below);
  const nodes: RevisionNode[] = [];
  for (let i = 0; i < size; i++) {
    const parents = new Set<string>();
    if (i > 0 && random() > 0.1) {
      const count = random() < 0.85 ? 1 : 2 + pick(2);
      for (let k = 0; k < count; k++) parents.add(`r${pick(i)}`);
    }
    const deps = new Set<string>();
    if (i > 1 && random() < 0.15) deps.add(`r${pick(i)}`);
    for (const p of parents) deps.delete(p);
    nodes.push({ id: `r${i}`, parents: [...parents], dependsOn: [...deps], branchLabels: random() < 0.05 ? [`l${i}`] : [] });
  }
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [nodes[i], nodes[j]] = [nodes[j]!, nodes[i]!];
  }
  return nodes;
}

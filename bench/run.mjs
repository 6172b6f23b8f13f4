#!/usr/bin/env node
// Benchmarks: Retort against the raw floor, side by side in one run.
// Usage: pnpm bench <name> [--runs N]   (names: see BENCHES below; no name runs them all)
const BENCHES = {
  'apply-sqlite': () => import('./src/apply-sqlite.mjs'),
  'apply-postgres': () => import('./src/apply-postgres.mjs'),
  startup: () => import('./src/startup.mjs'),
  introspect: () => import('./src/introspect.mjs'),
  rebuild: () => import('./src/rebuild.mjs'),
  watch: () => import('./src/watch.mjs'),
  property: () => import('./src/property.mjs'),
};

const args = process.argv.slice(2);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(args.splice(runsIndex, 2)[1]) : undefined;
const names = args.length ? args : Object.keys(BENCHES);
let failed = false;
for (const name of names) {
  const load = BENCHES[name];
  if (!load) {
    console.error(`Unknown benchmark '${name}'; choose one of ${Object.keys(BENCHES).join(', ')}.`);
    process.exit(2);
  }
  console.log(`\n== ${name}`);
  try {
    const module = await load();
    const ok = await module.run({ runs });
    if (ok === false) failed = true;
  } catch (error) {
    failed = true;
    console.error(`${name} failed: ${error instanceof Error ? error.stack : error}`);
  }
}
process.exit(failed ? 1 : 0);

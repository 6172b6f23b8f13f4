#!/usr/bin/env node
'use strict';
// CommonJS, as is the CLI bundle it loads: Node starts a CommonJS entry without setting up
// its ES module loader, ~10 ms of every command (see scripts/build-package.mjs).
// Node 22.1+ keeps V8's compiled code of the bundles on disk (in NODE_COMPILE_CACHE, or a
// folder in the temp directory), so later runs skip compiling them; Node 20 has no such API.
require('node:module').enableCompileCache?.();
const { main } = require('../dist/main.cjs');

// `retort history | head`: the reader went away, which is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

main(process.argv.slice(2));

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

main(process.argv.slice(2)).then(() => {
  // Everything the command awaited is done. Exit now instead of when the event loop runs
  // dry: Node would first wait for the background jobs in which V8 is still optimizing hot
  // functions (5-10 ms after a 10,000-line history). Not while output is still queued in a
  // stream (an asynchronous pipe): then the loop drains it first, as before.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
});

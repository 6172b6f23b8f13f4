#!/usr/bin/env node
'use strict';
// CommonJS, as is the CLI bundle it loads: Node starts a CommonJS entry without setting up
// its ES module loader, ~10 ms of every command (see scripts/build-package.mjs).
const { main } = require('../dist/main.cjs');

// `retort history | head`: the reader went away, which is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

main(process.argv.slice(2));

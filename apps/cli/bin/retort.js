#!/usr/bin/env node
import { main } from '../dist/main.js';

// `retort history | head`: the reader went away, which is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

main(process.argv.slice(2));

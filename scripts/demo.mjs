#!/usr/bin/env node
// `pnpm demo`: a narrated tour of Retort on a throwaway SQLite file. Runs the real CLI in a
// temporary folder: init, revisions with a branch and a merge, upgrade, history as a graph,
// downgrade, re-upgrade. Exits non-zero if any step fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'cli', 'bin', 'retort.js');
const dir = mkdtempSync(join(tmpdir(), 'retort-demo-'));
const bold = (text) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${text}\x1b[0m` : text);

function say(text) {
  console.log(`\n${bold(`# ${text}`)}`);
}

function retort(...args) {
  console.log(`$ retort ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}`);
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  if (result.status !== 0) {
    console.error(`demo step failed: retort ${args.join(' ')} exited with ${result.status}`);
    process.exit(1);
  }
}

function sql(folder, up, down) {
  writeFileSync(join(dir, 'migrations', folder, 'up.sql'), up);
  writeFileSync(join(dir, 'migrations', folder, 'down.sql'), down);
  console.log(`(wrote migrations/${folder}/up.sql and down.sql)`);
}

try {
  console.log(`Retort demo in ${dir} (a throwaway SQLite database: dev.db)`);
  say('Create the migrations folder and a config');
  retort('init');

  say('A first revision: each revision is a folder of plain SQL plus meta.json');
  retort('revision', '-m', 'create users', '--rev-id', 'a1b2c3d4e5f6');
  sql('a1b2c3d4e5f6_create_users', 'CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email TEXT NOT NULL UNIQUE\n);\n', 'DROP TABLE users;\n');

  say('The main line continues');
  retort('revision', '-m', 'add orders', '--rev-id', 'b2c3d4e5f6a1');
  sql('b2c3d4e5f6a1_add_orders', 'CREATE TABLE orders (\n  id INTEGER PRIMARY KEY,\n  user_id INTEGER NOT NULL REFERENCES users (id)\n);\n', 'DROP TABLE orders;\n');

  say('A feature branch from the first revision, with a branch label');
  retort('revision', '-m', 'add reviews', '--head', 'a1b2c3d4e5f6', '--splice', '--branch-label', 'reviews', '--rev-id', 'c3d4e5f6a1b2');
  sql('c3d4e5f6a1b2_add_reviews', 'CREATE TABLE reviews (\n  id INTEGER PRIMARY KEY,\n  user_id INTEGER REFERENCES users (id),\n  body TEXT\n);\n', 'DROP TABLE reviews;\n');
  retort('heads');

  say('Two heads: merge them');
  retort('merge', '-m', 'merge reviews', '--rev-id', 'd4e5f6a1b2c3');

  say('Upgrade the database to head');
  retort('upgrade', 'head');
  retort('current');

  say('The history as a graph (-i marks where the database is)');
  retort('history', '--graph', '-i');

  say('Undo the merge by downgrading to the main line (by id prefix): both branches stay applied');
  retort('downgrade', 'b2c3');
  retort('current');

  say('Step the reviews branch back one revision, then everything to base');
  retort('downgrade', 'reviews@-1');
  retort('current');
  retort('downgrade', 'base');
  retort('current');

  say('Re-upgrade: every branch back to its head');
  retort('upgrade', 'heads');
  retort('current');
  console.log(`\n${bold('Done.')} Everything above ran for real against ${join(dir, 'dev.db')}.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

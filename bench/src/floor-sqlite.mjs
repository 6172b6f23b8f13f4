// The raw floor: the same SQL files and version-row updates through better-sqlite3, one
// transaction per revision, no tool. Usage: node floor-sqlite.mjs <db> <migrations> <up|down> <ids...file>
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dbFile, dir, direction, idsFile] = process.argv.slice(2);
const folders = JSON.parse(readFileSync(idsFile, 'utf8'));
const db = new Database(dbFile);
db.exec(`CREATE TABLE IF NOT EXISTS retort_version (revision TEXT PRIMARY KEY NOT NULL);
CREATE TABLE IF NOT EXISTS retort_history (id INTEGER PRIMARY KEY, revision TEXT NOT NULL, direction TEXT NOT NULL,
  checksum TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, duration_ms INTEGER NOT NULL,
  executed_by TEXT NOT NULL, tool_version TEXT NOT NULL, status TEXT NOT NULL, detail TEXT)`);
const order = direction === 'up' ? folders : [...folders].reverse();
order.forEach(([id, folder], index) => {
  const sql = readFileSync(join(dir, folder, `${direction}.sql`), 'utf8');
  const started = new Date().toISOString();
  db.exec('BEGIN IMMEDIATE');
  db.exec(sql);
  if (direction === 'up') {
    if (index === 0) db.exec(`INSERT INTO retort_version (revision) VALUES ('${id}')`);
    else db.exec(`UPDATE retort_version SET revision = '${id}' WHERE revision = '${order[index - 1][0]}'`);
  } else if (index === order.length - 1) db.exec(`DELETE FROM retort_version WHERE revision = '${id}'`);
  else db.exec(`UPDATE retort_version SET revision = '${order[index + 1][0]}' WHERE revision = '${id}'`);
  db.exec(`INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, executed_by, tool_version, status)
    VALUES ('${id}', '${direction}', 'x', '${started}', '${new Date().toISOString()}', 0, 'bench', '0', 'applied')`);
  db.exec('COMMIT');
});
db.close();

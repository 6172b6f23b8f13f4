// The raw floor on PostgreSQL: the same SQL files and version-row updates through pg, one
// transaction per revision (BEGIN; script; version update; history insert; COMMIT sent as
// one simple-query message), no tool. Usage: node floor-postgres.mjs <url> <schema> <migrations> <up|down> <ids.json>
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [url, schema, dir, direction, idsFile] = process.argv.slice(2);
const folders = JSON.parse(readFileSync(idsFile, 'utf8'));
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema};
CREATE TABLE IF NOT EXISTS retort_version (revision varchar(255) PRIMARY KEY, ordinal bigserial);
CREATE TABLE IF NOT EXISTS retort_history (id bigserial PRIMARY KEY, revision varchar(255) NOT NULL, direction varchar(4) NOT NULL,
  checksum varchar(64) NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz NOT NULL, duration_ms integer NOT NULL,
  executed_by text NOT NULL, tool_version text NOT NULL, status varchar(8) NOT NULL, detail text)`);
const order = direction === 'up' ? folders : [...folders].reverse();
for (const [index, [id, folder]] of order.entries()) {
  const sql = readFileSync(join(dir, folder, `${direction}.sql`), 'utf8');
  let version;
  if (direction === 'up') version = index === 0 ? `INSERT INTO retort_version (revision) VALUES ('${id}')` : `UPDATE retort_version SET revision = '${id}' WHERE revision = '${order[index - 1][0]}'`;
  else version = index === order.length - 1 ? `DELETE FROM retort_version WHERE revision = '${id}'` : `UPDATE retort_version SET revision = '${order[index + 1][0]}' WHERE revision = '${id}'`;
  const started = new Date().toISOString();
  await client.query(`BEGIN;\n${sql}\n${version};
INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, executed_by, tool_version, status)
VALUES ('${id}', '${direction}', 'x', '${started}', now(), 0, 'bench', '0', 'applied');
COMMIT;`);
}
await client.end();

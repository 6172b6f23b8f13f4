import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One revision folder to write into a test project. */
export interface FixtureRevision {
  readonly id: string;
  readonly parents?: readonly string[];
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly transactional?: boolean;
  /** File name → contents: `up.sql`, `down.sql`, `up.postgres.sql`, `up.ts`... */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * A throwaway migrations folder for tests.
 *
 * @example
 * ```ts
 * const project = fixtureProject([{ id: 'a', files: { 'up.sql': 'CREATE TABLE t (id int);', 'down.sql': 'DROP TABLE t;' } }]);
 * // ... openProject(project.dir) ...
 * project.cleanup();
 * ```
 */
export function fixtureProject(revisions: readonly FixtureRevision[]): { dir: string; root: string; write: (revision: FixtureRevision) => void; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'retort-kit-'));
  const dir = join(root, 'migrations');
  mkdirSync(dir);
  const write = (revision: FixtureRevision) => {
    const folder = join(dir, `${revision.id}_rev`);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    const meta: Record<string, unknown> = { version: 1, id: revision.id, parents: revision.parents ?? [], message: `revision ${revision.id}` };
    if (revision.branchLabels) meta['branchLabels'] = revision.branchLabels;
    if (revision.dependsOn) meta['dependsOn'] = revision.dependsOn;
    if (revision.transactional !== undefined) meta['transactional'] = revision.transactional;
    writeFileSync(join(folder, 'meta.json'), JSON.stringify(meta));
    for (const [name, text] of Object.entries(revision.files ?? {})) writeFileSync(join(folder, name), text);
  };
  revisions.forEach(write);
  return { dir, root, write, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** `CREATE TABLE <name> (...)` up and `DROP TABLE <name>` down for a revision. */
export function tableFiles(name: string, extraUp = ''): Record<string, string> {
  return {
    'up.sql': `CREATE TABLE ${name} (id INTEGER PRIMARY KEY, label VARCHAR(50));\n${extraUp}`,
    'down.sql': `DROP TABLE ${name};\n`,
  };
}

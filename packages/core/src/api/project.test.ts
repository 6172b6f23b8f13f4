import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RevisionSnapshot } from '../store/revision-snapshot.js';
import { openProject, type Project } from './project.js';

let root: string;
let dir: string;
let cacheFile: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'retort-project-'));
  dir = join(root, 'migrations');
  cacheFile = join(root, 'cache', 'revisions.bin');
  mkdirSync(dir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function revision(folder: string, meta: object): void {
  mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, folder, 'meta.json'), JSON.stringify({ version: 1, ...meta }));
}

// A branch point with a labelled branch, a merge, a second root and a dependency.
function branchyHistory(): void {
  revision('a_root', { id: 'a', parents: [], message: 'root' });
  revision('b_main', { id: 'b', parents: ['a'], message: 'main' });
  revision('c_feature', { id: 'c', parents: ['a'], branchLabels: ['feature'], message: 'feature' });
  revision('d_merge', { id: 'd', parents: ['b', 'c'], message: 'merge' });
  revision('e_other', { id: 'e', parents: [], branchLabels: ['other'], message: 'other root' });
  revision('f_dep', { id: 'f', parents: ['e'], dependsOn: ['d'], message: 'depends' });
}

// The snapshot trusts entries written at least 2 s before it; move its own mtime ahead
// instead of waiting.
function ageSnapshot(): void {
  const later = new Date(Date.now() + 10_000);
  utimesSync(cacheFile, later, later);
}

function statsOf(project: Project): Float64Array {
  return new Float64Array(
    project.revisions.flatMap((r) => {
      const stats = statSync(join(r.path, 'meta.json'));
      return [stats.size, stats.mtimeMs, stats.ctimeMs];
    }),
  );
}

function views(project: Project) {
  return {
    revisions: project.revisions,
    heads: project.overview.heads,
    history: project.overview.history(),
    summaries: project.revisions.map((r) => project.overview.summary(r.id)),
    briefs: project.revisions.map((r) => project.overview.brief(r.id)),
    inHistory: inHistory(project),
  };
}

function inHistory(project: Project): [string, unknown][] {
  const seen: [string, unknown][] = [];
  project.overview.eachInHistory((id, brief) => seen.push([id, brief]));
  expect(seen.map(([id]) => id)).toEqual(project.overview.history());
  expect(seen.map(([id]) => project.overview.brief(id))).toEqual(seen.map(([, brief]) => brief));
  return seen;
}

describe('openProject with a revision snapshot', () => {
  test('serves the same revisions, heads, history and summaries as a plain load', () => {
    branchyHistory();
    const plain = openProject(dir);
    expect(plain.overview.heads).toEqual(['d', 'f']);
    expect(plain.overview.summary('c')).toEqual({ isHead: false, isBranchPoint: false, isMergePoint: false, labels: ['feature'] });
    expect(plain.overview.summary('a')).toMatchObject({ isBranchPoint: true });
    expect(plain.overview.summary('nope')).toBeUndefined();
    expect(plain.overview.brief('d')).toEqual({ ...plain.overview.summary('d'), parents: plain.revision('d')?.parents, message: plain.revision('d')?.message });
    const written = openProject(dir, { cacheFile });
    expect(views(written)).toEqual(views(plain));
    ageSnapshot();
    const cached = openProject(dir, { cacheFile });
    expect(views(cached)).toEqual(views(plain));
    expect(cached.overview.summary('nope')).toBeUndefined();
    expect(cached.overview.brief('nope')).toBeUndefined();
    expect(cached.byId.get('f')).toEqual(plain.byId.get('f'));
    expect(openProject(dir, { cacheFile }).revision('f')).toEqual(plain.revision('f'));
    expect(cached.revision('nope')).toBeUndefined();
    // The graph is built on demand, from the snapshot's revisions.
    expect(cached.graph.heads).toEqual(plain.graph.heads);
    expect(cached.graph.resolve('feature@head')).toEqual(['d']);
  });

  test('a long history read back from the snapshot equals a plain load', () => {
    for (let i = 0; i < 150; i += 1) {
      revision(`r${String(i).padStart(3, '0')}_step`, {
        id: `r${i}`,
        parents: i === 0 ? [] : [`r${i - 1}`],
        // Newlines, quotes and non-ASCII text must survive the one-line-per-revision format.
        message: i % 7 === 0 ? `line one\nline "two" – ${i} ✓` : `step ${i}`,
        ...(i === 10 ? { branchLabels: ['ten'] } : {}),
      });
    }
    const plain = openProject(dir);
    openProject(dir, { cacheFile });
    ageSnapshot();
    const cached = openProject(dir, { cacheFile });
    // A few single lookups first (parsed one by one), then all of them (parsed at once).
    expect(cached.revision('r7')).toEqual(plain.revision('r7'));
    expect(cached.revision('r149')).toEqual(plain.revision('r149'));
    expect(cached.overview.history().map((id) => cached.revision(id))).toEqual(plain.overview.history().map((id) => plain.revision(id)));
    expect(views(openProject(dir, { cacheFile }))).toEqual(views(plain));
    // One id at a time (from offsets into the ids block), then from the split list: the same.
    const snapshot = RevisionSnapshot.read(cacheFile, dir)!;
    const one = Array.from({ length: snapshot.count }, (_, i) => snapshot.idAt(i));
    expect(one).toEqual(plain.revisions.map((r) => r.id));
    expect(snapshot.ids()).toEqual(one);
    expect(Array.from({ length: snapshot.count }, (_, i) => snapshot.idAt(i))).toEqual(one);
  });

  test('a single revision reads back by index', () => {
    revision('a_only', { id: 'a', parents: [], message: 'only' });
    openProject(dir, { cacheFile });
    ageSnapshot();
    expect(openProject(dir, { cacheFile }).overview.heads).toEqual(['a']);
    const snapshot = RevisionSnapshot.read(cacheFile, dir)!;
    expect([snapshot.count, snapshot.idAt(0)]).toEqual([1, 'a']);
  });

  test('a fresh snapshot is used without reading any meta.json', () => {
    branchyHistory();
    const plain = openProject(dir, { cacheFile });
    // Rewrite the snapshot with other messages but the files' real stats: only a load that
    // trusts the snapshot can return them.
    const stats = statsOf(plain);
    const revisions = plain.revisions.map((r) => ({ ...r, message: `cached ${r.message}` }));
    const overview = { heads: [3, 5], order: [5, 4, 3, 2, 1, 0], flags: [2, 0, 0, 1, 0, 1], labelSets: [], labelOf: [-1, -1, -1, -1, -1, -1] };
    RevisionSnapshot.write({ file: cacheFile, dir, dirStats: statSync(dir), revisions, stats, overview });
    ageSnapshot();
    const cached = openProject(dir, { cacheFile });
    expect(cached.byId.get('a')?.message).toBe('cached root');
    expect(cached.overview.history()).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
  });

  test('entries written shortly before the snapshot are re-read (racily clean)', () => {
    branchyHistory();
    const plain = openProject(dir, { cacheFile });
    const stats = statsOf(plain);
    const revisions = plain.revisions.map((r) => ({ ...r, message: 'stale' }));
    RevisionSnapshot.write({ file: cacheFile, dir, dirStats: statSync(dir), revisions, stats, overview: undefined });
    // The files are younger than the snapshot by less than 2 s: not trusted.
    expect(openProject(dir, { cacheFile }).byId.get('a')?.message).toBe('root');
  });

  test('notices edits, new, removed and broken folders', () => {
    branchyHistory();
    openProject(dir, { cacheFile });
    ageSnapshot();
    // Same size, new content: the ctime changes, so the entry is not reused.
    writeFileSync(join(dir, 'b_main', 'meta.json'), JSON.stringify({ version: 1, id: 'b', parents: ['a'], message: 'niam' }));
    expect(openProject(dir, { cacheFile }).byId.get('b')?.message).toBe('niam');
    ageSnapshot();
    revision('g_next', { id: 'g', parents: ['f'] });
    expect(openProject(dir, { cacheFile }).overview.heads).toEqual(['d', 'g']);
    ageSnapshot();
    rmSync(join(dir, 'g_next'), { recursive: true });
    expect(openProject(dir, { cacheFile }).overview.heads).toEqual(['d', 'f']);
    ageSnapshot();
    writeFileSync(join(dir, 'a_root', 'meta.json'), '{"version":1,"id":"a","parents":[], "oops": 1}');
    expect(() => openProject(dir, { cacheFile })).toThrow(/unknown key "oops"/);
  });

  test('graph errors name the file, also when the entries come from the snapshot', () => {
    branchyHistory();
    openProject(dir, { cacheFile });
    ageSnapshot();
    revision('g_orphan', { id: 'g', parents: ['zz'] });
    const message = /g_orphan\/meta\.json: .*'zz'/;
    expect(() => openProject(dir, { cacheFile })).toThrow(message);
    ageSnapshot();
    expect(() => openProject(dir, { cacheFile })).toThrow(message);
    rmSync(join(dir, 'g_orphan'), { recursive: true });
    expect(openProject(dir, { cacheFile }).overview.heads).toEqual(['d', 'f']);
  });

  test('a corrupt or foreign snapshot counts as none', () => {
    branchyHistory();
    mkdirSync(join(root, 'cache'));
    writeFileSync(cacheFile, 'retort-revisions 3\n{"dir":');
    expect(openProject(dir, { cacheFile }).overview.heads).toEqual(['d', 'f']);
    const elsewhere = join(root, 'other');
    mkdirSync(join(elsewhere, 'x_one'), { recursive: true });
    writeFileSync(join(elsewhere, 'x_one', 'meta.json'), JSON.stringify({ version: 1, id: 'x', parents: [] }));
    openProject(elsewhere, { cacheFile });
    ageSnapshot();
    expect(openProject(dir, { cacheFile }).overview.heads).toEqual(['d', 'f']);
  });

  test('duplicate ids are refused on every path', () => {
    branchyHistory();
    openProject(dir, { cacheFile });
    ageSnapshot();
    revision('z_again', { id: 'a', parents: [] });
    expect(() => openProject(dir, { cacheFile })).toThrow(/Revision id 'a' is declared by both/);
  });
});

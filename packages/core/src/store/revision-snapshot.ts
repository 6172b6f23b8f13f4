import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import type { RevisionBrief, RevisionSummary } from '../graph/revision-graph.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import type { StoredRevision } from './stored-revision.js';

const MAGIC = 'retort-revisions 6\n';
const LITTLE_ENDIAN = endianness() === 'LE';

// A file changed within this long before the snapshot was written may have changed again in
// the same timestamp tick without its stats showing it (coarse clocks; 2 s on FAT): it is
// not trusted, as git treats "racily clean" index entries.
const RACY_MS = 2_000;

/** What the graph says of the revisions, kept so read-only views need not rebuild it. */
export interface SnapshotOverview {
  /** `graph.heads`, in order, as indexes into the revisions. */
  readonly heads: readonly number[];
  /** `graph.topologicalOrder()` as indexes into the revisions. */
  readonly order: readonly number[];
  /** Per revision: 1 head, 2 branch point, 4 merge point. */
  readonly flags: readonly number[];
  /** Distinct sorted label lists; `labelOf[i]` indexes it, -1 for none. */
  readonly labelSets: readonly (readonly string[])[];
  readonly labelOf: readonly number[];
}

/**
 * Size, mtime and ctime of a file: what decides whether a snapshot entry is still good. Any
 * change to a file (an edit, a git checkout) changes its ctime.
 */
export interface FileStats {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

// Binary blocks are typed arrays used in place; text blocks are decoded when first used.
// `records` holds one line per revision: parents, dependsOn, branchLabels (each joined by
// spaces: ids and labels have none), createdAt, 1 or 0 for transactional, and the message as
// a JSON string, separated by tabs. A revision is read by slicing its line: nothing parsed
// is kept, so thousands of them leave the garbage collector little to copy.
type BlockName = 'stats' | 'recordStarts' | 'heads' | 'order' | 'flags' | 'labelOf' | 'folders' | 'ids' | 'records' | 'labelSets';
const OVERVIEW_BLOCKS: readonly BlockName[] = ['heads', 'order', 'flags', 'labelOf', 'labelSets'];

interface Header {
  readonly dir: string;
  readonly dirStats: FileStats;
  readonly count: number;
  readonly littleEndian: boolean;
  /** Where the blocks start (8-aligned), and each block's byte range from there. */
  readonly bodyAt: number;
  readonly blocks: Partial<Record<BlockName, readonly [number, number]>>;
}

/**
 * The loaded revisions of a migrations folder and their graph overview in one cache file:
 * the folder's own stats, its revision folder names and each meta.json's size, mtime and
 * ctime, the revisions one tab-separated line each, and the overview, all read in place or
 * parsed only when used. With 10,000 revisions `retort heads` reads this instead of 10,000 files and
 * never builds the graph. An unreadable, foreign or inconsistent file counts as no snapshot.
 *
 * @example
 * ```ts
 * const snapshot = RevisionSnapshot.read('node_modules/.cache/retort/revisions-1a2b.bin', 'migrations');
 * snapshot?.isFresh(0, statSync('migrations/a1_init/meta.json')); // unchanged since written?
 * ```
 */
export class RevisionSnapshot {
  readonly count: number;
  readonly #header: Header;
  readonly #data: Buffer;
  readonly #writtenAt: number;
  readonly #stats: Float64Array;
  readonly #recordStarts: Uint32Array;
  #recordsText: string | undefined;
  #flags: Uint8Array | undefined;
  #labelOf: Int32Array | undefined;
  #folderList: string | undefined;
  #ids: readonly string[] | undefined;
  #idsTextValue: string | undefined;
  #idStarts: Int32Array | undefined;
  #labelSets: readonly (readonly string[])[] | undefined;

  private constructor(header: Header, data: Buffer, writtenAt: number) {
    this.#header = header;
    this.count = header.count;
    this.#data = data;
    this.#writtenAt = writtenAt;
    this.#stats = this.#view('stats', Float64Array);
    this.#recordStarts = this.#view('recordStarts', Uint32Array);
  }

  /** Reads a snapshot written for `dir`, or undefined. */
  static read(file: string, dir: string): RevisionSnapshot | undefined {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return undefined;
    }
    try {
      const { size, mtimeMs } = fstatSync(fd);
      // Its own ArrayBuffer (not the pool's), so 8-aligned blocks can be viewed in place.
      const data = Buffer.from(new ArrayBuffer(size));
      let length = 0;
      while (length < size) {
        const read = readSync(fd, data, length, size - length, null);
        if (read === 0) break;
        length += read;
      }
      return RevisionSnapshot.#decode(data.subarray(0, length), dir, mtimeMs);
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  static #decode(data: Buffer, dir: string, writtenAt: number): RevisionSnapshot | undefined {
    if (data.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const headerEnd = data.indexOf(10, MAGIC.length);
    if (headerEnd < 0) return undefined;
    const header = JSON.parse(data.toString('utf8', MAGIC.length, headerEnd)) as Header;
    if (header.dir !== dir || header.littleEndian !== LITTLE_ENDIAN || header.bodyAt % 8 !== 0) return undefined;
    for (const [start, end] of Object.values(header.blocks)) {
      if (!(start >= 0 && start <= end && header.bodyAt + end <= data.length)) return undefined;
    }
    const need: BlockName[] = ['stats', 'recordStarts', 'folders', 'ids', 'records'];
    if (need.some((name) => header.blocks[name] === undefined)) return undefined;
    const snapshot = new RevisionSnapshot(header, data, writtenAt);
    if (snapshot.#stats.length !== header.count * 3 || snapshot.#recordStarts.length !== header.count + 1) return undefined;
    if (snapshot.hasOverview) {
      const perRevision = [snapshot.order(), snapshot.#view('flags', Uint8Array), snapshot.#view('labelOf', Int32Array)];
      if (perRevision.some((array) => array.length !== header.count)) return undefined;
    }
    return snapshot;
  }

  /** Folder names, in load order, joined by newlines. */
  get folderList(): string {
    this.#folderList ??= this.#text('folders');
    return this.#folderList;
  }

  /** The migrations folder itself is unchanged, so its listing is `folderList`. */
  isListingFresh(dirStats: FileStats): boolean {
    const { size, mtimeMs, ctimeMs } = this.#header.dirStats;
    return this.#unchanged(dirStats, size, mtimeMs, ctimeMs);
  }

  /** Entry `index` still describes a meta.json with these stats (and is not racily clean). */
  isFresh(index: number, stats: FileStats): boolean {
    const at = index * 3;
    return this.#unchanged(stats, this.#stats[at], this.#stats[at + 1], this.#stats[at + 2]);
  }

  // Same stats as recorded, and old enough before the snapshot to trust them.
  #unchanged(stats: FileStats, size: number | undefined, mtimeMs: number | undefined, ctimeMs: number | undefined): boolean {
    const trusted = this.#writtenAt - RACY_MS;
    return stats.size === size && stats.mtimeMs === mtimeMs && stats.ctimeMs === ctimeMs && ctimeMs < trusted && mtimeMs < trusted;
  }

  /** Revision ids in load order. */
  ids(): readonly string[] {
    if (this.#ids === undefined) {
      const ids = this.count === 0 ? [] : this.#idsText().split('\n');
      if (ids.length !== this.count) throw new Error('revision snapshot ids are inconsistent');
      this.#ids = ids;
    }
    return this.#ids;
  }

  /**
   * The id of entry `index`, as `ids()[index]`, without making all of them: `heads` needs a
   * few, and `history` uses each once (10,000 strings kept alive cost garbage-collector
   * copying).
   *
   * @example
   * ```ts
   * snapshot.idAt(0); // the first revision folder's id, e.g. 'a1b2c3d4e5f6'
   * ```
   */
  idAt(index: number): string {
    if (this.#ids !== undefined) return this.#ids[index]!;
    const text = this.#idsText();
    if (this.#idStarts === undefined) {
      const starts = new Int32Array(this.count + 1);
      let at = 0;
      for (let i = 1; i < this.count; i += 1) {
        at = text.indexOf('\n', at) + 1;
        if (at === 0) throw new Error('revision snapshot ids are inconsistent');
        starts[i] = at;
      }
      if (this.count > 0 && text.indexOf('\n', at) !== -1) throw new Error('revision snapshot ids are inconsistent');
      starts[this.count] = text.length + 1;
      this.#idStarts = starts;
    }
    return text.slice(this.#idStarts[index]!, this.#idStarts[index + 1]! - 1);
  }

  #idsText(): string {
    this.#idsTextValue ??= this.#text('ids');
    return this.#idsTextValue;
  }

  /** The revision of entry `index`, placed in `prefix` (the migrations folder plus separator). */
  revision(index: number, folder: string, prefix: string): StoredRevision {
    const text = this.#records();
    const start = this.#recordStarts[index]!;
    // Five tab-ended fields, then the message as a JSON string up to the newline.
    const t1 = text.indexOf('\t', start);
    const t2 = text.indexOf('\t', t1 + 1);
    const t3 = text.indexOf('\t', t2 + 1);
    const t4 = text.indexOf('\t', t3 + 1);
    const t5 = text.indexOf('\t', t4 + 1);
    return {
      id: this.idAt(index),
      parents: words(text.slice(start, t1)),
      dependsOn: t2 === t1 + 1 ? NONE : words(text.slice(t1 + 1, t2)),
      branchLabels: t3 === t2 + 1 ? NONE : words(text.slice(t2 + 1, t3)),
      message: unquote(text.slice(t5 + 1, this.#recordStarts[index + 1]! - 1)),
      createdAt: t4 === t3 + 1 ? undefined : text.slice(t3 + 1, t4),
      transactional: text.charCodeAt(t4 + 1) === 49, // '1'
      folder,
      path: `${prefix}${folder}`,
    };
  }

  /**
   * Entry `index`'s summary with its parents and message, what one line of `history` shows,
   * without materializing the other fields.
   */
  brief(index: number): RevisionBrief {
    const text = this.#records();
    const start = this.#recordStarts[index]!;
    const end = this.#recordStarts[index + 1]! - 1;
    const t1 = text.indexOf('\t', start);
    let tab = t1;
    for (let field = 1; field < 5; field += 1) tab = text.indexOf('\t', tab + 1);
    // One object per line, fields spelled out: building it from summary()'s object (spread
    // or copied) cost 15-200% more over 10,000 lines.
    const flags = this.#flagsOf(index);
    return {
      isHead: (flags & 1) !== 0,
      isBranchPoint: (flags & 2) !== 0,
      isMergePoint: (flags & 4) !== 0,
      labels: this.#labelsOf(index),
      parents: words(text.slice(start, t1)),
      message: unquote(text.slice(tab + 1, end)),
    };
  }

  /** Whether the graph overview was stored (the graph was valid when written). */
  get hasOverview(): boolean {
    return OVERVIEW_BLOCKS.every((name) => this.#header.blocks[name] !== undefined);
  }

  /** `graph.heads` as indexes. */
  heads(): Int32Array {
    return this.#view('heads', Int32Array);
  }

  /** `graph.topologicalOrder()` as indexes. */
  order(): Int32Array {
    return this.#view('order', Int32Array);
  }

  /** `graph.summary()` of entry `index`; revisions with the same labels share one array. */
  summary(index: number): RevisionSummary {
    const flags = this.#flagsOf(index);
    return { isHead: (flags & 1) !== 0, isBranchPoint: (flags & 2) !== 0, isMergePoint: (flags & 4) !== 0, labels: this.#labelsOf(index) };
  }

  // The records block, decoded once.
  #records(): string {
    this.#recordsText ??= this.#text('records');
    return this.#recordsText;
  }

  // Bit 1 head, 2 branch point, 4 merge point.
  #flagsOf(index: number): number {
    this.#flags ??= this.#view('flags', Uint8Array);
    return this.#flags[index] ?? 0;
  }

  // Revisions with the same labels share one array; none share one frozen empty array.
  #labelsOf(index: number): readonly string[] {
    this.#labelOf ??= this.#view('labelOf', Int32Array);
    this.#labelSets ??= JSON.parse(this.#text('labelSets')) as readonly (readonly string[])[];
    const labels = this.#labelOf[index] ?? -1;
    return labels < 0 ? NONE : (this.#labelSets[labels] ?? NONE);
  }

  #range(name: BlockName): readonly [number, number] {
    const range = this.#header.blocks[name];
    if (!range) throw new Error(`revision snapshot has no '${name}' block`);
    return [this.#header.bodyAt + range[0], this.#header.bodyAt + range[1]];
  }

  #text(name: BlockName): string {
    const [start, end] = this.#range(name);
    return this.#data.toString('utf8', start, end);
  }

  #view<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(name: BlockName, type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number }): T {
    const [start, end] = this.#range(name);
    return new type(this.#data.buffer, this.#data.byteOffset + start, (end - start) / type.BYTES_PER_ELEMENT);
  }

  /**
   * Writes a snapshot atomically (temp file, then rename). Failing to write is not an error:
   * a read-only checkout still works, only slower.
   */
  static write(props: {
    readonly file: string;
    readonly dir: string;
    /** Stats of the migrations folder, taken before it was listed. */
    readonly dirStats: FileStats;
    readonly revisions: readonly StoredRevision[];
    /** Size, mtime and ctime of each revision's meta.json, three numbers per revision. */
    readonly stats: Float64Array;
    readonly overview: SnapshotOverview | undefined;
  }): void {
    const { file, dir, revisions, stats, overview } = props;
    if (stats.length !== revisions.length * 3) throw new Error(`revision snapshot needs 3 stats per revision, got ${stats.length} for ${revisions.length}`);
    const lines = revisions.map((r) => `${r.parents.join(' ')}\t${r.dependsOn.join(' ')}\t${r.branchLabels.join(' ')}\t${r.createdAt ?? ''}\t${r.transactional ? 1 : 0}\t${JSON.stringify(r.message)}\n`);
    // Offsets in UTF-16 code units of the decoded block, so a line is one slice of it.
    const recordStarts = new Uint32Array(revisions.length + 1);
    lines.forEach((line, i) => (recordStarts[i + 1] = recordStarts[i]! + line.length));
    const blocks: [BlockName, Uint8Array][] = [
      // A missing meta.json (NaN) never matches, so that entry is read again next time.
      ['stats', bytes(new Float64Array(stats))],
      ['recordStarts', bytes(recordStarts)],
      ['folders', Buffer.from(revisions.map((r) => r.folder).join('\n'))],
      ['ids', Buffer.from(revisions.map((r) => r.id).join('\n'))],
      ['records', Buffer.from(lines.join(''))],
    ];
    if (overview) {
      blocks.push(
        ['heads', bytes(Int32Array.from(overview.heads))],
        ['order', bytes(Int32Array.from(overview.order))],
        ['flags', bytes(Uint8Array.from(overview.flags))],
        ['labelOf', bytes(Int32Array.from(overview.labelOf))],
        ['labelSets', Buffer.from(JSON.stringify(overview.labelSets))],
      );
    }
    // Every block starts 8-aligned so typed arrays can view it in place.
    const ranges: Partial<Record<BlockName, readonly [number, number]>> = {};
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (const [name, content] of blocks) {
      const padding = (8 - (offset % 8)) % 8;
      if (padding > 0) parts.push(new Uint8Array(padding));
      offset += padding;
      ranges[name] = [offset, offset + content.length];
      parts.push(content);
      offset += content.length;
    }
    // The header's own length decides where the body starts; iterate until it is stable.
    let bodyAt = 0;
    let line = '';
    for (;;) {
      line = JSON.stringify({ dir, dirStats: { size: props.dirStats.size, mtimeMs: props.dirStats.mtimeMs, ctimeMs: props.dirStats.ctimeMs }, count: revisions.length, littleEndian: LITTLE_ENDIAN, bodyAt, blocks: ranges } satisfies Header);
      const aligned = Math.ceil((Buffer.byteLength(MAGIC) + Buffer.byteLength(line) + 1) / 8) * 8;
      if (aligned === bodyAt) break;
      bodyAt = aligned;
    }
    const head = Buffer.from(`${MAGIC}${line}\n`);
    try {
      writeFileAtomic(file, Buffer.concat([head, Buffer.alloc(bodyAt - head.length, 0x20), ...parts]));
    } catch {
      // A read-only checkout still works, only slower.
    }
  }
}

function bytes(array: Float64Array | Int32Array | Uint32Array | Uint8Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

const NONE: readonly string[] = Object.freeze([]);

function words(joined: string): readonly string[] {
  return joined === '' ? NONE : joined.split(' ');
}

// Messages are stored as JSON strings; most have nothing escaped.
function unquote(quoted: string): string {
  return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
}

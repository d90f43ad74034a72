import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Packr } from 'msgpackr';
import lockfile from 'proper-lockfile';
import { BLOB_NAME, decodeBlob, decodeManifest, encodeBlob, encodeManifest, FRAME_HEADER_BYTES } from './entryCodec.js';
import { hasOutputs } from './store.js';
import type {
  CacheStore,
  CachedResult,
  ContextEntry,
  EntrySummary,
  EntryToStore,
  LoadResult,
  ReadResult,
  ResultManifest,
} from './store.js';
import { importV1Store } from './v1Import.js';
import { sweepAbandonedTemps, writeFileAtomic } from '../util/atomicWrite.js';
import { safeMtime, safeReaddir, safeSize, safeUnlink } from '../util/quietFs.js';
import { fileSystemUserError, UserError } from '../util/errors.js';

/**
 * The local store (format v2). Per context key, a small manifest under `manifests/<2 hex>/`: the
 * explain-a-miss fields and, for each result, the files it read and the hash of its blob. Per result,
 * a blob under `blobs/<2 hex>/` named by the SHA-256 of its bytes (the object, depfile, stdout, stderr
 * or a step sequence's outputs), so identical results are stored once. A lookup reads and verifies
 * the manifest; only the blob of the result used is read and verified. Every file is written to a
 * temporary name and renamed into place. An index (msgpackr) records the size, last use and blobs of
 * every manifest; it is merged with what other processes wrote under a lock when flushed, and rebuilt
 * by scanning if lost. A blob is deleted when no manifest of the index refers to it any more.
 *
 * Several processes may share the directory: files are only ever replaced whole by rename, so a
 * reader sees an old or a new manifest, never a mix; a lost race loses at most one cached result (a
 * manifest whose blob another process evicted is a miss, and the next compile stores it again).
 */

const FORMAT = 'v2';
const MANIFEST_HINT_MAX = 1 << 20;

/** A blob that no manifest refers to is deleted by a scan once it is this old (its writer is done with it). */
const ORPHAN_AFTER_MS = 10 * 60_000;

// Plain maps and arrays (no msgpackr record extension): the index rows are tuples, which are compact
// already, and a file without record definitions can be read by any msgpack reader. A map of over
// 65,535 keys (entries, blobs) needs the 32-bit size, which msgpackr writes only when asked to.
const packr = new Packr({ useRecords: false, moreTypes: false, variableMapSize: true });

/**
 * The blobs a manifest names, flat: hash, size, hash, size... One array per row and no table of blobs
 * beside the rows: the index is read at every start, and its strings are most of that time.
 */
type BlobRefs = (string | number)[];
type IndexRow = [source: string, compiler: string, flags: string, size: number, lastUse: number, blobs: BlobRefs];
/**
 * On disk the compiler and flags of a row are numbers into `strings`: a few dozen distinct 64-character
 * hashes, which written out on every row were most of the file.
 */
type StoredRow = [source: string, compiler: number, flags: number, size: number, lastUse: number, blobs: BlobRefs];
interface IndexFile {
  v: 2;
  strings: string[];
  entries: Record<string, StoredRow>;
}

/** A blob as the index knows it: its size (0 once found missing) and how many manifests refer to it. */
interface BlobRecord {
  bytes: number;
  refs: number;
}

export interface LocalStoreOptions {
  dir: string;
  maxBytes: number;
}

export class LocalStore implements CacheStore {
  readonly root: string;
  private readonly manifestsDir: string;
  private readonly blobsDir: string;
  /**
   * Where manifests and blobs are written before their rename: not in their shards, which the action
   * archives while another job on the same cache dir may be writing (tar fails on a file that vanishes).
   */
  private readonly tmpDir: string;
  private readonly indexPath: string;
  private readonly index = new Map<string, IndexRow>();
  private readonly blobs = new Map<string, BlobRecord>();
  private readonly bySource = new Map<string, Set<string>>();
  private readonly removed = new Set<string>();
  private bytes = 0;
  /** Shard directories known to exist: saves a mkdir per write. */
  private readonly shards = new Set<string>();
  private flushing: Promise<void> | undefined;

  private constructor(private readonly options: LocalStoreOptions) {
    this.root = join(options.dir, FORMAT);
    this.manifestsDir = join(this.root, 'manifests');
    this.blobsDir = join(this.root, 'blobs');
    this.tmpDir = join(this.root, 'tmp');
    this.indexPath = join(this.root, 'index.msgpack');
  }

  static open(options: LocalStoreOptions): LocalStore {
    const store = new LocalStore(options);
    try {
      mkdirSync(store.manifestsDir, { recursive: true });
      mkdirSync(store.blobsDir, { recursive: true });
      mkdirSync(store.tmpDir, { recursive: true });
    } catch (e) {
      const problem = fileSystemUserError(e)?.message.replace(/^fbuild: /, '') ?? (e as Error).message;
      throw new UserError(`the cache dir ${options.dir} cannot be used: ${problem}; or pass another --cache-dir / FBUILD_CACHE_DIR`);
    }
    store.sweepTemps();
    // A store without an index is rebuilt now; one with an index is read when first used: a build
    // that turns out to be up to date never reads it (nor writes it back).
    if (!existsSync(store.indexPath)) store.ready();
    return store;
  }

  private loaded = false;
  /**
   * Uses recorded before the index was read (a build whose every lookup hit reads manifests and
   * blobs, which need no index): applied when it is read, or written into it by a flush that reads
   * nothing else. Reading the index of a large store is most of a warm build's store time.
   */
  private readonly pendingTouches = new Map<string, number>();

  /** Reads the index (or rebuilds it) the first time the store is used beyond lookups. */
  private ready(): void {
    if (this.loaded) return;
    this.loaded = true;
    const loaded = this.readIndexFile();
    if (loaded) for (const [k, row] of loaded) this.setRow(k, row);
    else this.rebuildIndex();
    for (const [k, time] of this.pendingTouches) {
      const row = this.index.get(k);
      if (row && row[4] < time) row[4] = time;
    }
    this.pendingTouches.clear();
    // A store of the previous format (one file per context, outputs inside) is moved over once.
    importV1Store(this.options.dir, (entry, lastUse) => {
      if (!this.index.has(entry.contextKey)) this.write(entry, lastUse);
    });
  }

  /**
   * Temporary files that killed or crashed writers left. Writers use the store's tmp dir, so the 512
   * shard dirs are swept only when the index is rebuilt (a store of an older fbuild, which wrote its
   * temporary files beside their targets): reading them all cost a warm build's start ~30 ms.
   */
  private sweepTemps(): void {
    sweepAbandonedTemps(this.root);
    sweepAbandonedTemps(this.tmpDir);
    // The v1 directory keeps the compiler identities (and the server's lock) across formats.
    sweepAbandonedTemps(join(this.options.dir, 'v1'));
  }

  /** The shard dirs' abandoned temporary files (also before the store is archived: `pruneStore`). */
  sweepShardTemps(): void {
    for (const dir of [this.manifestsDir, this.blobsDir]) {
      for (const shard of safeReaddir(dir)) sweepAbandonedTemps(join(dir, shard));
    }
  }

  private manifestPath(contextKey: string): string {
    return join(this.manifestsDir, contextKey.slice(0, 2), contextKey);
  }

  private blobPath(hash: string): string {
    return join(this.blobsDir, hash.slice(0, 2), hash);
  }

  private ensureShard(path: string): void {
    const dir = path.slice(0, path.lastIndexOf('/'));
    if (this.shards.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.shards.add(dir);
  }

  /** Records a manifest's row; the blobs it names are counted before the old row's are released. */
  private setRow(key: string, row: IndexRow): void {
    const refs = row[5];
    for (let i = 0; i < refs.length; i += 2) {
      const hash = refs[i] as string;
      const blob = this.blobs.get(hash);
      if (blob) blob.refs++;
      else {
        const bytes = refs[i + 1] as number;
        this.blobs.set(hash, { bytes, refs: 1 });
        this.bytes += bytes;
      }
    }
    const old = this.index.get(key);
    if (old) {
      this.bytes -= old[3];
      this.release(old[5]);
      if (old[0] !== row[0]) this.bySource.get(old[0])?.delete(key);
    }
    this.index.set(key, row);
    this.bytes += row[3];
    let set = this.bySource.get(row[0]);
    if (!set) this.bySource.set(row[0], (set = new Set()));
    set.add(key);
  }

  private dropRow(key: string): void {
    const old = this.index.get(key);
    if (!old) return;
    this.bytes -= old[3];
    this.release(old[5]);
    this.bySource.get(old[0])?.delete(key);
    this.index.delete(key);
  }

  /** One reference fewer to each blob; a blob no manifest refers to is deleted. */
  private release(refs: BlobRefs): void {
    for (let i = 0; i < refs.length; i += 2) {
      const hash = refs[i] as string;
      const blob = this.blobs.get(hash);
      if (!blob || --blob.refs > 0) continue;
      this.blobs.delete(hash);
      this.bytes -= blob.bytes;
      safeUnlink(this.blobPath(hash));
    }
  }

  /** A blob found missing or deleted as damaged: still named by manifests, no longer on disk. */
  private blobGone(hash: string): void {
    const blob = this.blobs.get(hash);
    if (!blob) return;
    this.bytes -= blob.bytes;
    blob.bytes = 0;
  }

  /**
   * The index file, or undefined when it is missing or not to be trusted: every row is checked, and
   * one bad row rejects the whole file (the caller then rebuilds the index from the manifests on disk).
   */
  private readIndexFile(): [string, IndexRow][] | undefined {
    let parsed: unknown;
    try {
      parsed = packr.unpack(readFileSync(this.indexPath));
    } catch {
      return undefined;
    }
    if (!isIndexFile(parsed)) return undefined;
    const { strings, entries } = parsed;
    return Object.entries(entries).map(([k, r]) => [k, [r[0], strings[r[1]]!, strings[r[2]]!, r[3], r[4], r[5]]]);
  }

  /** Reads a manifest; undefined if absent, 'damaged' if it fails verification. */
  private readManifest(key: string): { entry: ContextEntry; size: number } | 'damaged' | undefined {
    let data: Buffer;
    try {
      // The index's size is a hint (another process may have rewritten the file, a damaged index may
      // claim anything): a manifest is small, so a hint above a megabyte is not followed.
      const hint = this.index.get(key)?.[3];
      data = readFileOfSize(this.manifestPath(key), hint !== undefined && hint <= MANIFEST_HINT_MAX ? hint : undefined);
    } catch {
      return undefined;
    }
    const entry = decodeManifest(data, key);
    return entry === 'damaged' ? entry : { entry, size: data.length };
  }

  /** Scans the manifests (after the index was lost or damaged), then takes each blob's size from its file. */
  private rebuildIndex(): void {
    this.sweepShardTemps();
    for (const shard of safeReaddir(this.manifestsDir)) {
      for (const name of safeReaddir(join(this.manifestsDir, shard))) {
        if (name.includes('.')) continue; // temporary files of writers
        const read = this.readManifest(name);
        if (read === undefined) continue;
        if (read === 'damaged') {
          safeUnlink(this.manifestPath(name));
          continue;
        }
        const { entry, size } = read;
        this.setRow(name, rowOf(entry, size, safeMtime(this.manifestPath(name)) ?? 0));
      }
    }
    this.checkBlobSizes();
    this.sweepOrphanBlobs();
  }

  /** Takes each blob's size from its file (0 for one that is gone). */
  private checkBlobSizes(): void {
    for (const [hash, blob] of this.blobs) {
      const size = safeSize(this.blobPath(hash)) ?? 0;
      this.bytes += size - blob.bytes;
      blob.bytes = size;
    }
  }

  /**
   * Deletes the blobs no manifest of the index refers to (left by a writer that died between its blob
   * and its manifest, or by two processes rewriting one manifest at once), once they are old enough
   * that no writer is still about to name them. Returns how many were deleted.
   */
  sweepOrphanBlobs(now = Date.now()): number {
    this.ready();
    let deleted = 0;
    for (const shard of safeReaddir(this.blobsDir)) {
      for (const name of safeReaddir(join(this.blobsDir, shard))) {
        if (!BLOB_NAME.test(name) || this.blobs.has(name)) continue;
        const p = this.blobPath(name);
        const mtime = safeMtime(p);
        if (mtime === undefined || now - mtime < ORPHAN_AFTER_MS) continue;
        safeUnlink(p);
        deleted++;
      }
    }
    return deleted;
  }

  get(contextKey: string): ReadResult {
    if (!this.loaded) {
      // A lookup that finds its manifest needs no index (its size is only a hint); anything else does.
      const found = this.readManifest(contextKey);
      if (found !== undefined && found !== 'damaged') return { status: 'found', entry: found.entry };
    }
    this.ready();
    const read = this.readManifest(contextKey);
    if (read === undefined) {
      if (this.index.has(contextKey)) {
        this.dropRow(contextKey);
        this.removed.add(contextKey);
      }
      return { status: 'absent' };
    }
    if (read === 'damaged') {
      safeUnlink(this.manifestPath(contextKey));
      this.dropRow(contextKey);
      this.removed.add(contextKey);
      return { status: 'damaged' };
    }
    // Written (or rewritten) by another process since our index was loaded: adopt it so that it ages
    // and counts, and so that its blobs are known.
    const row = this.index.get(contextKey);
    if (!row || row[3] !== read.size) {
      this.setRow(contextKey, rowOf(read.entry, read.size, row?.[4] ?? Date.now()));
    }
    return { status: 'found', entry: read.entry };
  }

  load(result: ResultManifest): LoadResult {
    let data: Buffer;
    try {
      data = readFileOfSize(this.blobPath(result.blob), result.blobBytes);
    } catch {
      this.ready();
      this.blobGone(result.blob);
      return { status: 'absent' };
    }
    const outputs = decodeBlob(data, result.blob);
    if (outputs !== 'damaged') return { status: 'found', outputs };
    this.ready();
    safeUnlink(this.blobPath(result.blob));
    this.blobGone(result.blob);
    return { status: 'damaged' };
  }

  async put(entry: EntryToStore): Promise<void> {
    this.ready();
    this.write(entry, Date.now());
    // Evict in the background; a failure here only delays eviction to the next flush.
    if (this.bytes > this.options.maxBytes) this.flush().catch(() => undefined);
  }

  /** Writes the blobs of the new results, then the manifest that names them. */
  private write(entry: EntryToStore, lastUse: number): void {
    const written: string[] = [];
    try {
      const results = entry.results.map((r) => (hasOutputs(r) ? this.writeBlob(r, written) : r));
      const manifest: ContextEntry = {
        contextKey: entry.contextKey,
        source: entry.source,
        compiler: entry.compiler,
        flags: entry.flags,
        results,
      };
      const bytes = encodeManifest(manifest);
      const path = this.manifestPath(entry.contextKey);
      this.ensureShard(path);
      writeFileAtomic(path, bytes, { tmpDir: this.tmpDir });
      this.removed.delete(entry.contextKey);
      this.setRow(entry.contextKey, rowOf(manifest, bytes.length, lastUse));
    } catch (e) {
      // No manifest names the blobs just written (a full disk, above all): they would only take room.
      for (const hash of written) if (!this.blobs.has(hash)) safeUnlink(this.blobPath(hash));
      throw e;
    }
  }

  private writeBlob(r: CachedResult, written: string[]): ResultManifest {
    const { bytes, hash } = encodeBlob(r);
    const path = this.blobPath(hash);
    // Content-addressed: a blob already there of the right size is the same bytes (a damaged one is
    // deleted when read). One of another size was cut short (a truncated archive's restore, a full
    // disk): this result replaces it rather than leaning on it.
    if (!existsSync(path) || sizeOf(path) !== bytes.length) {
      this.ensureShard(path);
      writeFileAtomic(path, bytes, { tmpDir: this.tmpDir });
      written.push(hash);
      const known = this.blobs.get(hash);
      if (known && known.bytes === 0) {
        known.bytes = bytes.length;
        this.bytes += bytes.length;
      }
    }
    return {
      resultKey: r.resultKey,
      files: r.files,
      compileMs: r.compileMs,
      createdAt: r.createdAt,
      ...(r.objectHash ? { objectHash: r.objectHash } : {}),
      ...(r.quiet ? { quiet: r.quiet } : {}),
      blob: hash,
      blobBytes: bytes.length,
    };
  }

  touch(contextKey: string): void {
    if (!this.loaded) {
      this.pendingTouches.set(contextKey, Date.now());
      return;
    }
    const row = this.index.get(contextKey);
    if (row) row[4] = Date.now();
  }

  entriesForSource(source: string): EntrySummary[] {
    this.ready();
    const keys = this.bySource.get(source);
    if (!keys) return [];
    return [...keys].map((k) => {
      const r = this.index.get(k)!;
      let size = r[3];
      for (let i = 0; i < r[5].length; i += 2) size += this.blobs.get(r[5][i] as string)?.bytes ?? 0;
      return { contextKey: k, source: r[0], compiler: r[1], flags: r[2], size, lastUse: r[4] };
    });
  }

  /** Entries (manifests), and the bytes of their manifests and of every blob once. */
  totals(): { entries: number; bytes: number } {
    this.ready();
    return { entries: this.index.size, bytes: this.bytes };
  }

  flush(): Promise<void> {
    // Nothing read, nothing recorded (a process whose builds were up to date or only looked): the
    // index on disk is as this process would write it, so it is neither read nor written.
    if (!this.loaded && this.pendingTouches.size === 0) return this.flushing ?? Promise.resolve();
    // Only uses to record: they go into the index on disk, without reading it into this store.
    const run =
      !this.loaded && this.pendingTouches.size > 0 ? async () => this.flushTouches() : async () => (this.ready(), this.flushNow());
    // One flush at a time in this process; a flush asked for during one runs after it.
    this.flushing = (this.flushing ?? Promise.resolve()).then(run, run);
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    mkdirSync(this.root, { recursive: true });
    const release = await this.lockIndex();
    try {
      // Merge what other processes recorded since we loaded: keep the later use of each entry.
      const disk = this.readIndexFile();
      if (disk) {
        for (const [k, row] of disk) {
          if (this.removed.has(k)) continue;
          const mine = this.index.get(k);
          if (!mine) {
            if (existsSync(this.manifestPath(k))) this.setRow(k, row);
            continue;
          }
          if (row[4] > mine[4]) mine[4] = row[4];
          // Both wrote this manifest (the same compile at once): the file is whichever rename came
          // last, so it is read rather than taken from either side's record.
          if (row[3] !== mine[3] || row[5].join() !== mine[5].join()) this.reread(k);
        }
      }
      this.removed.clear();
      this.evictIfOver();
      // Each row records its blobs' sizes as this process knows them now (checked against the files
      // when the store was over its limit, 0 for one found gone).
      for (const row of this.index.values()) {
        const refs = row[5];
        for (let i = 0; i < refs.length; i += 2) refs[i + 1] = this.blobs.get(refs[i] as string)?.bytes ?? 0;
      }
      writeFileAtomic(this.indexPath, packr.pack(indexFileOf(this.index)));
    } finally {
      await release();
    }
  }

  /** The index's lock between processes (proper-lockfile: a holder that died leaves a stale lock, taken over). */
  private lockIndex(): Promise<() => Promise<void>> {
    return lockfile.lock(this.root, {
      lockfilePath: join(this.root, 'index.lock'),
      stale: 30_000,
      retries: { retries: 200, minTimeout: 20, maxTimeout: 200 },
    });
  }

  /** Writes the uses recorded before the index was read into the index on disk, under its lock. */
  private async flushTouches(): Promise<void> {
    if (this.loaded) return this.flushNow(); // read since: the touches are in it
    const release = await this.lockIndex();
    try {
      const disk = this.readIndexFile();
      // No index to record them in: the next full load rebuilds it (from the manifests' times).
      if (!disk) return;
      const rows = new Map(disk);
      let changed = false;
      for (const [k, time] of this.pendingTouches) {
        const row = rows.get(k);
        if (row && row[4] < time) {
          row[4] = time;
          changed = true;
        }
      }
      this.pendingTouches.clear();
      if (changed) writeFileAtomic(this.indexPath, packr.pack(indexFileOf(rows)));
    } finally {
      await release();
    }
  }

  /** Takes an entry's row from its manifest on disk (dropped when it is gone or damaged). */
  private reread(key: string): void {
    const read = this.readManifest(key);
    const lastUse = this.index.get(key)?.[4] ?? Date.now();
    if (read === undefined || read === 'damaged') this.dropRow(key);
    else this.setRow(key, rowOf(read.entry, read.size, lastUse));
  }

  /**
   * Drops every entry last used before `time` (the action's `evict-unused`: what this job did not
   * use), and the blobs only they referred to. Returns how many were dropped; the next flush records it.
   */
  evictUnusedBefore(time: number): number {
    this.ready();
    let dropped = 0;
    for (const [key, row] of [...this.index]) {
      if (row[4] >= time) continue;
      safeUnlink(this.manifestPath(key));
      this.dropRow(key);
      this.removed.add(key);
      dropped++;
    }
    return dropped;
  }

  /**
   * Entries whose manifests were written after `time`: new ones and ones that gained a result. File
   * times, not last use: a hit only touches an entry, and an archive restore keeps the old times.
   */
  writtenSince(time: number): number {
    this.ready();
    let written = 0;
    for (const key of this.index.keys()) {
      const mtime = safeMtime(this.manifestPath(key));
      if (mtime !== undefined && mtime > time) written++;
    }
    return written;
  }

  /**
   * Least recently used first, down to 90% of the limit. The recorded sizes come from other processes
   * and from files on disk: before anything is deleted for them, each is checked against its file.
   */
  private evictIfOver(): void {
    if (this.bytes <= this.options.maxBytes) return;
    for (const [key, row] of [...this.index]) {
      const size = safeSize(this.manifestPath(key));
      if (size === undefined) this.dropRow(key);
      else if (size !== row[3]) {
        this.bytes += size - row[3];
        row[3] = size;
      }
    }
    this.checkBlobSizes();
    if (this.bytes <= this.options.maxBytes) return;
    const target = this.options.maxBytes * 0.9;
    const byAge = [...this.index.entries()].sort((a, b) => a[1][4] - b[1][4]);
    for (const [key] of byAge) {
      if (this.bytes <= target) break;
      safeUnlink(this.manifestPath(key));
      this.dropRow(key);
    }
  }

  async close(): Promise<void> {
    // Never used beyond lookups: at most their uses to record; the index on disk is otherwise left as it is.
    if (!this.loaded && this.pendingTouches.size === 0) return;
    await this.flush();
  }
}

/**
 * A file's bytes in one read() when its size is known (readFileSync asks the size first: one syscall
 * more on every hit). A file longer than `size` (rewritten since it was recorded) is read whole too.
 */
function readFileOfSize(path: string, size: number | undefined): Buffer {
  if (size === undefined) return readFileSync(path);
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(size + 1);
  let n = 0;
  try {
    // One byte more than expected is asked for: a regular file gives all it has up to the count, so
    // getting fewer means its end was reached (a truncated file if short of `size`; a signal can
    // also cut a read short, hence the loop).
    for (let got = -1; n < size && got !== 0; n += got) got = readSync(fd, buf, n, size + 1 - n, null);
  } finally {
    closeSync(fd);
  }
  return n <= size ? buf.subarray(0, n) : readFileSync(path);
}

function rowOf(entry: ContextEntry, size: number, lastUse: number): IndexRow {
  return [entry.source, entry.compiler, entry.flags, size, lastUse, entry.results.flatMap((r) => [r.blob, r.blobBytes])];
}

/** Context keys are SHA-256 hex: anything else in the index would name a path outside the store. */
const CONTEXT_KEY = /^[0-9a-f]{64}$/;

function indexFileOf(index: Map<string, IndexRow>): IndexFile {
  const strings: string[] = [];
  const numbers = new Map<string, number>();
  const numberOf = (s: string) => {
    let n = numbers.get(s);
    if (n === undefined) numbers.set(s, (n = strings.push(s) - 1));
    return n;
  };
  const entries: Record<string, StoredRow> = {};
  for (const [k, r] of index) entries[k] = [r[0], numberOf(r[1]), numberOf(r[2]), r[3], r[4], r[5]];
  return { v: 2, strings, entries };
}

function isStoredRow(row: unknown, strings: number): row is StoredRow {
  const isString = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) < strings;
  return (
    Array.isArray(row) &&
    row.length === 6 &&
    typeof row[0] === 'string' &&
    isString(row[1]) &&
    isString(row[2]) &&
    Number.isSafeInteger(row[3]) &&
    (row[3] as number) >= FRAME_HEADER_BYTES &&
    Number.isFinite(row[4]) &&
    isBlobRefs(row[5])
  );
}

function isBlobRefs(refs: unknown): refs is BlobRefs {
  if (!Array.isArray(refs) || refs.length % 2 !== 0) return false;
  for (let i = 0; i < refs.length; i += 2) {
    if (typeof refs[i] !== 'string' || !BLOB_NAME.test(refs[i] as string)) return false;
    if (!Number.isSafeInteger(refs[i + 1]) || (refs[i + 1] as number) < 0) return false;
  }
  return true;
}

function isIndexFile(doc: unknown): doc is IndexFile {
  if (typeof doc !== 'object' || doc === null || (doc as IndexFile).v !== 2) return false;
  const { entries, strings } = doc as { entries: unknown; strings: unknown };
  if (!isRecord(entries) || !Array.isArray(strings) || !strings.every((s) => typeof s === 'string')) return false;
  return Object.entries(entries).every(([key, row]) => CONTEXT_KEY.test(key) && isStoredRow(row, strings.length));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

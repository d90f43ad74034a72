import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Packr } from 'msgpackr';
import lockfile from 'proper-lockfile';
import { decodeEntry, encodeEntry, ENTRY_HEADER_BYTES } from './entryCodec.js';
import type { CacheStore, ContextEntry, EntrySummary, ReadResult } from './store.js';
import { sweepAbandonedTemps, writeFileAtomic } from '../util/atomicWrite.js';
import { fileSystemUserError, UserError } from '../util/errors.js';

/**
 * The local store: one file per context key under `entries/<2 hex>/`, written to a temporary name and
 * renamed into place, each starting with a magic word and the SHA-256 of its body, checked on every
 * read. An index (msgpackr) records size, last use and the explain-a-miss fields of every entry; it is
 * merged with what other processes wrote under a lock when flushed, and rebuilt by scanning if lost.
 *
 * Several processes may share the directory: entries are only ever replaced whole by rename, so a
 * reader sees an old or a new entry, never a mix; a lost race loses at most one cached result.
 */

const FORMAT = 'v1';

// Plain maps and arrays (no msgpackr record extension): the index rows are tuples, which are compact
// already, and a file without record definitions can be read by any msgpack reader.
// variableMapSize: by default msgpackr writes every map with a 16-bit size, and refuses an object of more
// than 65,535 keys: a store of that many entries could not save its index (every flush failed).
const packr = new Packr({ useRecords: false, moreTypes: false, variableMapSize: true });

type IndexRow = [source: string, compiler: string, flags: string, size: number, lastUse: number];
interface IndexFile {
  v: 1;
  entries: Record<string, IndexRow>;
}

export interface LocalStoreOptions {
  dir: string;
  maxBytes: number;
}

export class LocalStore implements CacheStore {
  readonly root: string;
  private readonly entriesDir: string;
  private readonly indexPath: string;
  private readonly index = new Map<string, IndexRow>();
  private readonly bySource = new Map<string, Set<string>>();
  private readonly removed = new Set<string>();
  private bytes = 0;
  /** Shard directories known to exist: saves a mkdir per write. */
  private readonly shards = new Set<string>();
  private flushing: Promise<void> | undefined;

  private constructor(private readonly options: LocalStoreOptions) {
    this.root = join(options.dir, FORMAT);
    this.entriesDir = join(this.root, 'entries');
    this.indexPath = join(this.root, 'index.msgpack');
  }

  static open(options: LocalStoreOptions): LocalStore {
    const store = new LocalStore(options);
    try {
      mkdirSync(store.entriesDir, { recursive: true });
    } catch (e) {
      const problem = fileSystemUserError(e)?.message.replace(/^fbuild: /, '') ?? (e as Error).message;
      throw new UserError(`the cache dir ${options.dir} cannot be used: ${problem}; or pass another --cache-dir / FBUILD_CACHE_DIR`);
    }
    store.sweepTemps();
    const loaded = store.readIndexFile();
    if (loaded) for (const [k, row] of Object.entries(loaded.entries)) store.setRow(k, row);
    else store.rebuildIndex();
    return store;
  }

  /** Temporary files that killed or crashed writers left (in the store root and every shard). */
  private sweepTemps(): void {
    sweepAbandonedTemps(this.root);
    for (const shard of safeReaddir(this.entriesDir)) sweepAbandonedTemps(join(this.entriesDir, shard));
  }

  private pathFor(contextKey: string): string {
    return join(this.entriesDir, contextKey.slice(0, 2), contextKey);
  }

  private setRow(key: string, row: IndexRow): void {
    const old = this.index.get(key);
    if (old) {
      this.bytes -= old[3];
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
    this.bySource.get(old[0])?.delete(key);
    this.index.delete(key);
  }

  /**
   * The index file, or undefined when it is missing or not to be trusted: every row is checked, and
   * one bad row rejects the whole file (the caller then rebuilds the index from the entries on disk).
   */
  private readIndexFile(): IndexFile | undefined {
    let parsed: unknown;
    try {
      parsed = packr.unpack(readFileSync(this.indexPath));
    } catch {
      return undefined;
    }
    return isIndexFile(parsed) ? parsed : undefined;
  }

  /** Reads an entry file; undefined if absent, 'damaged' if it fails verification. */
  private readEntryFile(path: string): ContextEntry | 'damaged' | undefined {
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      return undefined;
    }
    return decodeEntry(data);
  }

  /** Scans the entry files (after the index was lost or damaged). */
  private rebuildIndex(): void {
    for (const shard of safeReaddir(this.entriesDir)) {
      for (const name of safeReaddir(join(this.entriesDir, shard))) {
        if (name.includes('.')) continue; // temporary files of writers
        const p = join(this.entriesDir, shard, name);
        const entry = this.readEntryFile(p);
        if (entry === undefined) continue;
        if (entry === 'damaged') {
          safeUnlink(p);
          continue;
        }
        const st = statSync(p);
        this.setRow(name, [entry.source, entry.compiler, entry.flags, st.size, st.mtimeMs]);
      }
    }
  }

  get(contextKey: string): ReadResult {
    const path = this.pathFor(contextKey);
    const entry = this.readEntryFile(path);
    if (entry === undefined) {
      if (this.index.has(contextKey)) {
        this.dropRow(contextKey);
        this.removed.add(contextKey);
      }
      return { status: 'absent' };
    }
    if (entry === 'damaged' || entry.contextKey !== contextKey) {
      safeUnlink(path);
      this.dropRow(contextKey);
      this.removed.add(contextKey);
      return { status: 'damaged' };
    }
    // Written by another process since our index was loaded: adopt it so that it ages and counts.
    if (!this.index.has(contextKey)) {
      this.setRow(contextKey, [entry.source, entry.compiler, entry.flags, statSync(path).size, Date.now()]);
    }
    return { status: 'found', entry };
  }

  async put(entry: ContextEntry): Promise<void> {
    const bytes = encodeEntry(entry);
    const path = this.pathFor(entry.contextKey);
    const shard = entry.contextKey.slice(0, 2);
    if (!this.shards.has(shard)) {
      mkdirSync(join(this.entriesDir, shard), { recursive: true });
      this.shards.add(shard);
    }
    writeFileAtomic(path, bytes);
    this.removed.delete(entry.contextKey);
    this.setRow(entry.contextKey, [entry.source, entry.compiler, entry.flags, bytes.length, Date.now()]);
    // Evict in the background; a failure here only delays eviction to the next flush.
    if (this.bytes > this.options.maxBytes) this.flush().catch(() => undefined);
  }

  touch(contextKey: string): void {
    const row = this.index.get(contextKey);
    if (row) row[4] = Date.now();
  }

  entriesForSource(source: string): EntrySummary[] {
    const keys = this.bySource.get(source);
    if (!keys) return [];
    return [...keys].map((k) => {
      const r = this.index.get(k)!;
      return { contextKey: k, source: r[0], compiler: r[1], flags: r[2], size: r[3], lastUse: r[4] };
    });
  }

  totals(): { entries: number; bytes: number } {
    return { entries: this.index.size, bytes: this.bytes };
  }

  flush(): Promise<void> {
    // One flush at a time in this process; a flush asked for during one runs after it.
    const run = async () => this.flushNow();
    this.flushing = (this.flushing ?? Promise.resolve()).then(run, run);
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    mkdirSync(this.root, { recursive: true });
    const release = await lockfile.lock(this.root, {
      lockfilePath: join(this.root, 'index.lock'),
      stale: 30_000,
      retries: { retries: 200, minTimeout: 20, maxTimeout: 200 },
    });
    try {
      // Merge what other processes recorded since we loaded: keep the later use of each entry.
      const disk = this.readIndexFile();
      if (disk) {
        for (const [k, row] of Object.entries(disk.entries)) {
          if (this.removed.has(k)) continue;
          const mine = this.index.get(k);
          if (!mine) {
            if (existsSync(this.pathFor(k))) this.setRow(k, row);
            continue;
          }
          if (row[4] > mine[4]) mine[4] = row[4];
          // Both wrote this entry (the same compile at once): the file is whichever rename came
          // last, so its size is read rather than taken from either side's record.
          if (row[3] !== mine[3]) {
            const size = safeSize(this.pathFor(k));
            if (size === undefined) this.dropRow(k);
            else this.setRow(k, [mine[0], mine[1], mine[2], size, mine[4]]);
          }
        }
      }
      this.removed.clear();
      this.evictIfOver();
      const file: IndexFile = { v: 1, entries: Object.fromEntries(this.index) };
      writeFileAtomic(this.indexPath, packr.pack(file));
    } finally {
      await release();
    }
  }

  /**
   * Drops every entry last used before `time` (the action's `evict-unused`: what this job did not
   * use). Returns how many were dropped; the next flush records it.
   */
  evictUnusedBefore(time: number): number {
    let dropped = 0;
    for (const [key, row] of [...this.index]) {
      if (row[4] >= time) continue;
      safeUnlink(this.pathFor(key));
      this.dropRow(key);
      this.removed.add(key);
      dropped++;
    }
    return dropped;
  }

  /**
   * Entries whose files were written after `time`: new ones and ones that gained a result. File
   * times, not last use: a hit only touches an entry, and an archive restore keeps the old times.
   */
  writtenSince(time: number): number {
    let written = 0;
    for (const key of this.index.keys()) {
      const mtime = safeMtime(this.pathFor(key));
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
      const size = safeSize(this.pathFor(key));
      if (size === undefined) this.dropRow(key);
      else if (size !== row[3]) this.setRow(key, [row[0], row[1], row[2], size, row[4]]);
    }
    if (this.bytes <= this.options.maxBytes) return;
    const target = this.options.maxBytes * 0.9;
    const byAge = [...this.index.entries()].sort((a, b) => a[1][4] - b[1][4]);
    for (const [key] of byAge) {
      if (this.bytes <= target) break;
      safeUnlink(this.pathFor(key));
      this.dropRow(key);
    }
  }

  async close(): Promise<void> {
    await this.flush();
  }
}

/** Context keys are SHA-256 hex: anything else in the index would name a path outside the store. */
const CONTEXT_KEY = /^[0-9a-f]{64}$/;

function isIndexRow(row: unknown): row is IndexRow {
  return (
    Array.isArray(row) &&
    row.length === 5 &&
    typeof row[0] === 'string' &&
    typeof row[1] === 'string' &&
    typeof row[2] === 'string' &&
    Number.isSafeInteger(row[3]) &&
    (row[3] as number) >= ENTRY_HEADER_BYTES &&
    Number.isFinite(row[4])
  );
}

function isIndexFile(doc: unknown): doc is IndexFile {
  if (typeof doc !== 'object' || doc === null || (doc as IndexFile).v !== 1) return false;
  const entries = (doc as IndexFile).entries as unknown;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return false;
  return Object.entries(entries).every(([key, row]) => CONTEXT_KEY.test(key) && isIndexRow(row));
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function safeMtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

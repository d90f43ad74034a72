import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  Packr
} from "./chunk-P32HW7BB.js";
import {
  require_proper_lockfile
} from "./chunk-RRNSNA4T.js";
import {
  sweepAbandonedTemps,
  writeFileAtomic
} from "./chunk-OA4IFKWM.js";
import {
  UserError,
  fileSystemUserError
} from "./chunk-K5XHDEBM.js";
import {
  __toESM
} from "./chunk-ZATFCR4X.js";

// server/cache/localStore.ts
import { closeSync, existsSync, mkdirSync, openSync, readFileSync as readFileSync2, readSync, statSync as statSync3 } from "node:fs";
import { join as join2 } from "node:path";
var import_proper_lockfile = __toESM(require_proper_lockfile(), 1);

// server/cache/entryCodec.ts
import { createHash } from "node:crypto";
var ENTRY_MAGIC = Buffer.from("FBC1");
var MANIFEST_MAGIC = Buffer.from("FBM2");
var FRAME_HEADER_BYTES = ENTRY_MAGIC.length + 32;
var packr = new Packr({ useRecords: false, moreTypes: false });
function frame(magic, value) {
  const body = packr.pack(value);
  return Buffer.concat([magic, createHash("sha256").update(body).digest(), body]);
}
function unframe(magic, data, expectedKey) {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < FRAME_HEADER_BYTES || !bytes.subarray(0, magic.length).equals(magic)) return void 0;
  const body = bytes.subarray(FRAME_HEADER_BYTES);
  if (!createHash("sha256").update(body).digest().equals(bytes.subarray(magic.length, FRAME_HEADER_BYTES))) return void 0;
  try {
    const entry = packr.unpack(body);
    if (!entry || typeof entry !== "object" || !Array.isArray(entry.results) || typeof entry.contextKey !== "string") return void 0;
    if (expectedKey !== void 0 && entry.contextKey !== expectedKey) return void 0;
    return entry;
  } catch {
    return void 0;
  }
}
function encodeEntry(entry) {
  return frame(ENTRY_MAGIC, entry);
}
function decodeEntry(data, expectedKey) {
  const entry = unframe(ENTRY_MAGIC, data, expectedKey);
  return entry && entry.results.every((r) => r?.object instanceof Uint8Array) ? entry : "damaged";
}
function encodeManifest(entry) {
  return frame(MANIFEST_MAGIC, entry);
}
function decodeManifest(data, expectedKey) {
  const entry = unframe(MANIFEST_MAGIC, data, expectedKey);
  if (!entry) return "damaged";
  const blobsNamed = entry.results.every(
    (r) => typeof r?.blob === "string" && BLOB_NAME.test(r.blob) && Number.isSafeInteger(r.blobBytes) && (r.objectHash === void 0 || typeof r.objectHash === "string" && BLOB_NAME.test(r.objectHash)) && (r.quiet === void 0 || r.quiet === true)
  );
  return blobsNamed ? entry : "damaged";
}
var BLOB_NAME = /^[0-9a-f]{64}$/;
function encodeBlob(outputs) {
  const { object, depfile, stdout, stderr, steps } = outputs;
  const bytes = packr.pack({ object, stdout, stderr, ...depfile ? { depfile } : {}, ...steps ? { steps } : {} });
  return { bytes, hash: createHash("sha256").update(bytes).digest("hex") };
}
function decodeBlob(data, expectedHash) {
  if (createHash("sha256").update(data).digest("hex") !== expectedHash) return "damaged";
  try {
    const outputs = packr.unpack(data);
    if (!outputs || typeof outputs !== "object" || !(outputs.object instanceof Uint8Array)) return "damaged";
    return outputs;
  } catch {
    return "damaged";
  }
}

// server/cache/store.ts
function hasOutputs(r) {
  return r.object !== void 0;
}

// server/cache/v1Import.ts
import { readFileSync, statSync as statSync2 } from "node:fs";
import { join } from "node:path";

// server/util/quietFs.ts
import { readdirSync, rmdirSync, statSync, unlinkSync } from "node:fs";
function safeReaddir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
function safeSize(path) {
  try {
    return statSync(path).size;
  } catch {
    return void 0;
  }
}
function safeMtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return void 0;
  }
}
function safeUnlink(path) {
  try {
    unlinkSync(path);
  } catch {
  }
}
function safeRmdir(dir) {
  try {
    rmdirSync(dir);
  } catch {
  }
}

// server/cache/v1Import.ts
function importV1Store(cacheDir, write) {
  const v1 = join(cacheDir, "v1");
  const entriesDir = join(v1, "entries");
  const shards = safeReaddir(entriesDir);
  if (shards.length === 0) return 0;
  const lastUses = v1LastUses(join(v1, "index.msgpack"));
  let imported = 0;
  for (const shard of shards) {
    const shardDir = join(entriesDir, shard);
    for (const name of safeReaddir(shardDir)) {
      if (name.includes(".")) continue;
      const path = join(shardDir, name);
      let data;
      let mtime;
      try {
        data = readFileSync(path);
        mtime = statSync2(path).mtimeMs;
      } catch {
        continue;
      }
      const entry = decodeEntry(data, name);
      if (entry !== "damaged") {
        try {
          write(entry, lastUses.get(name) ?? mtime);
        } catch {
          return imported;
        }
        imported++;
      }
      safeUnlink(path);
    }
    safeRmdir(shardDir);
  }
  safeRmdir(entriesDir);
  safeUnlink(join(v1, "index.msgpack"));
  return imported;
}
function v1LastUses(indexPath) {
  const uses = /* @__PURE__ */ new Map();
  try {
    const doc = new Packr({ useRecords: false, moreTypes: false }).unpack(readFileSync(indexPath));
    for (const [key, row] of Object.entries(doc.entries ?? {})) {
      if (Array.isArray(row) && Number.isFinite(row[4])) uses.set(key, row[4]);
    }
  } catch {
  }
  return uses;
}

// server/cache/localStore.ts
var FORMAT = "v2";
var MANIFEST_HINT_MAX = 1 << 20;
var ORPHAN_AFTER_MS = 10 * 6e4;
var packr2 = new Packr({ useRecords: false, moreTypes: false, variableMapSize: true });
var LocalStore = class _LocalStore {
  constructor(options) {
    this.options = options;
    this.root = join2(options.dir, FORMAT);
    this.manifestsDir = join2(this.root, "manifests");
    this.blobsDir = join2(this.root, "blobs");
    this.tmpDir = join2(this.root, "tmp");
    this.indexPath = join2(this.root, "index.msgpack");
  }
  options;
  root;
  manifestsDir;
  blobsDir;
  /**
   * Where manifests and blobs are written before their rename: not in their shards, which the action
   * archives while another job on the same cache dir may be writing (tar fails on a file that vanishes).
   */
  tmpDir;
  indexPath;
  index = /* @__PURE__ */ new Map();
  blobs = /* @__PURE__ */ new Map();
  bySource = /* @__PURE__ */ new Map();
  removed = /* @__PURE__ */ new Set();
  bytes = 0;
  /** Shard directories known to exist: saves a mkdir per write. */
  shards = /* @__PURE__ */ new Set();
  flushing;
  static open(options) {
    const store = new _LocalStore(options);
    try {
      mkdirSync(store.manifestsDir, { recursive: true });
      mkdirSync(store.blobsDir, { recursive: true });
      mkdirSync(store.tmpDir, { recursive: true });
    } catch (e) {
      const problem = fileSystemUserError(e)?.message.replace(/^fbuild: /, "") ?? e.message;
      throw new UserError(`the cache dir ${options.dir} cannot be used: ${problem}; or pass another --cache-dir / FBUILD_CACHE_DIR`);
    }
    store.sweepTemps();
    if (!existsSync(store.indexPath)) store.ready();
    return store;
  }
  loaded = false;
  /**
   * Uses recorded before the index was read (a build whose every lookup hit reads manifests and
   * blobs, which need no index): applied when it is read, or written into it by a flush that reads
   * nothing else. Reading the index of a large store is most of a warm build's store time.
   */
  pendingTouches = /* @__PURE__ */ new Map();
  /** Reads the index (or rebuilds it) the first time the store is used beyond lookups. */
  ready() {
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
    importV1Store(this.options.dir, (entry, lastUse) => {
      if (!this.index.has(entry.contextKey)) this.write(entry, lastUse);
    });
  }
  /**
   * Temporary files that killed or crashed writers left. Writers use the store's tmp dir, so the 512
   * shard dirs are swept only when the index is rebuilt (a store of an older fbuild, which wrote its
   * temporary files beside their targets): reading them all cost a warm build's start ~30 ms.
   */
  sweepTemps() {
    sweepAbandonedTemps(this.root);
    sweepAbandonedTemps(this.tmpDir);
    sweepAbandonedTemps(join2(this.options.dir, "v1"));
  }
  /** The shard dirs' abandoned temporary files (also before the store is archived: `pruneStore`). */
  sweepShardTemps() {
    for (const dir of [this.manifestsDir, this.blobsDir]) {
      for (const shard of safeReaddir(dir)) sweepAbandonedTemps(join2(dir, shard));
    }
  }
  manifestPath(contextKey) {
    return join2(this.manifestsDir, contextKey.slice(0, 2), contextKey);
  }
  blobPath(hash) {
    return join2(this.blobsDir, hash.slice(0, 2), hash);
  }
  ensureShard(path) {
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (this.shards.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.shards.add(dir);
  }
  /** Records a manifest's row; the blobs it names are counted before the old row's are released. */
  setRow(key, row) {
    const refs = row[5];
    for (let i = 0; i < refs.length; i += 2) {
      const hash = refs[i];
      const blob = this.blobs.get(hash);
      if (blob) blob.refs++;
      else {
        const bytes = refs[i + 1];
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
    if (!set) this.bySource.set(row[0], set = /* @__PURE__ */ new Set());
    set.add(key);
  }
  dropRow(key) {
    const old = this.index.get(key);
    if (!old) return;
    this.bytes -= old[3];
    this.release(old[5]);
    this.bySource.get(old[0])?.delete(key);
    this.index.delete(key);
  }
  /** One reference fewer to each blob; a blob no manifest refers to is deleted. */
  release(refs) {
    for (let i = 0; i < refs.length; i += 2) {
      const hash = refs[i];
      const blob = this.blobs.get(hash);
      if (!blob || --blob.refs > 0) continue;
      this.blobs.delete(hash);
      this.bytes -= blob.bytes;
      safeUnlink(this.blobPath(hash));
    }
  }
  /** A blob found missing or deleted as damaged: still named by manifests, no longer on disk. */
  blobGone(hash) {
    const blob = this.blobs.get(hash);
    if (!blob) return;
    this.bytes -= blob.bytes;
    blob.bytes = 0;
  }
  /**
   * The index file, or undefined when it is missing or not to be trusted: every row is checked, and
   * one bad row rejects the whole file (the caller then rebuilds the index from the manifests on disk).
   */
  readIndexFile() {
    let parsed;
    try {
      parsed = packr2.unpack(readFileSync2(this.indexPath));
    } catch {
      return void 0;
    }
    if (!isIndexFile(parsed)) return void 0;
    const { strings, entries } = parsed;
    return Object.entries(entries).map(([k, r]) => [k, [r[0], strings[r[1]], strings[r[2]], r[3], r[4], r[5]]]);
  }
  /** Reads a manifest; undefined if absent, 'damaged' if it fails verification. */
  readManifest(key) {
    let data;
    try {
      const hint = this.index.get(key)?.[3];
      data = readFileOfSize(this.manifestPath(key), hint !== void 0 && hint <= MANIFEST_HINT_MAX ? hint : void 0);
    } catch {
      return void 0;
    }
    const entry = decodeManifest(data, key);
    return entry === "damaged" ? entry : { entry, size: data.length };
  }
  /** Scans the manifests (after the index was lost or damaged), then takes each blob's size from its file. */
  rebuildIndex() {
    this.sweepShardTemps();
    for (const shard of safeReaddir(this.manifestsDir)) {
      for (const name of safeReaddir(join2(this.manifestsDir, shard))) {
        if (name.includes(".")) continue;
        const read = this.readManifest(name);
        if (read === void 0) continue;
        if (read === "damaged") {
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
  checkBlobSizes() {
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
  sweepOrphanBlobs(now = Date.now()) {
    this.ready();
    let deleted = 0;
    for (const shard of safeReaddir(this.blobsDir)) {
      for (const name of safeReaddir(join2(this.blobsDir, shard))) {
        if (!BLOB_NAME.test(name) || this.blobs.has(name)) continue;
        const p = this.blobPath(name);
        const mtime = safeMtime(p);
        if (mtime === void 0 || now - mtime < ORPHAN_AFTER_MS) continue;
        safeUnlink(p);
        deleted++;
      }
    }
    return deleted;
  }
  get(contextKey) {
    if (!this.loaded) {
      const found = this.readManifest(contextKey);
      if (found !== void 0 && found !== "damaged") return { status: "found", entry: found.entry };
    }
    this.ready();
    const read = this.readManifest(contextKey);
    if (read === void 0) {
      if (this.index.has(contextKey)) {
        this.dropRow(contextKey);
        this.removed.add(contextKey);
      }
      return { status: "absent" };
    }
    if (read === "damaged") {
      safeUnlink(this.manifestPath(contextKey));
      this.dropRow(contextKey);
      this.removed.add(contextKey);
      return { status: "damaged" };
    }
    const row = this.index.get(contextKey);
    if (!row || row[3] !== read.size) {
      this.setRow(contextKey, rowOf(read.entry, read.size, row?.[4] ?? Date.now()));
    }
    return { status: "found", entry: read.entry };
  }
  load(result) {
    let data;
    try {
      data = readFileOfSize(this.blobPath(result.blob), result.blobBytes);
    } catch {
      this.ready();
      this.blobGone(result.blob);
      return { status: "absent" };
    }
    const outputs = decodeBlob(data, result.blob);
    if (outputs !== "damaged") return { status: "found", outputs };
    this.ready();
    safeUnlink(this.blobPath(result.blob));
    this.blobGone(result.blob);
    return { status: "damaged" };
  }
  async put(entry) {
    this.ready();
    this.write(entry, Date.now());
    if (this.bytes > this.options.maxBytes) this.flush().catch(() => void 0);
  }
  /** Writes the blobs of the new results, then the manifest that names them. */
  write(entry, lastUse) {
    const written = [];
    try {
      const results = entry.results.map((r) => hasOutputs(r) ? this.writeBlob(r, written) : r);
      const manifest = {
        contextKey: entry.contextKey,
        source: entry.source,
        compiler: entry.compiler,
        flags: entry.flags,
        results
      };
      const bytes = encodeManifest(manifest);
      const path = this.manifestPath(entry.contextKey);
      this.ensureShard(path);
      writeFileAtomic(path, bytes, { tmpDir: this.tmpDir });
      this.removed.delete(entry.contextKey);
      this.setRow(entry.contextKey, rowOf(manifest, bytes.length, lastUse));
    } catch (e) {
      for (const hash of written) if (!this.blobs.has(hash)) safeUnlink(this.blobPath(hash));
      throw e;
    }
  }
  writeBlob(r, written) {
    const { bytes, hash } = encodeBlob(r);
    const path = this.blobPath(hash);
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
      ...r.objectHash ? { objectHash: r.objectHash } : {},
      ...r.quiet ? { quiet: r.quiet } : {},
      blob: hash,
      blobBytes: bytes.length
    };
  }
  touch(contextKey) {
    if (!this.loaded) {
      this.pendingTouches.set(contextKey, Date.now());
      return;
    }
    const row = this.index.get(contextKey);
    if (row) row[4] = Date.now();
  }
  entriesForSource(source) {
    this.ready();
    const keys = this.bySource.get(source);
    if (!keys) return [];
    return [...keys].map((k) => {
      const r = this.index.get(k);
      let size = r[3];
      for (let i = 0; i < r[5].length; i += 2) size += this.blobs.get(r[5][i])?.bytes ?? 0;
      return { contextKey: k, source: r[0], compiler: r[1], flags: r[2], size, lastUse: r[4] };
    });
  }
  /** Entries (manifests), and the bytes of their manifests and of every blob once. */
  totals() {
    this.ready();
    return { entries: this.index.size, bytes: this.bytes };
  }
  flush() {
    if (!this.loaded && this.pendingTouches.size === 0) return this.flushing ?? Promise.resolve();
    const run = !this.loaded && this.pendingTouches.size > 0 ? async () => this.flushTouches() : async () => (this.ready(), this.flushNow());
    this.flushing = (this.flushing ?? Promise.resolve()).then(run, run);
    return this.flushing;
  }
  async flushNow() {
    mkdirSync(this.root, { recursive: true });
    const release = await this.lockIndex();
    try {
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
          if (row[3] !== mine[3] || row[5].join() !== mine[5].join()) this.reread(k);
        }
      }
      this.removed.clear();
      this.evictIfOver();
      for (const row of this.index.values()) {
        const refs = row[5];
        for (let i = 0; i < refs.length; i += 2) refs[i + 1] = this.blobs.get(refs[i])?.bytes ?? 0;
      }
      writeFileAtomic(this.indexPath, packr2.pack(indexFileOf(this.index)));
    } finally {
      await release();
    }
  }
  /** The index's lock between processes (proper-lockfile: a holder that died leaves a stale lock, taken over). */
  lockIndex() {
    return import_proper_lockfile.default.lock(this.root, {
      lockfilePath: join2(this.root, "index.lock"),
      stale: 3e4,
      retries: { retries: 200, minTimeout: 20, maxTimeout: 200 }
    });
  }
  /** Writes the uses recorded before the index was read into the index on disk, under its lock. */
  async flushTouches() {
    if (this.loaded) return this.flushNow();
    const release = await this.lockIndex();
    try {
      const disk = this.readIndexFile();
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
      if (changed) writeFileAtomic(this.indexPath, packr2.pack(indexFileOf(rows)));
    } finally {
      await release();
    }
  }
  /** Takes an entry's row from its manifest on disk (dropped when it is gone or damaged). */
  reread(key) {
    const read = this.readManifest(key);
    const lastUse = this.index.get(key)?.[4] ?? Date.now();
    if (read === void 0 || read === "damaged") this.dropRow(key);
    else this.setRow(key, rowOf(read.entry, read.size, lastUse));
  }
  /**
   * Drops every entry last used before `time` (the action's `evict-unused`: what this job did not
   * use), and the blobs only they referred to. Returns how many were dropped; the next flush records it.
   */
  evictUnusedBefore(time) {
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
  writtenSince(time) {
    this.ready();
    let written = 0;
    for (const key of this.index.keys()) {
      const mtime = safeMtime(this.manifestPath(key));
      if (mtime !== void 0 && mtime > time) written++;
    }
    return written;
  }
  /**
   * Least recently used first, down to 90% of the limit. The recorded sizes come from other processes
   * and from files on disk: before anything is deleted for them, each is checked against its file.
   */
  evictIfOver() {
    if (this.bytes <= this.options.maxBytes) return;
    for (const [key, row] of [...this.index]) {
      const size = safeSize(this.manifestPath(key));
      if (size === void 0) this.dropRow(key);
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
  async close() {
    if (!this.loaded && this.pendingTouches.size === 0) return;
    await this.flush();
  }
};
function readFileOfSize(path, size) {
  if (size === void 0) return readFileSync2(path);
  const fd = openSync(path, "r");
  const buf = Buffer.allocUnsafe(size + 1);
  let n = 0;
  try {
    for (let got = -1; n < size && got !== 0; n += got) got = readSync(fd, buf, n, size + 1 - n, null);
  } finally {
    closeSync(fd);
  }
  return n <= size ? buf.subarray(0, n) : readFileSync2(path);
}
function rowOf(entry, size, lastUse) {
  return [entry.source, entry.compiler, entry.flags, size, lastUse, entry.results.flatMap((r) => [r.blob, r.blobBytes])];
}
var CONTEXT_KEY = /^[0-9a-f]{64}$/;
function indexFileOf(index) {
  const strings = [];
  const numbers = /* @__PURE__ */ new Map();
  const numberOf = (s) => {
    let n = numbers.get(s);
    if (n === void 0) numbers.set(s, n = strings.push(s) - 1);
    return n;
  };
  const entries = {};
  for (const [k, r] of index) entries[k] = [r[0], numberOf(r[1]), numberOf(r[2]), r[3], r[4], r[5]];
  return { v: 2, strings, entries };
}
function isStoredRow(row, strings) {
  const isString = (n) => Number.isSafeInteger(n) && n >= 0 && n < strings;
  return Array.isArray(row) && row.length === 6 && typeof row[0] === "string" && isString(row[1]) && isString(row[2]) && Number.isSafeInteger(row[3]) && row[3] >= FRAME_HEADER_BYTES && Number.isFinite(row[4]) && isBlobRefs(row[5]);
}
function isBlobRefs(refs) {
  if (!Array.isArray(refs) || refs.length % 2 !== 0) return false;
  for (let i = 0; i < refs.length; i += 2) {
    if (typeof refs[i] !== "string" || !BLOB_NAME.test(refs[i])) return false;
    if (!Number.isSafeInteger(refs[i + 1]) || refs[i + 1] < 0) return false;
  }
  return true;
}
function isIndexFile(doc) {
  if (typeof doc !== "object" || doc === null || doc.v !== 2) return false;
  const { entries, strings } = doc;
  if (!isRecord(entries) || !Array.isArray(strings) || !strings.every((s) => typeof s === "string")) return false;
  return Object.entries(entries).every(([key, row]) => CONTEXT_KEY.test(key) && isStoredRow(row, strings.length));
}
function isRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function sizeOf(path) {
  try {
    return statSync3(path).size;
  } catch {
    return -1;
  }
}

export {
  encodeEntry,
  decodeEntry,
  hasOutputs,
  safeUnlink,
  LocalStore
};

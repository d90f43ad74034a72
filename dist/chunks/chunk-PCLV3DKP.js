import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  LocalStore,
  decodeEntry,
  encodeEntry,
  hasOutputs,
  safeUnlink
} from "./chunk-FGIXBREX.js";
import {
  pack,
  unpack
} from "./chunk-P32HW7BB.js";
import {
  StatsRecorder,
  WholeBuildRecords
} from "./chunk-2PEVJB5Z.js";
import {
  ABSENT,
  CHECKOUT,
  CLOCK_MARKER,
  EMBEDDED,
  FileHasher,
  KeyHasher,
  PathNormalizer,
  SYSTEM_HEADER,
  clockMarkerDefines,
  formatDepfile,
  insideAny,
  keyArguments,
  makeQuote,
  negativeLookups,
  packageDirs,
  parseCompile,
  parseDepfile,
  preprocessOnlyArgs,
  sha256Hex,
  userIncludeDir
} from "./chunk-I7BTEATM.js";
import {
  onPath
} from "./chunk-FRALOBSX.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import {
  pLimit
} from "./chunk-CZYVUOHA.js";
import {
  writeFileAtomic
} from "./chunk-OA4IFKWM.js";
import {
  childEnv
} from "./chunk-6RGQGRVI.js";
import {
  describe
} from "./chunk-ARH6VGVS.js";
import {
  errorMessage
} from "./chunk-K5XHDEBM.js";

// server/cache/compilerPool.ts
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
var CANCELLED_EXIT = 130;
var CompilerPool = class {
  limit;
  running = /* @__PURE__ */ new Set();
  /** Counts spawns, so tests can check that no wrapper process is started. */
  spawned = 0;
  /** Bumped by killAll(): a run queued before it never starts (and still settles, as cancelled). */
  generation = 0;
  constructor(size) {
    this.limit = pLimit(Math.max(1, size));
  }
  /**
   * Runs one process. When `signal` aborts, the process is killed with the processes it started (or,
   * still queued, never started): the result then has exit code 130 and says "cancelled".
   */
  run(command, args, cwd, env, signal) {
    const generation = this.generation;
    return this.limit(
      () => new Promise((resolveRun) => {
        const started = performance.now();
        if (signal?.aborted || generation !== this.generation) {
          resolveRun({ exitCode: CANCELLED_EXIT, stdout: Buffer.alloc(0), stderr: Buffer.from("fbuild: cancelled\n"), durationMs: 0 });
          return;
        }
        const out = [];
        const err = [];
        this.spawned++;
        let child;
        try {
          child = spawn(command, args, { cwd, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
        } catch (e) {
          resolveRun({
            exitCode: 127,
            stdout: Buffer.alloc(0),
            stderr: Buffer.from(`fbuild: cannot run ${command}: ${e.message}
`),
            durationMs: 0
          });
          return;
        }
        this.running.add(child);
        const kill = () => child.pid && killTree(child.pid);
        signal?.addEventListener("abort", kill, { once: true });
        child.stdout.on("data", (b) => out.push(b));
        child.stderr.on("data", (b) => err.push(b));
        const finish = (exitCode, extra) => {
          this.running.delete(child);
          signal?.removeEventListener("abort", kill);
          if (extra) err.push(Buffer.from(extra));
          if (signal?.aborted) {
            exitCode = CANCELLED_EXIT;
            err.push(Buffer.from("fbuild: cancelled\n"));
          }
          resolveRun({
            exitCode,
            stdout: Buffer.concat(out),
            stderr: Buffer.concat(err),
            durationMs: performance.now() - started
          });
        };
        child.on("error", (e) => finish(127, `fbuild: cannot run ${command}: ${e.message}
`));
        child.on("close", (code, signal2) => finish(code ?? (signal2 ? 128 + 9 : 1)));
      })
    );
  }
  get active() {
    return this.running.size + this.limit.pendingCount;
  }
  /**
   * Kills every running compiler, with the processes it started (a GCC driver runs cc1 and as, which
   * would otherwise live on and keep the pipes open), and cancels the queued ones. Not clearQueue():
   * p-limit leaves a cleared task's promise pending for ever, and a shutdown waiting for it hangs.
   */
  killAll() {
    this.generation++;
    for (const child of this.running) if (child.pid) killTree(child.pid);
  }
};
function killTree(pid) {
  try {
    process.kill(pid, "SIGSTOP");
  } catch {
    return;
  }
  let children = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
  }
  for (const c of children) killTree(c);
  try {
    process.kill(pid, "SIGKILL");
  } catch {
  }
}

// server/cache/cacheService.ts
import { randomBytes } from "node:crypto";
import { availableParallelism, tmpdir } from "node:os";
import { existsSync as existsSync2, readFileSync as readFileSync4 } from "node:fs";
import { dirname as dirname2, join as join3, resolve as resolve3, sep } from "node:path";

// server/cache/compilerIdentity.ts
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync as readFileSync2, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
var CompilerNotFoundError = class extends Error {
};
var CompilerIdentities = class _CompilerIdentities {
  constructor(persistPath) {
    this.persistPath = persistPath;
    for (const [k, v] of this.persistedEntries()) this.memory.set(k, v);
  }
  persistPath;
  memory = /* @__PURE__ */ new Map();
  dirty = false;
  /** The stat of the memo file when it was last read, so that it is read again only once another process rewrote it. */
  persistedStat = "";
  /** The memo file's entries as last read: all of them stay usable until the file changes again. */
  persisted = /* @__PURE__ */ new Map();
  /** The memo file's entries, read again only if another process rewrote it since this one last read it. */
  persistedEntries() {
    if (!this.persistPath) return this.persisted;
    try {
      const st = statSync(this.persistPath);
      const seen = `${st.size}:${st.mtimeMs}:${st.ino}`;
      if (seen !== this.persistedStat) {
        this.persistedStat = seen;
        this.persisted = new Map(Object.entries(unpack(readFileSync2(this.persistPath))));
      }
    } catch {
    }
    return this.persisted;
  }
  resolved = /* @__PURE__ */ new Map();
  /**
   * Resolves a compiler name as a shell would (PATH lookup for a bare name), remembered per name,
   * directory and PATH; identify() still stats the binary on every call, so a replaced one is seen.
   */
  resolveCompiler(compiler, cwd, env) {
    const memo = `${compiler}\0${compiler.includes("/") ? cwd : ""}\0${env.PATH ?? ""}`;
    const known = this.resolved.get(memo);
    if (known !== void 0) return known;
    const found = _CompilerIdentities.findCompiler(compiler, cwd, env);
    if (this.resolved.size > 1e3) this.resolved.clear();
    this.resolved.set(memo, found);
    return found;
  }
  static findCompiler(compiler, cwd, env) {
    let candidate;
    if (compiler.includes("/") || isAbsolute(compiler)) {
      candidate = resolve(cwd, compiler);
      if (!existsSync(candidate)) candidate = void 0;
    } else candidate = onPath(compiler, env);
    if (!candidate) throw new CompilerNotFoundError(`compiler not found: ${compiler}`);
    return realpathSync(candidate);
  }
  identify(compilerPath) {
    const st = statSync(compilerPath);
    const stamp = `${st.size}:${st.mtimeMs}`;
    const known = this.memory.get(compilerPath);
    if (known && known.stamp === stamp) return known.identity;
    const probed = this.persistedEntries().get(compilerPath);
    if (probed && probed.stamp === stamp) {
      this.memory.set(compilerPath, probed);
      return probed.identity;
    }
    const identity = new KeyHasher("fbuild-compiler-v1").field(sha256Hex(readFileSync2(compilerPath))).field(systemHeaderSignature(compilerPath)).hex();
    this.memory.set(compilerPath, { stamp, identity });
    this.dirty = true;
    return identity;
  }
  includeDirs = /* @__PURE__ */ new Map();
  /** The compiler's own include directories (see toolchainIncludeDirs), probed once per compiler. */
  toolchainDirs(compilerPath) {
    let dirs = this.includeDirs.get(compilerPath);
    if (!dirs) {
      dirs = toolchainIncludeDirs(compilerPath);
      this.includeDirs.set(compilerPath, dirs);
    }
    return dirs;
  }
  save() {
    if (!this.persistPath || !this.dirty) return;
    try {
      mkdirSync(dirname(this.persistPath), { recursive: true });
      writeFileAtomic(this.persistPath, pack(Object.fromEntries(this.memory)));
      this.dirty = false;
    } catch {
    }
  }
};
function systemIncludeDirs(compilerPath) {
  return [...new Set(probeIncludeDirs(compilerPath).map((d) => realpathSync(d)))].sort();
}
function toolchainIncludeDirs(compilerPath) {
  return [...new Set(probeIncludeDirs(compilerPath).flatMap((d) => [resolve(d), realpathSync(d)]))];
}
function probeIncludeDirs(compilerPath) {
  for (const lang of ["c++", "c"]) {
    const r = spawnSync(compilerPath, ["-E", "-v", "-x", lang, "/dev/null", "-o", "/dev/null"], {
      encoding: "utf8",
      stdio: ["ignore", "ignore", "pipe"],
      env: childEnv()
    });
    const stderr = r.stderr ?? "";
    const start = stderr.indexOf("#include <...> search starts here:");
    const end = stderr.indexOf("End of search list.");
    if (r.status !== 0 || start < 0 || end < start) continue;
    const dirs = [];
    for (const line of stderr.slice(start, end).split("\n").slice(1)) {
      const d = line.trim();
      if (d && existsSync(d) && !dirs.includes(d)) dirs.push(d);
    }
    return dirs;
  }
  return [];
}
function systemHeaderSignature(compilerPath) {
  const h = new KeyHasher("fbuild-system-headers-v1");
  for (const dir of systemIncludeDirs(compilerPath)) {
    h.field(dir);
    const walk = (d, rel) => {
      let names;
      try {
        names = readdirSync(d).sort();
      } catch {
        return;
      }
      for (const name of names) {
        const p = join(d, name);
        let st;
        try {
          st = statSync(p);
        } catch {
          continue;
        }
        if (st.isDirectory()) walk(p, `${rel}${name}/`);
        else if (st.isFile()) h.field(`${rel}${name}:${st.size}:${Math.floor(st.mtimeMs / 1e3)}`);
      }
    };
    walk(dir, "");
  }
  return h.hex();
}

// server/cache/stepsCache.ts
import { chmodSync, readFileSync as readFileSync3, rmSync, statSync as statSync2, writeFileSync } from "node:fs";
import { isAbsolute as isAbsolute2, join as join2, resolve as resolve2 } from "node:path";
function stepKeyArgs(req, paths) {
  const inputIndex = new Map(req.inputs.map((p, i) => [p, i]));
  const root = paths.workspaceRoot + "/";
  const mapped = "=" + paths.workspaceRoot + "=";
  return req.steps.map(
    (s) => s.args.map((a) => {
      const i = inputIndex.get(a);
      if (i !== void 0) return `@input${i}`;
      return a.split(root).join("$WS/").split(mapped).join("=$WS=");
    })
  );
}
function stepsFlagsKey(label, identities, keyArgs, cwd) {
  const h = new KeyHasher("fbuild-steps-flags-v1").field(label).field(cwd);
  identities.forEach((id, i) => h.field(id).fields(keyArgs[i]));
  return h.hex();
}
var StepsCache = class {
  constructor(deps) {
    this.deps = deps;
  }
  deps;
  async run(req) {
    if (this.deps.isClosed()) throw new Error("CacheService is shut down");
    const { store, identities: ids, hasher } = this.deps;
    const started = performance.now();
    const env = req.env ?? process.env;
    const paths = new PathNormalizer(resolve2(req.workspaceRoot), req.cwd);
    const label = req.label.split(paths.workspaceRoot + "/").join("");
    let key;
    let flags;
    let identities;
    try {
      identities = req.steps.map((s) => ids.identify(ids.resolveCompiler(s.command, req.cwd, env)));
      flags = stepsFlagsKey(label, identities, stepKeyArgs(req, paths), paths.normalize(req.cwd));
      const h = new KeyHasher("fbuild-steps-v2").field(flags);
      req.inputs.forEach((input, i) => {
        const known = req.inputHashes?.[i];
        if (known !== void 0) return void h.field(known);
        const d = hasher.digest(resolve2(req.cwd, input));
        if (!d) throw new Error(`step input missing: ${input}`);
        h.field(d.hash);
      });
      key = h.hex();
    } catch (e) {
      if (e instanceof CompilerNotFoundError) return this.runUncached(req, env, "uncacheable", "compiler not found");
      return this.runUncached(req, env, "error", errorMessage(e));
    }
    const pending = store.get(key);
    const read = pending instanceof Promise ? await pending : pending;
    const manifest = read.status === "found" ? read.entry.results[0] : void 0;
    const loaded = manifest ? store.load(manifest) : void 0;
    const stored = loaded?.status === "found" ? { ...manifest, ...loaded.outputs } : void 0;
    const steps = stored?.steps;
    const byPath = new Map(steps?.outputs.map((o) => [o.path, o]));
    if (stored && steps && req.outputs.every((o) => byPath.has(paths.normalize(resolve2(req.cwd, o))))) {
      const skipped = new Set(req.skipOnHit);
      for (const o of req.outputs) {
        if (skipped.has(o)) continue;
        const file = resolve2(req.cwd, o);
        const out = byPath.get(paths.normalize(file));
        writeFileSync(file, out.content);
        chmodSync(file, out.mode);
      }
      store.touch(key);
      const ms = performance.now() - started;
      this.deps.stats.recordHit(ms, ms, stored.compileMs);
      this.deps.stats.record("hit", void 0);
      return {
        exitCode: 0,
        stdout: req.steps.map((_, i) => Buffer.from(steps.stdout[i] ?? new Uint8Array())),
        stderr: Buffer.from(stored.stderr),
        outcome: "hit",
        key,
        savedMs: stored.compileMs,
        ...read.status === "found" && read.remote ? { remote: true } : {}
      };
    }
    if (req.materializeInputs && req.inputHashes?.some((h) => h !== void 0)) {
      await req.materializeInputs();
      return this.run({ ...req, inputHashes: void 0, materializeInputs: void 0 });
    }
    const reason = read.status === "damaged" || loaded && loaded.status !== "found" ? "damaged entry" : this.explainMiss(label, flags);
    const t0 = performance.now();
    const result = await runStepSequence(this.deps.pool, req, env);
    if (req.signal?.aborted) return this.count(result, "uncacheable", "cancelled");
    if (result.exitCode !== 0) return this.count(result, "uncacheable", "link failed");
    try {
      const record = {
        outputs: req.outputs.map((o) => {
          const file = resolve2(req.cwd, o);
          return { path: paths.normalize(file), mode: statSync2(file).mode & 511, content: readFileSync3(file) };
        }),
        stdout: result.stdout
      };
      await store.put({
        contextKey: key,
        source: `$STEPS:${label}`,
        compiler: identities[0] ?? "",
        flags,
        results: [
          {
            resultKey: key,
            files: [],
            object: new Uint8Array(),
            stdout: new Uint8Array(),
            stderr: result.stderr,
            compileMs: performance.now() - t0,
            createdAt: Date.now(),
            steps: record
          }
        ]
      });
    } catch (e) {
      return this.count(result, "error", `store: ${errorMessage(e)}`);
    }
    return { ...this.count(result, "miss", reason), key };
  }
  explainMiss(label, flags) {
    const others = this.deps.store.entriesForSource(`$STEPS:${label}`);
    if (others.length === 0) return "new";
    return others.some((o) => o.flags === flags) ? "objects changed" : "flags changed";
  }
  async runUncached(req, env, outcome, reason) {
    return this.count(await runStepSequence(this.deps.pool, req, env), outcome, reason);
  }
  count(r, outcome, reason) {
    this.deps.stats.record(outcome, reason);
    return { ...r, outcome, ...reason ? { reason } : {} };
  }
};
async function runStepSequence(pool, req, env) {
  const stdout = [];
  const stderr = [];
  let exitCode = 0;
  for (const out of req.outputs) rmSync(isAbsolute2(out) ? out : join2(req.cwd, out), { force: true });
  for (const step of req.steps) {
    const r = await pool.run(step.command, step.args, req.cwd, env, req.signal);
    stdout.push(r.stdout);
    stderr.push(r.stderr);
    exitCode = r.exitCode;
    if (exitCode !== 0) break;
  }
  return { exitCode, stdout, stderr: Buffer.concat(stderr) };
}

// server/cache/tieredStore.ts
var BREAKER_THRESHOLD = 3;
var TieredStore = class {
  constructor(local, remote, mode, startError) {
    this.local = local;
    this.remote = remote;
    this.mode = mode;
    this.counts = { label: remote?.label ?? "remote cache", mode, hits: 0, misses: 0, errors: 0, damaged: 0, bytesDown: 0, bytesUp: 0 };
    if (startError) {
      this.warning = `remote cache unavailable (${startError}); building from the local cache`;
      this.counts.errors++;
    }
  }
  local;
  remote;
  mode;
  pending = /* @__PURE__ */ new Set();
  failuresInRow = 0;
  open = false;
  warning;
  counts;
  get(contextKey) {
    const here = this.local.get(contextKey);
    if (here instanceof Promise || here.status === "found" || !this.usable()) return here;
    return this.fetch(contextKey, here);
  }
  async fetch(contextKey, here) {
    let bytes;
    try {
      bytes = await this.remote.get(contextKey);
      this.succeeded();
    } catch (e) {
      this.failed("read", e);
      return here;
    }
    if (!bytes) {
      this.counts.misses++;
      return here;
    }
    this.counts.bytesDown += bytes.byteLength;
    const entry = decodeEntry(bytes, contextKey);
    if (entry === "damaged") {
      this.counts.damaged++;
      if (this.mode === "read-write") this.track(this.remote.delete(contextKey).catch(() => void 0));
      return here;
    }
    this.counts.hits++;
    await this.local.put(entry);
    const kept = await this.local.get(contextKey);
    return kept.status === "found" ? { ...kept, remote: true } : kept;
  }
  load(result) {
    return this.local.load(result);
  }
  async put(entry) {
    await this.local.put(entry);
    if (this.mode !== "read-write" || !this.usable()) return;
    const bytes = encodeEntry(this.whole(entry));
    this.track(
      this.remote.put(entry.contextKey, bytes).then(
        () => {
          this.counts.bytesUp += bytes.byteLength;
          this.succeeded();
        },
        (e) => this.failed("write", e)
      )
    );
  }
  /** The entry with every result's outputs, the older ones read from the local store (one that cannot be read is left out). */
  whole(entry) {
    const results = [];
    for (const r of entry.results) {
      if (hasOutputs(r)) results.push(r);
      else {
        const read = this.local.load(r);
        if (read.status === "found") {
          const { resultKey, files, compileMs, createdAt, objectHash, quiet } = r;
          results.push({
            resultKey,
            files,
            compileMs,
            createdAt,
            ...objectHash ? { objectHash } : {},
            ...quiet ? { quiet } : {},
            ...read.outputs
          });
        }
      }
    }
    return { ...entry, results };
  }
  touch(contextKey) {
    this.local.touch(contextKey);
  }
  entriesForSource(source) {
    return this.local.entriesForSource(source);
  }
  totals() {
    return this.local.totals();
  }
  async flush() {
    await Promise.allSettled([...this.pending]);
    await this.local.flush();
  }
  async close() {
    await Promise.allSettled([...this.pending]);
    await this.remote?.close();
    await this.local.close();
  }
  /** Counters since the store opened. */
  remoteStats() {
    return { ...this.counts };
  }
  /** A new build: the tier gets another chance; returns the warning of the last one, if any. */
  takeWarning() {
    const w = this.warning;
    this.warning = void 0;
    this.failuresInRow = 0;
    this.open = false;
    return w;
  }
  usable() {
    return this.remote !== void 0 && !this.open;
  }
  succeeded() {
    this.failuresInRow = 0;
  }
  failed(what, e) {
    this.counts.errors++;
    this.warning ??= `remote cache ${what} failed (${this.remote?.label}: ${describe(e)}); building from the local cache`;
    if (++this.failuresInRow >= BREAKER_THRESHOLD) this.open = true;
  }
  track(p) {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
};

// server/util/overwrite.ts
import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from "node:fs";
function writeOver(path, data) {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  let fd;
  try {
    fd = openSync(path, "r+");
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
    fd = openSync(path, "w");
  }
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, at);
    if (fstatSync(fd).size > bytes.length) ftruncateSync(fd, bytes.length);
  } finally {
    closeSync(fd);
  }
}

// server/cache/fullDiskGuard.ts
function isNoSpace(e) {
  const code = e?.code;
  return code === "ENOSPC" || code === "EDQUOT";
}
var FullDiskGuard = class {
  constructor(inner) {
    this.inner = inner;
  }
  inner;
  full;
  get(contextKey) {
    return this.inner.get(contextKey);
  }
  load(result) {
    return this.inner.load(result);
  }
  async put(entry) {
    if (this.full) throw new Error(`not stored: the store's disk is full (${this.full})`);
    try {
      await this.inner.put(entry);
    } catch (e) {
      this.note(e);
      throw e;
    }
  }
  touch(contextKey) {
    this.inner.touch(contextKey);
  }
  entriesForSource(source) {
    return this.inner.entriesForSource(source);
  }
  totals() {
    return this.inner.totals();
  }
  /** The index written back; on a full disk that is skipped (and noted), not an error: the entries stay valid. */
  async flush() {
    if (this.full) return;
    try {
      await this.inner.flush();
    } catch (e) {
      if (!isNoSpace(e)) throw e;
      this.note(e);
    }
  }
  close() {
    return this.inner.close();
  }
  note(e) {
    if (isNoSpace(e)) this.full ??= errorMessage(e);
  }
};

// server/cache/cacheService.ts
var RESULTS_PER_CONTEXT = 4;
var CacheService = class _CacheService {
  constructor(store, identities, pool) {
    this.store = store;
    this.identities = identities;
    this.pool = pool;
    this.writes = new FullDiskGuard(store);
    const steps = { store: this.writes, identities, hasher: this.hasher, pool, stats: this.stats_, isClosed: () => this.closed };
    this.steps = new StepsCache(steps);
    this.wholeBuild = new WholeBuildRecords({ store: this.writes, identities, hasher: this.hasher, stats: this.stats_ });
  }
  store;
  identities;
  pool;
  stats_ = new StatsRecorder();
  hasher = new FileHasher();
  inFlight = /* @__PURE__ */ new Set();
  /** Serializes writes to one context key within this process; also the writes still pending. */
  writeChains = /* @__PURE__ */ new Map();
  /** Why results written behind could not be stored (reported once, by shutdown()). */
  writeFailures = [];
  closed = false;
  /** The second cache beside the compiles: step sequences (archive, link, objcopy, size) keyed by their inputs. */
  steps;
  /** Every write goes through this: after the first that finds the disk full, none is tried. */
  writes;
  /** Whole-build records (a build from another checkout that needs no planning and no per-unit lookups). */
  wholeBuild;
  static async start(config = {}) {
    const dir = resolve3(config.cacheDir ?? defaultCacheDir());
    let store = config.store ?? LocalStore.open({ dir, maxBytes: config.maxBytes ?? 2 * 1024 ** 3 });
    if (config.remote) {
      let tier;
      let error;
      try {
        const { RedisTier } = await import("./remoteTier-5JQZOBBM.js");
        tier = await RedisTier.connect(config.remote);
      } catch (e) {
        error = errorMessage(e);
      }
      store = new TieredStore(store, tier, config.remote.mode, error);
    }
    const identities = new CompilerIdentities(join3(dir, "v1", "compilers.msgpack"));
    return new _CacheService(store, identities, new CompilerPool(config.jobs ?? availableParallelism()));
  }
  compile(request) {
    if (this.closed) return Promise.reject(new Error("CacheService is shut down"));
    const p = this.compileTracked(request);
    this.inFlight.add(p);
    p.finally(() => this.inFlight.delete(p)).catch(() => void 0);
    return p;
  }
  async compileTracked(req) {
    const started = performance.now();
    const env = req.env ?? process.env;
    let compilerPath;
    try {
      compilerPath = this.identities.resolveCompiler(req.compiler, req.cwd, env);
    } catch (e) {
      if (!(e instanceof CompilerNotFoundError)) throw e;
      return this.finish(await this.pool.run(req.compiler, req.args, req.cwd, env, req.signal), "uncacheable", "compiler not found");
    }
    const parsed = parseCompile(req.args, req.cwd);
    if (parsed.kind === "uncacheable") {
      return this.finish(await this.pool.run(compilerPath, req.args, req.cwd, env, req.signal), "uncacheable", parsed.reason);
    }
    let key;
    let lookup;
    try {
      key = this.keyFor(req, parsed, compilerPath);
      const writing = this.writeChains.get(key.contextKey);
      if (writing) await writing;
      const pending = this.store.get(key.contextKey);
      lookup = this.lookup(key, pending instanceof Promise ? await pending : pending, req.deferOutputs === true);
      if (lookup.hit && req.signal?.aborted) return this.finish(cancelledRun(), "uncacheable", "cancelled");
      if (lookup.hit) {
        const lookedUp = performance.now();
        const deferred = req.deferOutputs ? deferredOutputs(key, lookup.hit) : void 0;
        if (!deferred) this.materialize(key, lookup.hit);
        this.store.touch(key.contextKey);
        this.stats_.recordHit(performance.now() - started, lookedUp - started, lookup.hit.compileMs);
        const result = this.finish(
          { exitCode: 0, stdout: Buffer.from(lookup.hit.stdout), stderr: Buffer.from(lookup.hit.stderr), durationMs: 0 },
          "hit"
        );
        result.savedMs = lookup.hit.compileMs;
        if (lookup.remote) result.remote = true;
        if (deferred) result.deferred = deferred;
        result.recorded = recordedInputs(key, lookup.hit.files, lookup.hit.compileMs);
        return result;
      }
    } catch (e) {
      return this.finish(await this.pool.run(compilerPath, req.args, req.cwd, env, req.signal), "error", errorMessage(e));
    }
    return this.compileAndStore(key, lookup, compilerPath, env);
  }
  finish(r, outcome, reason) {
    this.stats_.record(outcome, reason);
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, outcome, ...reason ? { reason } : {} };
  }
  keyFor(req, parsed, compilerPath) {
    const root = resolve3(req.workspaceRoot);
    const relocatable = !parsed.debugInfo || parsed.debugPrefixMaps.some((old) => resolve3(req.cwd, old) === root);
    const paths = new PathNormalizer(relocatable ? root : "/\0", req.cwd);
    const compiler = req.session ? req.session.compilerIdentity(compilerPath, (p) => this.identities.identify(p)) : this.identities.identify(compilerPath);
    const flags = new KeyHasher("fbuild-flags-v1").fields(keyArguments(parsed, paths)).field(paths.normalize(req.cwd)).hex();
    const source = paths.normalize(parsed.source);
    const contextKey = new KeyHasher("fbuild-context-v2").field(compiler).field(parsed.language).field(flags).field(source).hex();
    return {
      contextKey,
      compiler,
      flags,
      source,
      parsed,
      paths,
      root,
      relocatable,
      cwd: req.cwd,
      env: req.env,
      signal: req.signal,
      session: req.session
    };
  }
  /** Finds a stored result whose recorded files all still have their recorded content. */
  lookup(key, read, deferOutputs) {
    if (read.status === "damaged") return { reason: "damaged entry" };
    if (read.status === "absent") return { reason: this.explainNew(key) };
    const entry = read.entry;
    let firstMismatch;
    for (const result of entry.results) {
      const changed = this.firstChangedFile(key, result);
      if (changed === void 0) return this.loaded(result, entry, read.remote, deferOutputs);
      firstMismatch ??= changed;
    }
    return { reason: mismatchReason(firstMismatch, key.source), entry };
  }
  /**
   * The outputs of the result that matched, read and verified only now. A blob that is gone or damaged
   * is a miss; the compile stores the result again under the same result key.
   */
  loaded(result, entry, remote, deferOutputs) {
    if (deferOutputs && result.objectHash && result.quiet) {
      const nothing = new Uint8Array(0);
      return { hit: { ...result, object: nothing, stdout: nothing, stderr: nothing }, entry, ...remote ? { remote: true } : {} };
    }
    const read = this.store.load(result);
    if (read.status !== "found") return { reason: "damaged entry", entry, stale: result.resultKey };
    return { hit: { ...result, ...read.outputs }, entry, ...remote ? { remote: true } : {} };
  }
  /** The first recorded input that no longer holds (see unitInputs.ts for the kinds of entries). */
  firstChangedFile(key, result) {
    for (const [path, hash] of result.files) {
      const kind = path.charCodeAt(0);
      if (kind === DOLLAR || kind === SLASH) {
        const d = this.digest(key, key.paths.resolve(path));
        if (!d || d.hash !== hash) return path;
      } else if (kind === QUESTION) {
        const abs = (p) => key.paths.resolve(p.slice(1));
        if (key.session ? key.session.exists(path, abs) : existsSync2(abs(path))) return path;
      } else if (path === CHECKOUT) {
        if (hash !== key.root) return path;
      } else {
        const d = this.digest(key, key.paths.resolve(path.slice(1)));
        if (!d || d.hash !== hash) return path;
      }
    }
    return void 0;
  }
  /** A file's digest: once per build session when the compile names one, else from the stat cache. */
  digest(key, path) {
    return key.session ? key.session.digest(path, (p) => this.hasher.digest(p)) : this.hasher.digest(path);
  }
  /** No entry for this context: compare with the closest entry for the same source. */
  explainNew(key) {
    const others = this.store.entriesForSource(key.source);
    if (others.length === 0) return "new";
    if (others.some((o) => o.flags === key.flags)) return "compiler changed";
    if (others.some((o) => o.compiler === key.compiler)) return "flags changed";
    return "compiler changed";
  }
  /**
   * Writes the outputs in place, as the compiler does. Not write-then-rename: renaming over an
   * existing file costs a synchronous unlink of the old inode (0.2 ms here, several times the write);
   * nor truncate-then-write, for the same reason (writeOver).
   */
  materialize(key, hit) {
    const { parsed, cwd } = key;
    writeOver(resolve3(cwd, parsed.output), hit.object);
    if (parsed.depFile !== void 0 && hit.depfile) {
      writeOver(resolve3(cwd, parsed.depFile), renderDepfile(hit.depfile, key));
    }
  }
  async compileAndStore(key, lookup, compilerPath, env) {
    const { parsed, cwd } = key;
    const ownDepfile = parsed.depFile === void 0 ? join3(tmpdir(), `fbuild-${process.pid}-${randomBytes(6).toString("hex")}.d`) : void 0;
    const args = ownDepfile ? [...parsed.args, "-MD", "-MF", ownDepfile] : parsed.args;
    const depPath = ownDepfile ?? resolve3(cwd, parsed.depFile);
    const startedWall = performance.timeOrigin + performance.now();
    const run = await this.pool.run(compilerPath, args, cwd, env ?? process.env, key.signal);
    try {
      if (key.signal?.aborted) return this.finish(run, "uncacheable", "cancelled");
      if (run.exitCode !== 0) return this.finish(run, "uncacheable", "compile failed");
      const made = await this.collectResult(key, run, depPath, startedWall, compilerPath, env ?? process.env);
      if ("refused" in made) return this.finish(run, made.outcome, made.refused);
      this.save(key, lookup.entry, made, lookup.stale).catch((e) => this.writeFailures.push(errorMessage(e)));
      const result = this.finish(run, "miss", lookup.reason ?? "new");
      result.recorded = recordedInputs(key, made.files, made.compileMs);
      return result;
    } finally {
      if (ownDepfile) safeUnlink(ownDepfile);
    }
  }
  /**
   * Builds the cached result of a successful compile from everything the compiler read, or says why
   * it cannot be stored. The inputs: the source and the depfile's headers; the headers `-MMD` leaves
   * out (from `-isystem` directories, or included by a `#pragma GCC system_header` header), listed by
   * the preprocessor (`-M`) when the unit can have any; the files `.incbin` embeds; the negative
   * lookups of the include search; the checkout's path when it reaches the output. The compiler's own
   * headers are left to its identity. A file changed since the compile started is not stored.
   */
  async collectResult(key, run, depPath, startedWall, compilerPath, env) {
    const { parsed, paths, cwd, root } = key;
    const refuse = (refused) => ({ refused, outcome: "uncacheable" });
    let object;
    try {
      object = readFileSync4(resolve3(cwd, parsed.output));
    } catch {
      return refuse("compiler wrote no output");
    }
    let depText;
    try {
      depText = readFileSync4(depPath, "utf8");
    } catch {
      depText = void 0;
    }
    const dep = depText === void 0 ? void 0 : parseDepfile(depText);
    if (!dep && parsed.language !== "assembler") return refuse("no dependency file");
    const sourceAbs = resolve3(cwd, parsed.source);
    const listed = /* @__PURE__ */ new Set([sourceAbs, ...(dep?.deps ?? []).map((d) => resolve3(cwd, d))]);
    let unlisted = [];
    if (parsed.depMode === "MMD" && (parsed.addsSystemDirs || [...listed].some((p) => this.digest(key, p)?.systemHeader))) {
      const full = await this.pool.run(compilerPath, [...preprocessOnlyArgs(parsed), "-M"], cwd, env, key.signal);
      const all = full.exitCode === 0 ? parseDepfile(full.stdout.toString()) : void 0;
      if (!all) return refuse("the system headers read could not be listed");
      unlisted = [...new Set(all.deps.map((d) => resolve3(cwd, d)))].filter((p) => !listed.has(p));
    }
    const toolchain = this.identities.toolchainDirs(compilerPath);
    const files = [];
    const headers = [];
    const clockFiles = [];
    let usesFile = false;
    const embedded = [];
    const inputs = [...[...listed].map((p) => ({ abs: p, tag: "" })), ...unlisted.map((p) => ({ abs: p, tag: SYSTEM_HEADER }))];
    for (let i = 0; i < inputs.length; i++) {
      const { abs, tag } = inputs[i];
      const ours = !insideAny(abs, toolchain);
      const digest = this.hasher.digest(abs);
      if (!digest) {
        if (!ours) continue;
        return refuse("an input file could not be read");
      }
      usesFile ||= digest.usesFile;
      if (!ours) continue;
      const shown = paths.normalize(abs).replace(/^\$WS\//, "");
      if (digest.ctimeMs >= startedWall) {
        return { refused: `input changed during the compile: ${shown}`, outcome: "miss" };
      }
      if (digest.usesClock) clockFiles.push(shown);
      files.push([tag + paths.normalize(abs), digest.hash]);
      if (abs !== sourceAbs && tag !== EMBEDDED) headers.push(abs);
      for (const path of digest.incbin ?? []) {
        if (path === null) return refuse(`.incbin with a path built by macros (${shown})`);
        const file = resolve3(cwd, path);
        if (!existsSync2(file)) return refuse(`.incbin of a file not found from the working directory (${path})`);
        if (!embedded.includes(file)) {
          embedded.push(file);
          inputs.push({ abs: file, tag: EMBEDDED });
        }
      }
    }
    const exists = (p) => key.session ? key.session.exists(p, (abs) => abs) : existsSync2(p);
    const chain = [dirname2(sourceAbs), ...parsed.searchDirs.map((d) => resolve3(cwd, d))];
    const vouched = [...toolchain, ...packageDirs(compilerPath)];
    const owned = (dir) => userIncludeDir(dir, root, vouched);
    for (const absent of negativeLookups(headers, chain, owned, exists)) files.push([ABSENT + paths.normalize(absent), ""]);
    if (clockFiles.length > 0 || usesFile) {
      const pp = await this.pool.run(
        compilerPath,
        [...preprocessOnlyArgs(parsed), "-P", ...clockFiles.length > 0 ? clockMarkerDefines() : []],
        cwd,
        env,
        key.signal
      );
      if (clockFiles.length > 0 && (pp.exitCode !== 0 || pp.stdout.includes(CLOCK_MARKER))) {
        return refuse(`__DATE__ or __TIME__ used (${clockFiles.join(", ")})`);
      }
      if (usesFile && (pp.exitCode !== 0 || pp.stdout.includes(root + sep))) files.push([CHECKOUT, root]);
    }
    let depfile;
    if (parsed.depFile !== void 0 && depText !== void 0 && dep) {
      const regenerated = formatDepfile(depTargets(parsed), dep.deps, dep.phony);
      depfile = regenerated === depText ? { kind: "deps", deps: dep.deps.map((d) => normalizeDepPath(d, paths)), phony: dep.phony } : { kind: "raw", text: depText.split(paths.workspaceRoot + "/").join("$WS/"), target: depTargets(parsed).join(" ") };
    }
    const resultKey = new KeyHasher("fbuild-result-v1").field(key.contextKey).fields(files.flat()).hex();
    return {
      resultKey,
      files,
      object,
      ...depfile ? { depfile } : {},
      stdout: run.stdout,
      stderr: run.stderr,
      compileMs: Math.round(run.durationMs * 1e3) / 1e3,
      createdAt: Date.now(),
      objectHash: sha256Hex(object),
      ...run.stdout.length === 0 && run.stderr.length === 0 ? { quiet: true } : {}
    };
  }
  async save(key, previous, result, stale) {
    const prior = this.writeChains.get(key.contextKey) ?? Promise.resolve();
    const write = prior.then(afterPendingWork).then(async () => {
      const current = await Promise.resolve(this.store.get(key.contextKey));
      const base = current.status === "found" ? current.entry : previous;
      const kept = (base?.results ?? []).filter((r) => r.resultKey !== result.resultKey && r.resultKey !== stale);
      const results = [result, ...kept].slice(0, RESULTS_PER_CONTEXT);
      await this.writes.put({ contextKey: key.contextKey, source: key.source, compiler: key.compiler, flags: key.flags, results });
    });
    const settled = write.catch(() => void 0);
    this.writeChains.set(key.contextKey, settled);
    void settled.then(() => {
      if (this.writeChains.get(key.contextKey) === settled) this.writeChains.delete(key.contextKey);
    });
    return write;
  }
  stats() {
    const snapshot = { ...this.stats_.snapshot(this.store.totals()), ...this.writes.full ? { storeFull: this.writes.full } : {} };
    return this.store instanceof TieredStore ? { ...snapshot, remote: this.store.remoteStats() } : snapshot;
  }
  /**
   * Called when a build starts: the remote tier's breaker closes again, and what went wrong with the
   * tier since the last call comes back as one warning (undefined when all was well).
   */
  takeRemoteWarning() {
    return this.store instanceof TieredStore ? this.store.takeWarning() : void 0;
  }
  /** Waits for every result still being written behind. */
  async drainWrites() {
    while (this.writeChains.size > 0) await Promise.allSettled([...this.writeChains.values()]);
  }
  async flush() {
    await this.drainWrites();
    await this.writes.flush();
    this.identities.save();
  }
  /**
   * graceful: lets compiles in flight finish, then flushes. force: kills running compilers first.
   * A store that cannot be saved does not fail the caller (the build succeeded): the problem comes
   * back as a warning to print.
   */
  async shutdown(mode = "graceful") {
    if (this.closed) return { warnings: [] };
    this.closed = true;
    if (mode === "force") this.pool.killAll();
    await Promise.allSettled([...this.inFlight]);
    await this.drainWrites();
    const warnings = [];
    if (this.writeFailures.length > 0) {
      const n = this.writeFailures.length;
      warnings.push(
        `could not store ${n} compile result${n > 1 ? "s" : ""} (${this.writeFailures[0]}); the builds succeeded, those units compile again next time`
      );
    }
    try {
      await this.store.close();
    } catch (e) {
      warnings.push(`could not save the cache index: ${errorMessage(e)}; the cached objects are kept and the index is rebuilt next time`);
    }
    this.identities.save();
    return { warnings };
  }
};
var DOLLAR = "$".charCodeAt(0);
var SLASH = "/".charCodeAt(0);
var QUESTION = ABSENT.charCodeAt(0);
function mismatchReason(path, source) {
  if (path === void 0 || path === source) return "source changed";
  if (path === CHECKOUT) return "__FILE__ names another checkout";
  const kind = path[0];
  const tagged = kind === SYSTEM_HEADER || kind === EMBEDDED || kind === ABSENT;
  const shown = (tagged ? path.slice(1) : path).replace(/^\$WS\//, "");
  if (kind === SYSTEM_HEADER) return `system header changed: ${shown}`;
  if (kind === EMBEDDED) return `embedded file changed: ${shown}`;
  if (kind === ABSENT) return `header shadowed: ${shown}`;
  return `header changed: ${shown}`;
}
function depTargets(parsed) {
  return parsed.depTargets.map((t) => t.quoted ? makeQuote(t.value) : t.value);
}
function normalizeDepPath(dep, paths) {
  return dep.startsWith("/") ? paths.normalize(dep) : dep;
}
function renderDepfile(stored, key) {
  if (stored.kind === "deps") {
    return formatDepfile(
      depTargets(key.parsed),
      stored.deps.map((d) => key.paths.resolve(d)),
      stored.phony
    );
  }
  let text = stored.text.split("$WS/").join(key.paths.workspaceRoot + "/");
  const target = depTargets(key.parsed).join(" ");
  if (stored.target !== target && text.startsWith(stored.target)) text = target + text.slice(stored.target.length);
  return text;
}
function deferredOutputs(key, hit) {
  const inputs = [];
  const embedded = [];
  for (const [path] of hit.files) {
    if (path === CHECKOUT || path[0] === ABSENT) continue;
    if (path[0] === EMBEDDED) embedded.push(key.paths.resolve(path.slice(1)));
    else inputs.push(key.paths.resolve(path[0] === SYSTEM_HEADER ? path.slice(1) : path));
  }
  return { objectHash: hit.objectHash ?? sha256Hex(hit.object), inputs, embedded };
}
function recordedInputs(key, files, compileMs) {
  return { files, portable: key.relocatable && !files.some(([p]) => p === CHECKOUT), compileMs, contextKey: key.contextKey };
}
function afterPendingWork() {
  return new Promise((resolve4) => setImmediate(resolve4));
}
function cancelledRun() {
  return { exitCode: CANCELLED_EXIT, stdout: Buffer.alloc(0), stderr: Buffer.from("fbuild: cancelled\n"), durationMs: 0 };
}

export {
  CompilerPool,
  runStepSequence,
  CacheService
};

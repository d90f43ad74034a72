import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  ABSENT,
  KeyHasher,
  PathNormalizer
} from "./chunk-I7BTEATM.js";
import {
  hitRate
} from "./chunk-AR4QESZK.js";

// server/cache/wholeBuildRecords.ts
import { existsSync } from "node:fs";
var CANDIDATES_PER_KEY = 4;
var WHOLE_BUILD_SOURCE = "$BUILD";
var WholeBuildRecords = class {
  constructor(deps) {
    this.deps = deps;
  }
  deps;
  /** The tools' identity by content (binary hash and system headers), remembered by path, size and mtime. */
  toolIdentities(tools, session) {
    const { identities } = this.deps;
    return tools.map((t) => session ? session.compilerIdentity(t, (p) => identities.identify(p)) : identities.identify(t));
  }
  /** A file's digest: once per session, else from the stat cache (a file unchanged since it was hashed is not read). */
  digest(abs, session) {
    const { hasher } = this.deps;
    return session ? session.digest(abs, (p) => hasher.digest(p)) : hasher.digest(abs);
  }
  /** The key of a record from the parts the engine chose (ordered). */
  static key(parts) {
    return new KeyHasher("fbuild-whole-build-v1").fields(parts).hex();
  }
  /**
   * The newest candidate under `key` whose inputs all hold in the workspace, with its outputs read
   * (and verified) from the store. A hit counts as a use of the record unless `lookOnly` (a
   * lookup that builds nothing, as the server's warm-up passes, leaves the store's index as it was).
   */
  async find(key, workspaceRoot, cwd, session, lookOnly = false) {
    const { store } = this.deps;
    const pending = store.get(key);
    const read = pending instanceof Promise ? await pending : pending;
    if (read.status === "absent") return { miss: "no record" };
    if (read.status === "damaged") return { miss: "damaged record" };
    const paths = new PathNormalizer(workspaceRoot, cwd);
    let firstChanged;
    for (const candidate of read.entry.results) {
      const changed = this.firstChanged(candidate, paths, session);
      if (changed !== void 0) {
        firstChanged ??= changed;
        continue;
      }
      const loaded = store.load(candidate);
      if (loaded.status !== "found") return { miss: "record blob missing" };
      const { steps, object } = loaded.outputs;
      if (!steps) return { miss: "record blob without outputs" };
      if (!lookOnly) store.touch(key);
      return {
        hit: { inputs: candidate.files, outputs: steps.outputs, meta: object, savedMs: candidate.compileMs },
        ...read.remote ? { remote: true } : {}
      };
    }
    return { miss: `input changed: ${(firstChanged ?? "?").replace(/^\?/, "").replace(/^\$WS\//, "")}` };
  }
  firstChanged(candidate, paths, session) {
    for (const [path, hash] of candidate.files) {
      if (path.charCodeAt(0) === QUESTION) {
        const abs = (p) => paths.resolve(p.slice(1));
        if (session ? session.exists(path, abs) : existsSync(abs(path))) return path;
        continue;
      }
      const d = this.digest(paths.resolve(path), session);
      if (!d || d.hash !== hash) return path;
    }
    return void 0;
  }
  /** Stores a candidate under `key`, newest first, replacing one with the same inputs. */
  async save(key, label, candidate) {
    const { store } = this.deps;
    const resultKey = new KeyHasher("fbuild-whole-build-result-v1").field(key).fields(candidate.inputs.flat()).hex();
    const pending = store.get(key);
    const read = pending instanceof Promise ? await pending : pending;
    const kept = read.status === "found" ? read.entry.results.filter((r) => r.resultKey !== resultKey) : [];
    const empty = new Uint8Array(0);
    await store.put({
      contextKey: key,
      source: `${WHOLE_BUILD_SOURCE}:${label}`,
      compiler: "",
      flags: key,
      results: [
        {
          resultKey,
          files: candidate.inputs,
          compileMs: candidate.savedMs,
          createdAt: Date.now(),
          object: candidate.meta,
          stdout: empty,
          stderr: empty,
          steps: { outputs: candidate.outputs, stdout: [] }
        },
        ...kept
      ].slice(0, CANDIDATES_PER_KEY)
    });
  }
  /** Marks entries as used now: the units and link a record hit stands for (least-recently-used eviction, `evict-unused`). */
  touch(keys) {
    for (const k of keys) this.deps.store.touch(k);
  }
  /** Reads the entries through the store's tiers, so that ones found only in the remote tier are kept locally too. */
  async promote(keys) {
    await Promise.all(keys.map((k) => this.deps.store.get(k)));
  }
  /** A hit counts each unit and the link as the hits they would have been. */
  recordHits(steps) {
    const { stats } = this.deps;
    for (const s of steps) {
      stats.recordHit(0, 0, s.savedMs);
      stats.record("hit", void 0);
    }
  }
};
var QUESTION = ABSENT.charCodeAt(0);

// server/cache/stats.ts
var StatsRecorder = class {
  compiles = 0;
  hits = 0;
  misses = 0;
  uncacheable = 0;
  errors = 0;
  timeSavedMs = 0;
  uncacheableReasons = /* @__PURE__ */ new Map();
  missReasons = /* @__PURE__ */ new Map();
  hitTimes = new Float64Array(1024);
  lookupTimes = new Float64Array(1024);
  hitCount = 0;
  record(outcome, reason) {
    this.compiles++;
    if (outcome === "hit") this.hits++;
    else if (outcome === "miss") {
      this.misses++;
      bump(this.missReasons, missCategory(reason ?? "new"));
    } else if (outcome === "uncacheable") {
      this.uncacheable++;
      bump(this.uncacheableReasons, reason ?? "unknown");
    } else this.errors++;
  }
  recordHit(serviceMs, lookupMs, savedMs) {
    this.timeSavedMs += savedMs;
    if (this.hitCount === this.hitTimes.length) {
      this.hitTimes = grow(this.hitTimes);
      this.lookupTimes = grow(this.lookupTimes);
    }
    this.lookupTimes[this.hitCount] = lookupMs;
    this.hitTimes[this.hitCount++] = serviceMs;
  }
  snapshot(totals) {
    const sorted = this.hitTimes.slice(0, this.hitCount).sort();
    const lookups = this.lookupTimes.slice(0, this.hitCount).sort();
    return {
      compiles: this.compiles,
      hits: this.hits,
      misses: this.misses,
      uncacheable: this.uncacheable,
      uncacheableReasons: Object.fromEntries(this.uncacheableReasons),
      errors: this.errors,
      hitRate: hitRate({ hits: this.hits, misses: this.misses, errors: this.errors }),
      timeSavedMs: Math.round(this.timeSavedMs),
      entries: totals.entries,
      bytes: totals.bytes,
      missReasons: Object.fromEntries(this.missReasons),
      hitServiceMs: { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) },
      hitLookupMs: { median: quantile(lookups, 0.5), p95: quantile(lookups, 0.95) }
    };
  }
};
function missCategory(reason) {
  const colon = reason.indexOf(":");
  return colon < 0 ? reason : reason.slice(0, colon);
}
function grow(a) {
  const bigger = new Float64Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
function bump(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}
function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export {
  WholeBuildRecords,
  StatsRecorder,
  missCategory
};

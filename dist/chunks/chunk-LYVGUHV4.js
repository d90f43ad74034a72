import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// node_modules/yocto-queue/index.js
var Node = class {
  value;
  next;
  constructor(value) {
    this.value = value;
  }
};
var Queue = class {
  #head;
  #tail;
  #size;
  constructor() {
    this.clear();
  }
  enqueue(value) {
    const node = new Node(value);
    if (this.#head) {
      this.#tail.next = node;
      this.#tail = node;
    } else {
      this.#head = node;
      this.#tail = node;
    }
    this.#size++;
  }
  dequeue() {
    const current = this.#head;
    if (!current) {
      return;
    }
    this.#head = this.#head.next;
    this.#size--;
    if (!this.#head) {
      this.#tail = void 0;
    }
    return current.value;
  }
  peek() {
    if (!this.#head) {
      return;
    }
    return this.#head.value;
  }
  clear() {
    this.#head = void 0;
    this.#tail = void 0;
    this.#size = 0;
  }
  get size() {
    return this.#size;
  }
  *[Symbol.iterator]() {
    let current = this.#head;
    while (current) {
      yield current.value;
      current = current.next;
    }
  }
  *drain() {
    while (this.#head) {
      yield this.dequeue();
    }
  }
};

// node_modules/p-limit/index.js
function pLimit(concurrency) {
  let rejectOnClear = false;
  if (typeof concurrency === "object") {
    ({ concurrency, rejectOnClear = false } = concurrency);
  }
  validateConcurrency(concurrency);
  if (typeof rejectOnClear !== "boolean") {
    throw new TypeError("Expected `rejectOnClear` to be a boolean");
  }
  const queue = new Queue();
  let activeCount = 0;
  const resumeNext = () => {
    if (activeCount < concurrency && queue.size > 0) {
      activeCount++;
      queue.dequeue().run();
    }
  };
  const next = () => {
    activeCount--;
    resumeNext();
  };
  const run = async (function_, resolve, arguments_) => {
    const result = (async () => function_(...arguments_))();
    resolve(result);
    try {
      await result;
    } catch {
    }
    next();
  };
  const enqueue = (function_, resolve, reject, arguments_) => {
    const queueItem = { reject };
    new Promise((internalResolve) => {
      queueItem.run = internalResolve;
      queue.enqueue(queueItem);
    }).then(run.bind(void 0, function_, resolve, arguments_));
    if (activeCount < concurrency) {
      resumeNext();
    }
  };
  const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
    enqueue(function_, resolve, reject, arguments_);
  });
  Object.defineProperties(generator, {
    activeCount: {
      get: () => activeCount
    },
    pendingCount: {
      get: () => queue.size
    },
    clearQueue: {
      value() {
        if (!rejectOnClear) {
          queue.clear();
          return;
        }
        const abortError = AbortSignal.abort().reason;
        while (queue.size > 0) {
          queue.dequeue().reject(abortError);
        }
      }
    },
    concurrency: {
      get: () => concurrency,
      set(newConcurrency) {
        validateConcurrency(newConcurrency);
        concurrency = newConcurrency;
        queueMicrotask(() => {
          while (activeCount < concurrency && queue.size > 0) {
            resumeNext();
          }
        });
      }
    },
    map: {
      async value(iterable, function_) {
        const promises = [];
        try {
          Array.from(iterable, (value, index) => {
            const promise = generator(function_, value, index);
            promises.push(promise);
            return promise;
          });
        } catch (error) {
          for (const promise of promises) {
            promise.catch(() => {
            });
          }
          throw error;
        }
        return Promise.all(promises);
      }
    }
  });
  return generator;
}
function validateConcurrency(concurrency) {
  if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
    throw new TypeError("Expected `concurrency` to be a number from 1 and up");
  }
}

// server/cache/hash.ts
import { createHash } from "node:crypto";
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
var KeyHasher = class {
  hash = createHash("sha256");
  constructor(domain) {
    this.field(domain);
  }
  field(value) {
    const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32LE(bytes.length);
    this.hash.update(len).update(bytes);
    return this;
  }
  fields(values) {
    this.field(String(values.length));
    for (const v of values) this.field(v);
    return this;
  }
  hex() {
    return this.hash.digest("hex");
  }
};

// server/cache/clockMacros.ts
var NAMES = ["__DATE__", "__TIME__", "__TIMESTAMP__"];
var RAW_NAMES = NAMES.map((n) => Buffer.from(n));
var TOKEN = /\b__(DATE|TIME|TIMESTAMP)__\b/;
function usesClockMacro(data) {
  if (!RAW_NAMES.some((n) => data.includes(n))) return false;
  return TOKEN.test(codeOnly(data.toString("latin1")));
}
function codeOnly(text) {
  let out = "";
  let i = 0;
  let start = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      out += text.slice(start, i) + " ";
      const end = text.indexOf("\n", i);
      i = end < 0 ? n : end;
      start = i;
    } else if (c === "/" && text[i + 1] === "*") {
      out += text.slice(start, i) + " ";
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      start = i;
    } else if (c === '"' || c === "'") {
      out += text.slice(start, i) + " ";
      i++;
      while (i < n && text[i] !== c && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
      i++;
      start = i;
    } else i++;
  }
  return out + text.slice(start);
}
var CLOCK_MARKER = "fbuild_clock_macro_marker_";
function clockMarkerDefines() {
  return ["-Wno-builtin-macro-redefined", ...NAMES.map((n) => `-D${n}=${CLOCK_MARKER}${n.replace(/_/g, "")}`)];
}

// server/cache/depfile.ts
function makeQuote(name) {
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === " " || ch === "	") {
      for (let j = i - 1; j >= 0 && name[j] === "\\"; j--) out += "\\";
      out += "\\";
    } else if (ch === "$") out += "$";
    else if (ch === "#") out += "\\";
    out += ch;
  }
  return out;
}
function splitWords(text) {
  const words = [];
  let word = "";
  let i = 0;
  const flush = () => {
    if (word.length) words.push(word);
    word = "";
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\") {
      let n = 0;
      while (text[i + n] === "\\") n++;
      const after = text[i + n];
      if (after === "\n") {
        word += "\\".repeat(n - 1);
        flush();
        i += n + 1;
      } else if (after === " " || after === "	") {
        word += "\\".repeat(n >> 1);
        if (n & 1) {
          word += after;
        } else flush();
        i += n + 1;
      } else if (after === "#" && n === 1) {
        word += "#";
        i += 2;
      } else {
        word += "\\".repeat(n);
        i += n;
      }
    } else if (ch === "$" && text[i + 1] === "$") {
      word += "$";
      i += 2;
    } else if (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
      flush();
      i++;
    } else {
      word += ch;
      i++;
    }
  }
  flush();
  return words;
}
function parseDepfile(text) {
  let end = 0;
  while (end < text.length) {
    const nl = text.indexOf("\n", end);
    if (nl < 0) {
      end = text.length;
      break;
    }
    let bs = 0;
    for (let j = nl - 1; j >= 0 && text[j] === "\\"; j--) bs++;
    if (bs % 2 === 1) {
      end = nl + 1;
      continue;
    }
    end = nl;
    break;
  }
  const rule = text.slice(0, end);
  const colon = rule.search(/:(\s|$)/);
  if (colon < 0) return void 0;
  const targets = splitWords(rule.slice(0, colon));
  const deps = splitWords(rule.slice(colon + 1));
  const phony = /\n[^\n]+:\n/.test(text.slice(end));
  return { targets, deps, phony };
}
function formatDepfile(targetsQuoted, deps, phony) {
  const colmax = 72;
  let out = "";
  let column = 0;
  targetsQuoted.forEach((t, i) => {
    column += t.length;
    if (i) {
      if (column > colmax) {
        out += " \\\n ";
        column = 1 + t.length;
      } else {
        out += " ";
        column++;
      }
    }
    out += t;
  });
  out += ":";
  column++;
  const quoted = deps.map(makeQuote);
  for (const d of quoted) {
    column += d.length;
    if (column > colmax) {
      out += " \\\n ";
      column = 1 + d.length;
    } else {
      out += " ";
      column++;
    }
    out += d;
  }
  out += "\n";
  if (phony) for (const d of quoted.slice(1)) out += `
${d}:
`;
  return out;
}

// server/cache/fileHasher.ts
import { readFileSync, statSync } from "node:fs";
function stampOf(st) {
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}
function sameStamp(a, b) {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}
function isRacy(stamp, readAtMs) {
  return readAtMs - Math.max(stamp.mtimeMs, stamp.ctimeMs) <= 2e3;
}
var MAX_ENTRIES = 2e5;
var FileHasher = class {
  cache = /* @__PURE__ */ new Map();
  hashedFiles = 0;
  /** The digest of a file, or undefined if it cannot be read. */
  digest(path) {
    let st;
    try {
      st = statSync(path, { throwIfNoEntry: false });
    } catch {
      return void 0;
    }
    if (!st || !st.isFile()) return void 0;
    const known = this.cache.get(path);
    if (known && sameStamp(known, st)) return known;
    let data;
    try {
      data = readFileSync(path);
    } catch {
      return void 0;
    }
    this.hashedFiles++;
    const entry = { hash: sha256Hex(data), usesClock: usesClockMacro(data), ...stampOf(st) };
    if (!isRacy(entry, Date.now())) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(path, entry);
    }
    return entry;
  }
  /** Forgets everything (used when the caller knows files changed behind the stat data's back). */
  clear() {
    this.cache.clear();
  }
};

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
    const cacheable = this.hits + this.misses;
    return {
      compiles: this.compiles,
      hits: this.hits,
      misses: this.misses,
      uncacheable: this.uncacheable,
      uncacheableReasons: Object.fromEntries(this.uncacheableReasons),
      errors: this.errors,
      hitRate: cacheable ? this.hits / cacheable : 0,
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
  sha256Hex,
  KeyHasher,
  pLimit,
  CLOCK_MARKER,
  clockMarkerDefines,
  makeQuote,
  parseDepfile,
  formatDepfile,
  stampOf,
  sameStamp,
  isRacy,
  FileHasher,
  StatsRecorder,
  missCategory
};

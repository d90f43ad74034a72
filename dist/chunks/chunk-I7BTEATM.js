import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// server/cache/unitInputs.ts
import { existsSync, readFileSync as readFileSync2, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename as basename2, dirname, join as join2, resolve as resolve2, sep as sep2 } from "node:path";

// server/cache/compilerArgs.ts
import { readFileSync } from "node:fs";
import { basename, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
var PATH_OPTIONS = [
  "-iwithprefixbefore",
  "-iwithprefix",
  "-idirafter",
  "-isysroot",
  "-isystem",
  "-imacros",
  "-include",
  "-iprefix",
  "-iquote",
  "--sysroot",
  "-I",
  "-B"
];
var SEPARATE_VALUE_OPTIONS = /* @__PURE__ */ new Set([
  "-x",
  "-D",
  "-U",
  "-A",
  "-L",
  "-l",
  "-u",
  "-T",
  "-z",
  "-Xlinker",
  "-Xassembler",
  "-Xpreprocessor",
  "-aux-info",
  "--param",
  "-e",
  "-wrapper",
  "-dumpbase",
  "-dumpdir",
  "-MF",
  "-MT",
  "-MQ",
  "-o"
]);
var LANGUAGE_BY_EXTENSION = {
  ".c": "c",
  ".cc": "c++",
  ".cp": "c++",
  ".cpp": "c++",
  ".cxx": "c++",
  ".c++": "c++",
  ".CPP": "c++",
  ".C": "c++",
  ".S": "assembler-with-cpp",
  ".sx": "assembler-with-cpp",
  ".s": "assembler"
};
function expandResponseFiles(args, cwd, depth = 0) {
  const out = [];
  for (const arg of args) {
    if (!arg.startsWith("@") || arg.length === 1) {
      out.push(arg);
      continue;
    }
    if (depth > 8) return { error: "response files nested too deeply" };
    let text;
    try {
      text = readFileSync(resolve(cwd, arg.slice(1)), "utf8");
    } catch {
      return { error: "unreadable response file" };
    }
    const nested = expandResponseFiles(splitResponseFile(text), cwd, depth + 1);
    if (!Array.isArray(nested)) return nested;
    out.push(...nested);
  }
  return out;
}
function splitResponseFile(text) {
  const words = [];
  let word = "";
  let inWord = false;
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === "\\" && i + 1 < text.length) word += text[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\" && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
var OUTPUT_OPTIONS = /* @__PURE__ */ new Set(["-o", "-MF", "-aux-info", "--output"]);
function outputPaths(args) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (OUTPUT_OPTIONS.has(a)) out.push(args[i + 1] ?? "");
    else if (a.startsWith("--output=")) out.push(a.slice("--output=".length));
    else if (/^-(o|MF)./.test(a)) out.push(a.slice(a.startsWith("-o") ? 2 : 3));
    else if (/^-Wa,.*-a[a-z]*=/.test(a)) out.push(a.replace(/^.*-a[a-z]*=/, "").split(",")[0]);
    else if (a.startsWith("-Wp,")) {
      const parts = a.slice(4).split(",");
      parts.forEach((p, j) => {
        if ((p === "-MD" || p === "-MMD" || p === "-MF") && parts[j + 1] !== void 0) out.push(parts[j + 1]);
        else if (/^-MF./.test(p)) out.push(p.slice(3));
      });
    }
  }
  return out;
}
function uncacheable(reason) {
  return { kind: "uncacheable", reason };
}
function defaultDepFile(output) {
  const base = basename(output);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? output.slice(0, output.length - (base.length - dot)) + ".d" : output + ".d";
}
function parseCompile(rawArgs, cwd) {
  const expanded = expandResponseFiles(rawArgs, cwd);
  if (!Array.isArray(expanded)) return uncacheable(expanded.error);
  const args = expanded;
  let compileOnly = false;
  let output;
  let depMode = "none";
  let depFile;
  const depTargets = [];
  let phonyTargets = false;
  let debugInfo = false;
  const debugPrefixMaps = [];
  let language;
  const sources = [];
  let otherInput;
  const keyParts = [];
  const dirs = { "-iquote": [], "-I": [], "-isystem": [], "-idirafter": [] };
  let addsSystemDirs = false;
  const pathOption = (option, path) => {
    dirs[option]?.push(path);
    if (option !== "-I" && option !== "-iquote" && option !== "-include" && option !== "-imacros" && option !== "-B") addsSystemDirs = true;
  };
  let i = 0;
  const next = () => args[++i];
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "-c") {
      compileOnly = true;
      keyParts.push(a);
    } else if (a === "-E") return uncacheable("preprocess only (-E)");
    else if (a === "-S") return uncacheable("assembly output (-S)");
    else if (a === "-M" || a === "-MM") return uncacheable("dependency output only (-M)");
    else if (a === "-MG") return uncacheable("missing headers as dependencies (-MG)");
    else if (a === "-save-temps" || a.startsWith("-save-temps=")) return uncacheable("-save-temps");
    else if (a.startsWith("-Wp,")) return uncacheable("preprocessor options through -Wp,");
    else if (a === "-MD") depMode = "MD";
    else if (a === "-MMD") depMode = depMode === "MD" ? "MD" : "MMD";
    else if (a === "-MP") phonyTargets = true;
    else if (a === "-MF" || a === "-MT" || a === "-MQ" || a === "-o" || a === "-x") {
      const v = next();
      if (v === void 0) return uncacheable(`missing argument to ${a}`);
      if (a === "-MF") depFile = v;
      else if (a === "-MT") depTargets.push({ value: v, quoted: false });
      else if (a === "-MQ") depTargets.push({ value: v, quoted: true });
      else if (a === "-o") {
        if (output !== void 0) return uncacheable("several -o options");
        output = v;
      } else {
        language = v === "none" ? void 0 : v;
        keyParts.push(a, v);
      }
    } else if (a.startsWith("-MF")) depFile = a.slice(3);
    else if (a.startsWith("-MT")) depTargets.push({ value: a.slice(3), quoted: false });
    else if (a.startsWith("-MQ")) depTargets.push({ value: a.slice(3), quoted: true });
    else if (a.startsWith("-o")) {
      if (output !== void 0) return uncacheable("several -o options");
      output = a.slice(2);
    } else if (a.startsWith("-x")) {
      language = a.slice(2) === "none" ? void 0 : a.slice(2);
      keyParts.push(a);
    } else if (a.startsWith("-g")) {
      debugInfo = a !== "-g0";
      keyParts.push(a);
    } else if (a.startsWith("-fdebug-prefix-map=") || a.startsWith("-ffile-prefix-map=") || a.startsWith("-fmacro-prefix-map=")) {
      const eq = a.indexOf("=") + 1;
      const map = a.slice(eq);
      const old = map.slice(0, map.includes("=") ? map.indexOf("=") : void 0);
      if (!a.startsWith("-fmacro-")) debugPrefixMaps.push(old);
      keyParts.push({ prefix: a.slice(0, eq), path: old, suffix: map.slice(old.length) });
    } else if (a === "-") return uncacheable("source from standard input");
    else if (a.startsWith("-")) {
      const pathOpt = PATH_OPTIONS.includes(a);
      if (pathOpt || SEPARATE_VALUE_OPTIONS.has(a)) {
        const v = next();
        if (v === void 0) return uncacheable(`missing argument to ${a}`);
        keyParts.push(a, pathOpt ? { prefix: "", path: v, suffix: "" } : v);
        if (pathOpt) pathOption(a, v);
      } else {
        const joined = PATH_OPTIONS.find((o) => a.startsWith(o) && a.length > o.length);
        if (joined) {
          let v = a.slice(joined.length);
          const eq = joined === "--sysroot" && v.startsWith("=");
          if (eq) v = v.slice(1);
          keyParts.push(joined + (eq ? "=" : ""), { prefix: "", path: v, suffix: "" });
          pathOption(joined, v);
        } else keyParts.push(a);
      }
    } else {
      const lang = language ?? LANGUAGE_BY_EXTENSION[extname(a)];
      if (lang) sources.push({ path: a, language: lang });
      else otherInput ??= a;
    }
  }
  if (!compileOnly) return uncacheable("no -c (link or preprocess)");
  if (otherInput !== void 0) return uncacheable(`input is not a source file (${basename(otherInput)})`);
  if (sources.length === 0) return uncacheable("no source file");
  if (sources.length > 1) return uncacheable("several source files");
  if (output === void 0) return uncacheable("no -o output");
  const source = sources[0];
  if (depMode !== "none" && depFile === void 0) depFile = defaultDepFile(output);
  if (depMode !== "none" && depTargets.length === 0) depTargets.push({ value: output, quoted: true });
  return {
    kind: "cacheable",
    args,
    source: source.path,
    output,
    language: source.language,
    depMode,
    depFile,
    depTargets,
    phonyTargets,
    debugInfo,
    debugPrefixMaps,
    keyParts,
    searchDirs: [...dirs["-iquote"], ...dirs["-I"], ...dirs["-isystem"], ...dirs["-idirafter"]],
    addsSystemDirs
  };
}
function preprocessOnlyArgs(c) {
  const out = [];
  for (let i = 0; i < c.args.length; i++) {
    const arg = c.args[i];
    if (arg === "-c" || arg === "-MD" || arg === "-MMD" || arg === "-MP") continue;
    if (arg === "-MF" || arg === "-MT" || arg === "-MQ" || arg === "-o") {
      i++;
      continue;
    }
    if (/^-(MF|MT|MQ|o)./.test(arg)) continue;
    out.push(arg);
  }
  return [...out, "-E"];
}
var normalizedMemo = /* @__PURE__ */ new Map();
var PathNormalizer = class {
  constructor(workspaceRoot, cwd) {
    this.workspaceRoot = workspaceRoot;
    this.cwd = cwd;
    this.rootWithSep = workspaceRoot.endsWith(sep) ? workspaceRoot : workspaceRoot + sep;
    this.memoPrefix = `${workspaceRoot}\0${cwd}\0`;
  }
  workspaceRoot;
  cwd;
  rootWithSep;
  memoPrefix;
  normalize(p) {
    const memoKey = this.memoPrefix + p;
    let out = normalizedMemo.get(memoKey);
    if (out === void 0) {
      out = this.normalizeUncached(p);
      if (normalizedMemo.size >= 5e4) normalizedMemo.clear();
      normalizedMemo.set(memoKey, out);
    }
    return out;
  }
  normalizeUncached(p) {
    const abs = isAbsolute(p) ? p : resolve(this.cwd, p);
    if (abs === this.workspaceRoot) return "$WS";
    if (abs.startsWith(this.rootWithSep)) return "$WS/" + relative(this.workspaceRoot, abs).split(sep).join("/");
    return abs;
  }
  /** The inverse of normalize() for the current workspace. */
  resolve(normalized) {
    if (normalized === "$WS") return this.workspaceRoot;
    if (normalized.startsWith("$WS/")) return join(this.workspaceRoot, normalized.slice(4));
    return normalized;
  }
};
function keyArguments(c, paths) {
  const out = c.keyParts.map((p) => typeof p === "string" ? p : p.prefix + paths.normalize(p.path) + p.suffix);
  out.push(`#deps=${c.depMode}${c.phonyTargets ? "+MP" : ""}`);
  return out;
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

// server/cache/sourceMarkers.ts
var FILE_WORDS = [Buffer.from("__FILE__"), Buffer.from("__BASE_FILE__")];
var FILE_TOKEN = /\b__(BASE_)?FILE__\b/;
var INCBIN = Buffer.from(".incbin");
var SYSTEM_HEADER = Buffer.from("system_header");
var SYSTEM_HEADER_PRAGMA = /^[ \t]*#[ \t]*pragma[ \t]+GCC[ \t]+system_header\b/m;
var INCBIN_PATH = /\.incbin\s+\\?"((?:[^"\\\n]|\\[^"])*)\\?"/g;
function sourceMarkers(data) {
  const usesFile = FILE_WORDS.some((w) => data.includes(w)) && FILE_TOKEN.test(codeOnly(data.toString("latin1")));
  const incbin = data.includes(INCBIN) ? incbinPaths(data.toString("latin1")) : void 0;
  const systemHeader = data.includes(SYSTEM_HEADER) && SYSTEM_HEADER_PRAGMA.test(data.toString("latin1"));
  return { usesFile, incbin, systemHeader };
}
function incbinPaths(text) {
  const found = [];
  const plain = /* @__PURE__ */ new Set();
  for (const m of text.matchAll(INCBIN_PATH)) {
    plain.add(m.index);
    const path = m[1].replace(/\\\\/g, "\\");
    found.push(path.length > 0 && !path.includes("\\") ? path : null);
  }
  for (let i = text.indexOf(".incbin"); i >= 0; i = text.indexOf(".incbin", i + 1)) {
    if (!plain.has(i)) found.push(null);
  }
  return found;
}

// server/cache/unitInputs.ts
var SYSTEM_HEADER2 = "!";
var EMBEDDED = "&";
var ABSENT = "?";
var CHECKOUT = "#checkout";
function insideAny(path, dirs) {
  for (const d of dirs) if (path.startsWith(d.endsWith(sep2) ? d : d + sep2)) return true;
  return false;
}
var PACKAGE_MARKERS = [".fbuild-package.json", "package.json", ".piopm"];
var packageDirsMemo = /* @__PURE__ */ new Map();
function packageDirs(compiler) {
  let dirs = packageDirsMemo.get(compiler);
  if (dirs) return dirs;
  dirs = [];
  let real;
  try {
    real = realpathSync(compiler);
  } catch {
    real = compiler;
  }
  const home = homedir();
  for (const path of /* @__PURE__ */ new Set([compiler, real])) {
    if (basename2(dirname(path)) !== "bin") continue;
    const prefix = dirname(dirname(path));
    if (dirname(prefix) === prefix || home === prefix || insideAny(home, [prefix])) continue;
    dirs.push(prefix);
    const parent = dirname(prefix);
    const holdsHome = home === parent || insideAny(home, [parent]);
    if (dirname(parent) !== parent && !holdsHome && PACKAGE_MARKERS.some((m) => existsSync(join2(prefix, m)))) dirs.push(parent);
  }
  dirs = [...new Set(dirs)];
  if (packageDirsMemo.size > 1e3) packageDirsMemo.clear();
  packageDirsMemo.set(compiler, dirs);
  return dirs;
}
function userIncludeDir(dir, root, vouched) {
  if (dir === root || insideAny(dir, [root])) return true;
  return !vouched.some((v) => !(root === v || insideAny(root, [v])) && (dir === v || insideAny(dir, [v])));
}
function negativeLookups(headers, chain, owned, exists) {
  const absent = /* @__PURE__ */ new Set();
  const dirs = [...new Set(chain)];
  const ownedAt = dirs.map(owned);
  for (const header of headers) {
    for (let k = 0; k < dirs.length; k++) {
      const dir = dirs[k];
      const prefix = dir.endsWith(sep2) ? dir : dir + sep2;
      if (!header.startsWith(prefix)) continue;
      const rel = header.slice(prefix.length);
      for (let j = 0; j < k; j++) {
        if (!ownedAt[j]) continue;
        const candidate = join2(dirs[j], rel);
        if (!exists(candidate)) absent.add(candidate);
      }
    }
  }
  return [...absent];
}
function embeddedFiles(cwd, depfiles) {
  const read = /* @__PURE__ */ new Set();
  const found = /* @__PURE__ */ new Set();
  for (const d of depfiles) {
    let text;
    try {
      text = readFileSync2(resolve2(cwd, d), "utf8");
    } catch {
      continue;
    }
    for (const dep of parseDepfile(text)?.deps ?? []) {
      const abs = resolve2(cwd, dep);
      if (read.has(abs)) continue;
      read.add(abs);
      let data;
      try {
        data = readFileSync2(abs);
      } catch {
        continue;
      }
      for (const path of sourceMarkers(data).incbin ?? []) {
        if (path !== null && existsSync(resolve2(cwd, path))) found.add(resolve2(cwd, path));
      }
    }
  }
  return [...found];
}
function searchDirsOf(args, cwd) {
  const parsed = parseCompile(args, cwd);
  return parsed.kind === "cacheable" ? parsed.searchDirs.map((d) => resolve2(cwd, d)) : [];
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

// server/cache/fileHasher.ts
import { closeSync, openSync, readFileSync as readFileSync3, readSync, statSync } from "node:fs";
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
var SHARED_READ_BYTES = 256 * 1024;
var sharedRead;
function readWhole(path, size) {
  if (size >= SHARED_READ_BYTES) return readFileSync3(path);
  sharedRead ??= Buffer.allocUnsafe(SHARED_READ_BYTES);
  const fd = openSync(path, "r");
  let n;
  try {
    n = readSync(fd, sharedRead, 0, size + 1, 0);
  } finally {
    closeSync(fd);
  }
  return n === size ? sharedRead.subarray(0, n) : readFileSync3(path);
}
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
      data = readWhole(path, st.size);
    } catch {
      return void 0;
    }
    this.hashedFiles++;
    const entry = { hash: sha256Hex(data), usesClock: usesClockMacro(data), ...sourceMarkers(data), ...stampOf(st) };
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

export {
  sha256Hex,
  KeyHasher,
  CLOCK_MARKER,
  clockMarkerDefines,
  expandResponseFiles,
  outputPaths,
  parseCompile,
  preprocessOnlyArgs,
  PathNormalizer,
  keyArguments,
  makeQuote,
  parseDepfile,
  formatDepfile,
  stampOf,
  sameStamp,
  isRacy,
  FileHasher,
  SYSTEM_HEADER2 as SYSTEM_HEADER,
  EMBEDDED,
  ABSENT,
  CHECKOUT,
  insideAny,
  packageDirs,
  userIncludeDir,
  negativeLookups,
  embeddedFiles,
  searchDirsOf
};

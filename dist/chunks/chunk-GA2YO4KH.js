import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  RequirementError,
  castVersion,
  satisfiesRequirement,
  segmentRegExp,
  shellWords
} from "./chunk-S3VZIIDN.js";
import {
  require_semver
} from "./chunk-GBC6LBI6.js";
import {
  DownloadError,
  downloadFile,
  extractArchive,
  isRetryableStatus,
  withRetries
} from "./chunk-6OA7F5MW.js";
import {
  require_undici
} from "./chunk-OJVVGWCJ.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import {
  __toESM
} from "./chunk-3EKYSYMU.js";

// server/project/libdeps/installLibDeps.ts
import { randomBytes } from "node:crypto";
import { existsSync as existsSync5, mkdirSync, readdirSync as readdirSync3, readFileSync as readFileSync5, renameSync, rmdirSync, rmSync, statSync as statSync3, writeFileSync as writeFileSync2 } from "node:fs";
import { basename as basename3, dirname as dirname2, isAbsolute as isAbsolute2, join as join5, relative as relative3 } from "node:path";

// server/project/libDepsSpec.ts
import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";
function parseLibDep(raw, projectDir) {
  const spec = { raw };
  let rest = raw.trim();
  let nameIsCustom = false;
  if (!rest.startsWith("file://") && !rest.startsWith("symlink://") && /[/\\]/.test(rest) && existsSync(resolve(projectDir, rest))) {
    rest = `file://${rest}`;
  }
  if (rest.includes("@") && !rest.startsWith("file://") && !rest.startsWith("symlink://")) {
    const at = rest.lastIndexOf("@");
    const right = rest.slice(at + 1);
    if (!right.includes(":") && !right.includes("/")) {
      spec.requirements = right.trim();
      rest = rest.slice(0, at).trim();
    }
  }
  if (rest.includes("=") && !rest.startsWith("id=")) {
    const eq = rest.indexOf("=");
    if (!rest.slice(0, eq).includes("/")) {
      spec.name = rest.slice(0, eq).trim();
      nameIsCustom = true;
      rest = rest.slice(eq + 1).trim();
    }
  }
  const id = rest.startsWith("id=") ? rest.slice(3) : rest;
  if (/^\d+$/.test(id)) {
    spec.id = Number(id);
    rest = void 0;
  }
  if (rest !== void 0 && rest.split("/").length === 2 && !rest.includes("@")) {
    const slash = rest.indexOf("/");
    spec.owner = rest.slice(0, slash).trim();
    spec.name = rest.slice(slash + 1).trim();
    rest = void 0;
  }
  if (rest !== void 0 && /[@:/]/.test(rest)) {
    spec.uri = vcsUri(rest);
    rest = void 0;
  }
  if (!nameIsCustom && spec.uri) spec.name = nameFromUri(spec.uri);
  else if (rest) spec.name = rest;
  return spec;
}
function vcsUri(uri) {
  let url;
  try {
    url = new URL(uri);
  } catch {
    return uri;
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme === "file" || scheme === "symlink" || scheme.includes("+") || uri.startsWith("git+")) return uri;
  const isGit = url.pathname.endsWith(".git") || ["github.com", "gitlab.com", "bitbucket.com"].includes(url.host) && !/\.(zip|tar\.gz|tar\.xz)$/.test(url.pathname);
  return isGit ? `git+${uri}` : uri;
}
function nameFromUri(uri) {
  let u = uri.replace(/\/$/, "");
  const stops = ["#", "?", ...u.startsWith("file://") || u.startsWith("symlink://") ? ["@"] : []];
  for (const c of stops) if (u.includes(c)) u = u.slice(0, u.indexOf(c));
  try {
    const url = new URL(u.replace(/^git\+/, ""));
    const segments = url.pathname.split("/");
    if (url.host === "github.com" && segments.length > 3) return segments[2];
  } catch {
  }
  const name = basename(u);
  return name.includes(".") ? name.slice(0, name.indexOf(".")).trim() : name;
}
function libDepKind(spec) {
  if (spec.uri?.startsWith("file://") || spec.uri?.startsWith("symlink://")) return "local";
  if (spec.uri) return /^(git|hg|svn)\+/.test(spec.uri) ? "vcs" : "archive";
  if (spec.id !== void 0 && !spec.name) return "id";
  return "registry";
}
function localPath(spec, projectDir) {
  return resolve(projectDir, spec.uri.replace(/^(file|symlink):\/\//, ""));
}

// server/project/libraries.ts
import { existsSync as existsSync3, readdirSync as readdirSync2, readFileSync as readFileSync3, realpathSync, statSync as statSync2 } from "node:fs";
import { basename as basename2, dirname, isAbsolute, join as join3, relative as relative2, resolve as resolve2 } from "node:path";

// server/project/includeScanner.ts
import { readFileSync } from "node:fs";
var INCLUDE = /^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"]/gm;
function scanIncludes(path) {
  let text;
  try {
    text = readFileSync(path, "latin1");
  } catch {
    return [];
  }
  text = text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");
  const out = /* @__PURE__ */ new Set();
  for (const m of text.matchAll(INCLUDE)) out.add(m[1].trim());
  return [...out];
}

// server/project/libraryManifest.ts
import { existsSync as existsSync2, readFileSync as readFileSync2 } from "node:fs";
import { join } from "node:path";
var ARCH_TO_PLATFORM = {
  avr: "atmelavr",
  sam: "atmelsam",
  samd: "atmelsam",
  esp8266: "espressif8266",
  esp32: "espressif32",
  arc32: "intel_arc32",
  stm32: "ststm32",
  nrf52: "nordicnrf52",
  teensy: "teensy",
  mbed: "mbed",
  "*": "*"
};
var list = (v) => {
  if (v === void 0 || v === null) return void 0;
  const items = Array.isArray(v) ? v.map(String) : String(v).split(",");
  return items.map((s) => s.trim()).filter((s) => s !== "");
};
var words = (v) => {
  if (v === void 0 || v === null) return void 0;
  return (Array.isArray(v) ? v.map(String) : [String(v)]).flatMap((s) => shellWords(s) ?? s.split(/\s+/)).filter((s) => s !== "");
};
var filterItems = (v) => {
  if (v === void 0 || v === null) return void 0;
  return Array.isArray(v) ? v.map(String) : [String(v)];
};
var bool = (v) => {
  if (v === void 0 || v === null) return void 0;
  if (typeof v === "boolean") return v;
  return ["yes", "true", "1", "on"].includes(String(v).toLowerCase());
};
function jsonDependencies(v) {
  if (!v) return [];
  if (Array.isArray(v)) {
    return v.flatMap((d) => {
      if (typeof d === "string") return [{ name: d }];
      const o = d;
      if (typeof o.name !== "string") return [];
      return [
        { name: o.name, ...typeof o.owner === "string" ? { owner: o.owner } : {}, ...o.version ? { version: String(o.version) } : {} }
      ];
    });
  }
  if (typeof v === "object") {
    return Object.entries(v).map(([key, version]) => {
      const slash = key.indexOf("/");
      const dep = slash > 0 ? { owner: key.slice(0, slash), name: key.slice(slash + 1) } : { name: key };
      return { ...dep, ...version ? { version: String(version) } : {} };
    });
  }
  return [];
}
function readJson(root) {
  const path = join(root, "library.json");
  let data;
  try {
    data = JSON.parse(readFileSync2(path, "utf8"));
    if (typeof data !== "object" || data === null || Array.isArray(data)) throw new Error("not an object");
  } catch (e) {
    return { kind: "none", dependencies: [], build: {}, warning: `ignoring broken library manifest ${path}: ${e.message}` };
  }
  const build = data.build ?? {};
  const str = (x) => typeof x === "string" ? x : void 0;
  const m = { kind: "library.json", dependencies: jsonDependencies(data.dependencies), build: {} };
  const set = (k, val) => {
    if (val !== void 0) m[k] = val;
  };
  set("name", str(data.name));
  set("version", data.version === void 0 ? void 0 : String(data.version));
  set("owner", str(data.owner));
  set("frameworks", list(data.frameworks));
  set("platforms", list(data.platforms));
  const b = {};
  if (str(build.srcDir)) b.srcDir = str(build.srcDir);
  if (str(build.includeDir)) b.includeDir = str(build.includeDir);
  const filter = filterItems(build.srcFilter);
  if (filter) b.srcFilter = filter;
  const flags = words(build.flags);
  if (flags) b.flags = flags;
  const unflags = words(build.unflags);
  if (unflags) b.unflags = unflags;
  const archive = bool(build.libArchive);
  if (archive !== void 0) b.libArchive = archive;
  if (str(build.libLDFMode)) b.libLDFMode = str(build.libLDFMode);
  if (str(build.libCompatMode)) b.libCompatMode = str(build.libCompatMode);
  m.build = b;
  return m;
}
function readProperties(root) {
  const props = {};
  for (const line of readFileSync2(join(root, "library.properties"), "utf8").split(/\r?\n/)) {
    const eq = line.indexOf("=");
    if (eq > 0 && !line.trimStart().startsWith("#")) props[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  const m = { kind: "library.properties", dependencies: [], build: {} };
  if (props.name) m.name = props.name;
  if (props.version) m.version = props.version;
  const archs = list(props.architectures);
  if (archs) m.platforms = archs.map((a) => ARCH_TO_PLATFORM[a.toLowerCase()] ?? a.toLowerCase());
  m.dependencies = (list(props.depends) ?? []).map((d) => {
    const v = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(d);
    return v ? { name: v[1], version: v[2].replace(/\s+/g, "") } : { name: d };
  });
  if (props.precompiled) m.precompiled = props.precompiled;
  return m;
}
function readLibraryManifest(root) {
  const m = existsSync2(join(root, "library.json")) ? readJson(root) : existsSync2(join(root, "library.properties")) ? readProperties(root) : { kind: "none", dependencies: [], build: {} };
  for (const piopm of [join(root, ".piopm"), join(root, ".git", ".piopm")]) {
    if (!existsSync2(piopm)) continue;
    try {
      const meta = JSON.parse(readFileSync2(piopm, "utf8"));
      if (meta.spec?.owner) m.owner = meta.spec.owner;
      if (meta.spec?.uri) m.uri = meta.spec.uri;
      if (meta.version && !m.version) m.version = meta.version;
      if (meta.name && !m.name) m.name = meta.name;
    } catch {
    }
    break;
  }
  return m;
}
function compatible(declared, ours) {
  return !declared || declared.length === 0 || declared.includes("*") || declared.map((d) => d.toLowerCase()).includes(ours.toLowerCase());
}

// server/project/sourceFilter.ts
import { readdirSync, statSync } from "node:fs";
import { join as join2, relative, sep } from "node:path";
var SOURCE_EXTENSIONS = [".c", ".cpp", ".cc", ".cxx", ".S"];
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", ".svn", ".fbuild", ".pio"]);
var MAX_DEPTH = 24;
function listFiles(dir) {
  const out = [];
  const walk = (d, depth) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      let isDir2 = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(join2(d, e.name));
          isDir2 = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir2) {
        if (!SKIP_DIRS.has(e.name) && depth < MAX_DEPTH) walk(join2(d, e.name), depth + 1);
      } else if (isFile) out.push(relative(dir, join2(d, e.name)).split(sep).join("/"));
    }
  };
  walk(dir, 0);
  return out.sort();
}
function patternMatcher(pattern) {
  const pat = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  if (pat === "" || pat === ".") return () => true;
  const segments = pat.split("/");
  let re = "";
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === "**") re += last ? ".*" : "(?:[^/]+/)*";
    else re += segmentRegExp(seg).source.slice(1, -1) + (last ? "" : "/");
  });
  const exact = new RegExp(`^${re}(?:/.*)?$`);
  return (file) => exact.test(file);
}
function applySrcFilter(files, filter) {
  const rules = (filter.length ? filter : ["+<*>"]).flatMap((tok) => [...tok.matchAll(/([+-])<([^>]*)>/g)]).map((m) => ({ include: m[1] === "+", test: patternMatcher(m[2]) }));
  return files.filter((f) => {
    let included = false;
    for (const r of rules) if (r.test(f)) included = r.include;
    return included;
  });
}

// server/project/libraries.ts
var LIBRARY_FILTER = ["+<*>", "-<.git/>", "-<.svn/>", "-<example/>", "-<examples/>", "-<test/>", "-<tests/>"];
var HEADER = /\.(h|hh|hpp)$/;
var BUILD_EXTENSIONS = SOURCE_EXTENSIONS;
var isSource = (f) => BUILD_EXTENSIONS.some((e) => f.endsWith(e));
var isDir = (p) => {
  try {
    return statSync2(p).isDirectory();
  } catch {
    return false;
  }
};
function builderKind(root, manifest) {
  if (manifest.kind === "library.json") return "platformio";
  if (manifest.kind === "library.properties" || existsSync3(join3(root, "keywords.txt"))) return "arduino";
  const arduinoInclude = /^#include\s+(<|")Arduino\.h(>|")/m;
  for (const f of listFiles(root)) {
    if (!isSource(f) && !HEADER.test(f)) continue;
    let text;
    try {
      text = readFileSync3(join3(root, f), "latin1");
    } catch {
      continue;
    }
    if (text.includes("Arduino.h") && arduinoInclude.test(text)) return "arduino";
  }
  return "unknown";
}
function readLibrary(dir, origin, env) {
  const root = realpathSync(dir);
  const manifest = readLibraryManifest(root);
  const kind = builderKind(root, manifest);
  const sub = (name) => isDir(join3(root, name)) ? join3(root, name) : void 0;
  const hasSrc = sub("src") !== void 0;
  const build = manifest.build;
  let includeDir;
  let srcDir;
  let filter;
  const extraIncludes = [];
  const arduinoFilter = () => {
    if (hasSrc) return LIBRARY_FILTER;
    const utility = sub("utility") !== void 0;
    return ["c", "cpp", "cc", "cxx", "S", "h", "hpp"].flatMap((ext) => [`+<*.${ext}>`, ...utility ? [`+<utility/*.${ext}>`] : []]);
  };
  if (kind === "arduino") {
    includeDir = hasSrc && sub("include") ? sub("include") : void 0;
    srcDir = sub("src") ?? root;
    filter = arduinoFilter();
    if (!hasSrc && sub("utility")) extraIncludes.push(sub("utility"));
  } else {
    includeDir = build.includeDir ? resolve2(root, build.includeDir) : sub("include") ?? sub("Include");
    srcDir = build.srcDir ? resolve2(root, build.srcDir) : sub("src") ?? sub("Src") ?? root;
    filter = build.srcFilter ?? (kind === "platformio" && existsSync3(join3(root, "library.properties")) ? arduinoFilter() : LIBRARY_FILTER);
    if (kind === "platformio" && !manifest.build.srcDir && !hasSrc && existsSync3(join3(root, "library.properties")) && sub("utility")) {
      extraIncludes.push(sub("utility"));
    }
  }
  const flags = build.flags ?? [];
  for (const f of flags) if (f.startsWith("-I") && f.length > 2) extraIncludes.push(resolve2(root, f.slice(2)));
  const files = applySrcFilter(listFiles(srcDir), filter);
  const lib = {
    name: manifest.name ?? basename2(dir),
    root,
    includeDirs: [...includeDir ? [includeDir] : [], srcDir, ...extraIncludes],
    srcDir,
    sources: files.filter(isSource).map((f) => join3(srcDir, f)),
    // -I and -L relative to the library, as PlatformIO's ParseFlagsExtended makes them (run in the library's dir).
    flags: flags.map((f) => /^-[IL]./.test(f) ? `${f.slice(0, 2)}${resolve2(root, f.slice(2))}` : f),
    unflags: build.unflags ?? [],
    // The env's lib_archive, when set, wins over the library's own libArchive.
    archive: env.libArchiveSet ? env.libArchive : build.libArchive ?? env.libArchive,
    origin,
    manifest
  };
  if (manifest.version !== void 0) lib.version = manifest.version;
  if (manifest.owner !== void 0) lib.owner = manifest.owner;
  return lib;
}
function librariesIn(dir, origin, env) {
  let names;
  try {
    names = readdirSync2(dir).sort();
  } catch {
    return [];
  }
  return names.filter((n) => !n.startsWith(".") && n !== "__cores__" && isDir(join3(dir, n))).map((n) => readLibrary(join3(dir, n), origin, env));
}
function resolveLibraries(opts) {
  const { env, projectDir } = opts;
  const notices = [];
  const ignore = new Set(env.libIgnore);
  let mode = env.libLdfMode;
  if (mode.endsWith("+")) {
    notices.push(`lib_ldf_mode = ${mode}: fbuild does not evaluate #if conditions; libraries are found as in ${mode.slice(0, -1)} mode`);
    mode = mode.slice(0, -1);
  }
  const storages = [
    ...env.libExtraDirs.map((d) => [d, "project"]),
    [opts.dirs.lib, "project"],
    [join3(opts.dirs.libdeps, env.name), "lib_deps"],
    ...opts.frameworkLibrariesDir ? [[opts.frameworkLibrariesDir, "framework"]] : []
  ];
  const seen = /* @__PURE__ */ new Set();
  const candidates = [];
  const admit = (lib) => {
    if (seen.has(lib.root)) return true;
    seen.add(lib.root);
    if (ignore.has(lib.name) || ignore.has(basename2(lib.root))) return false;
    const why = incompatibility(lib, env, opts);
    if (why) {
      if (lib.origin !== "framework")
        notices.push(`skipping library ${lib.name} (${relativeTo(projectDir, lib.root)}): ${why} (lib_compat_mode = ${env.libCompatMode})`);
      return false;
    }
    candidates.push(lib);
    return true;
  };
  for (const [dir, origin] of storages) for (const lib of librariesIn(dir, origin, env)) admit(lib);
  const used = /* @__PURE__ */ new Map();
  const queue = [];
  const use = (lib) => {
    if (used.has(lib.root)) return;
    used.set(lib.root, lib);
    queue.push(...lib.sources);
    if (mode === "deep")
      queue.push(
        ...listFiles(lib.srcDir).filter((f) => HEADER.test(f)).map((f) => join3(lib.srcDir, f))
      );
    for (const dep of lib.manifest.kind === "library.json" ? lib.manifest.dependencies : []) {
      const found = findLibrary(candidates, dep);
      if (found) use(found);
      else if (!ignore.has(dep.name))
        notices.push(`library ${lib.name} depends on ${dep.owner ? `${dep.owner}/` : ""}${dep.name}, which is not installed; ignored`);
    }
  };
  for (const raw of env.libDeps) {
    const spec = parseLibDep(raw, projectDir);
    const lib = satisfy(spec, candidates, opts, admit, ignore);
    if (lib) use(lib);
  }
  if (mode !== "off") {
    queue.unshift(...opts.projectFiles);
    const scanned = /* @__PURE__ */ new Set();
    while (queue.length) {
      const file = queue.shift();
      if (scanned.has(file)) continue;
      scanned.add(file);
      for (const inc of scanIncludes(file)) {
        const local = [dirname(file), ...opts.projectIncludeDirs].map((d) => join3(d, inc)).find((p) => existsSync3(p));
        if (local) {
          queue.push(local, ...sameNamedSources(local));
          continue;
        }
        const owner = [...used.values(), ...candidates].find((l) => l.includeDirs.some((d) => existsSync3(join3(d, inc))));
        if (!owner) continue;
        use(owner);
        const header = owner.includeDirs.map((d) => join3(d, inc)).find((p) => existsSync3(p));
        queue.push(header, ...sameNamedSources(header));
      }
    }
  }
  return { libraries: [...used.values()], notices };
}
function sameNamedSources(header) {
  if (!HEADER.test(header)) return [];
  const stem = header.slice(0, header.lastIndexOf("."));
  return [".c", ".cpp", ".cc", ".cxx"].map((e) => stem + e).filter((p) => existsSync3(p));
}
function incompatibility(lib, env, opts) {
  const mode = lib.manifest.build.libCompatMode ?? env.libCompatMode;
  if (mode === "off") return void 0;
  if (opts.framework && lib.manifest.kind === "library.json" && !compatible(lib.manifest.frameworks, opts.framework)) {
    return `its frameworks are ${lib.manifest.frameworks.join(", ")}, not ${opts.framework}`;
  }
  if (opts.platform && !compatible(lib.manifest.platforms, opts.platform)) {
    const what = lib.manifest.kind === "library.properties" ? "architectures" : "platforms";
    return `its ${what} (${lib.manifest.platforms.join(", ")}) exclude ${opts.platform}`;
  }
  return void 0;
}
var sameName = (a, b) => a !== void 0 && b !== void 0 && a.toLowerCase() === b.toLowerCase();
function findLibrary(candidates, dep) {
  return candidates.find(
    (l) => (sameName(l.name, dep.name) || sameName(basename2(l.root), dep.name)) && (!dep.owner || !l.owner || sameName(l.owner, dep.owner)) && (!dep.version || satisfiesSafely(l.version, dep.version))
  );
}
function satisfiesSafely(version, req) {
  try {
    return satisfiesRequirement(version, req);
  } catch {
    return false;
  }
}
function satisfy(spec, candidates, opts, admit, ignore) {
  const where = `${relativeTo(opts.projectDir, opts.dirs.lib)}/, ${relativeTo(opts.projectDir, join3(opts.dirs.libdeps, opts.env.name))}/`;
  const notInstalled = (detail) => new UserError(`lib_deps: ${spec.raw} is not installed (${detail}); put it in ${where} or lib_extra_dirs`);
  const kind = libDepKind(spec);
  if (kind === "local") {
    const path = localPath(spec, opts.projectDir);
    if (!isDir(path)) throw new UserError(`lib_deps: ${spec.raw}: ${path} is not a directory; fix the path in platformio.ini`);
    const lib = readLibrary(path, "lib_deps", opts.env);
    const existing = candidates.find((l) => l.root === lib.root);
    if (existing) return existing;
    return admit(lib) ? lib : void 0;
  }
  if (kind === "vcs" || kind === "archive") {
    const installed = candidates.find((l) => l.manifest.uri === spec.uri || l.manifest.uri === spec.uri?.replace(/^git\+/, ""));
    if (installed) return installed;
    throw notInstalled(`no library installed from ${spec.uri}`);
  }
  if (kind === "id") throw notInstalled(`registry id ${spec.id}`);
  const name = spec.name;
  if (ignore.has(name)) return void 0;
  if (spec.requirements) {
    try {
      satisfiesRequirement("0.0.0", spec.requirements);
    } catch (e) {
      if (e instanceof RequirementError)
        throw new UserError(`lib_deps: ${spec.raw}: ${e.message}; write a requirement like ^1.2.3 or >=1.0,<2`);
      throw e;
    }
  }
  const dep = { name, ...spec.owner ? { owner: spec.owner } : {}, ...spec.requirements ? { version: spec.requirements } : {} };
  const found = findLibrary(candidates, dep);
  if (found) return found;
  const byName = candidates.find((l) => sameName(l.name, name) || sameName(basename2(l.root), name));
  if (byName && spec.requirements) {
    throw notInstalled(
      `${relativeTo(opts.projectDir, byName.root)} is version ${byName.version ?? "unknown"}, outside ${spec.requirements}`
    );
  }
  if (byName) throw notInstalled(`${relativeTo(opts.projectDir, byName.root)} belongs to ${byName.owner}, not ${spec.owner}`);
  throw notInstalled(`no library named ${name} in ${where} or the framework`);
}
function relativeTo(projectDir, p) {
  const r = relative2(projectDir, p);
  return r === "" ? "." : r.startsWith("..") || isAbsolute(r) ? p : r;
}

// server/project/libdeps/gitCheckout.ts
import { spawnSync } from "node:child_process";
function gitSource(uri) {
  let url = uri.replace(/^git\+/, "");
  let ref;
  const hash = url.lastIndexOf("#");
  if (hash >= 0) {
    ref = url.slice(hash + 1) || void 0;
    url = url.slice(0, hash);
  }
  return { url, ...ref ? { ref } : {} };
}
var isCommitId = (ref) => ref !== void 0 && /^[0-9a-f]{7,}$/.test(ref);
function git(args, cwd) {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
  if (r.error) throw new Error(`git could not run (${r.error.code}); install git`);
  if (r.status !== 0) {
    const why = (r.stderr || "").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("hint:")).at(-1) ?? `exit ${r.status}`;
    throw new Error(`git ${args[0]} failed: ${why}`);
  }
  return r.stdout.trim();
}
function gitExport(source, into) {
  const commit = isCommitId(source.ref);
  const args = ["clone", "--recursive", "--quiet"];
  if (!commit) args.push("--depth", "1", ...source.ref ? ["--branch", source.ref] : []);
  git([...args, source.url, into]);
  if (commit) {
    git(["reset", "--quiet", "--hard", source.ref], into);
    git(["submodule", "update", "--init", "--recursive", "--force"], into);
  }
  return git(["rev-parse", "--short", "HEAD"], into);
}

// server/project/libdeps/piopm.ts
import { existsSync as existsSync4, readFileSync as readFileSync4, writeFileSync } from "node:fs";
import { join as join4 } from "node:path";
var PIOPM = ".piopm";
function pythonJson(value) {
  if (value === null || value === void 0) return "null";
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value).map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(", ")}}`;
  }
  if (typeof value === "string")
    return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return JSON.stringify(value);
}
function piopmText(meta) {
  const spec = meta.spec && {
    owner: meta.spec.owner,
    id: meta.spec.id,
    name: meta.spec.name,
    requirements: meta.spec.requirements,
    uri: meta.spec.uri
  };
  return pythonJson({ type: meta.type, name: meta.name, version: meta.version, spec });
}
function piopmPath(pkgDir) {
  for (const vcs of [".git", ".hg", ".svn"]) if (existsSync4(join4(pkgDir, vcs))) return join4(pkgDir, vcs, PIOPM);
  return join4(pkgDir, PIOPM);
}
function writePiopm(pkgDir, meta) {
  writeFileSync(piopmPath(pkgDir), piopmText(meta));
}
function readPiopm(pkgDir) {
  for (const dir of [".git", ".hg", ".svn", "."]) {
    const path = join4(pkgDir, dir, PIOPM);
    if (!existsSync4(path)) continue;
    try {
      const data = JSON.parse(readFileSync4(path, "utf8"));
      if (data.spec && data.spec.url !== void 0 && data.spec.uri === void 0) data.spec.uri = data.spec.url;
      return data;
    } catch {
      return void 0;
    }
  }
  return void 0;
}
var safeDirname = (name) => name.replace(/[^\da-z_\-. ]/gi, "_");

// server/project/libdeps/registryClient.ts
var import_undici = __toESM(require_undici(), 1);
var import_semver = __toESM(require_semver(), 1);
var DEFAULT_REGISTRY_URL = "https://api.registry.platformio.org";
function systemType(platform = process.platform, arch = process.arch, env = process.env) {
  if (env.PLATFORMIO_SYSTEM_TYPE) return env.PLATFORMIO_SYSTEM_TYPE;
  const system = platform === "win32" ? "windows" : platform;
  const machine = platform === "win32" ? { x64: "amd64", ia32: "x86", arm64: "arm64" }[arch] ?? arch : { x64: "x86_64", arm64: platform === "darwin" ? "arm64" : "aarch64", arm: "armv7l", ia32: "i686" }[arch] ?? arch;
  return `${system}_${machine}`;
}
function isSystemCompatible(system, systype) {
  const list2 = system === void 0 || system === null ? [] : Array.isArray(system) ? system : String(system).split(",").map((s) => s.trim());
  if (list2.length === 0 || list2.every((s) => s === "") || list2.includes("*")) return true;
  return list2.includes(systype);
}
var requirementHolds = (version, requirements) => !requirements || satisfiesRequirement(version, requirements);
function pickBestVersion(versions, requirements, systype) {
  let best;
  for (const v of versions) {
    const cast = castVersion(v.name);
    if (!cast || !requirementHolds(v.name, requirements)) continue;
    if (!v.files.some((f) => isSystemCompatible(f.system, systype))) continue;
    if (!best || import_semver.default.gt(cast, best.semver)) best = { v, semver: cast };
  }
  return best?.v;
}
function pickFile(version, systype) {
  return version.files.find((f) => isSystemCompatible(f.system, systype));
}
var RegistryClient = class {
  constructor(opts = {}) {
    this.opts = opts;
    this.apiUrl = (opts.apiUrl ?? DEFAULT_REGISTRY_URL).replace(/\/+$/, "");
  }
  opts;
  apiUrl;
  plain = new import_undici.Agent();
  /** `GET /v3/packages/{owner}/library/{name}`; undefined when the registry has no such package. */
  async getPackage(owner, name) {
    const path = `/v3/packages/${encodeURIComponent(owner.toLowerCase())}/library/${encodeURIComponent(name.toLowerCase())}`;
    return await this.getJson(path) ?? void 0;
  }
  /** `GET /v3/search?query=type:"library" name:"x"` (or `id:"N"`): the items, best match first. */
  async search(q) {
    const terms = q.id !== void 0 ? [`id:"${q.id}"`] : ['type:"library"', `name:"${q.name.toLowerCase()}"`, ...q.owner ? [`owner:"${q.owner.toLowerCase()}"`] : []];
    const answer = await this.getJson(`/v3/search?query=${encodeURIComponent(terms.join(" "))}`);
    return answer?.items ?? [];
  }
  /**
   * What a spec resolves to, as PlatformIO's install_from_registry picks it: by owner and name the
   * package's versions; otherwise a search, then for each package found its latest version, or
   * (when that is outside the requirement) all its versions. Undefined when nothing fits.
   */
  async choose(q, systype = systemType()) {
    const withFile = (pkg, version) => {
      const file = version && pickFile(version, systype);
      return version && file ? { package: pkg, version, file } : void 0;
    };
    if (q.owner && q.name) {
      const pkg = await this.getPackage(q.owner, q.name);
      return pkg ? withFile(pkg, pickBestVersion(pkg.versions ?? [], q.requirements, systype)) : void 0;
    }
    for (const item of await this.search(q)) {
      const latest = item.version ? pickBestVersion([item.version], q.requirements, systype) : void 0;
      if (latest) return withFile(item, latest);
      const full = await this.getPackage(item.owner.username, item.name);
      const chosen = full && withFile(full, pickBestVersion(full.versions ?? [], q.requirements, systype));
      if (chosen) return chosen;
    }
    return void 0;
  }
  /**
   * The registry's download protocol: `HEAD download_url` without following redirects answers
   * 302/307 with the mirror's `Location` and the file's `X-PIO-Content-SHA256`. A server that
   * answers the HEAD with 200 serves the file itself. The checksum from the header wins over the
   * API's, as in PlatformIO.
   */
  async downloadLocation(file) {
    return withRetries(async () => {
      const res = await this.send(file.download_url, "HEAD");
      await res.body.dump().catch(() => void 0);
      const header = (name) => {
        const v = res.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const apiSha = file.checksum?.sha256;
      if (res.statusCode === 302 || res.statusCode === 307 || res.statusCode === 301 || res.statusCode === 303) {
        const location = header("location");
        if (!location) throw new DownloadError(`the registry's redirect for ${file.download_url} has no Location`, true);
        return { url: new URL(location, file.download_url).toString(), sha256: header("x-pio-content-sha256") ?? apiSha };
      }
      if (res.statusCode === 200) return { url: file.download_url, sha256: apiSha };
      throw new DownloadError(`the server answered HTTP ${res.statusCode}`, !isRetryableStatus(res.statusCode));
    }, this.opts);
  }
  async getJson(path) {
    return withRetries(async () => {
      const res = await this.send(`${this.apiUrl}${path}`, "GET");
      if (res.statusCode === 404) {
        await res.body.dump().catch(() => void 0);
        return null;
      }
      if (res.statusCode !== 200) {
        await res.body.dump().catch(() => void 0);
        throw new DownloadError(`the registry answered HTTP ${res.statusCode}`, !isRetryableStatus(res.statusCode));
      }
      const text = await res.body.text();
      try {
        return JSON.parse(text);
      } catch {
        throw new DownloadError(`the registry answered something that is not JSON (${text.slice(0, 60).replace(/\s+/g, " ")})`, true);
      }
    }, this.opts);
  }
  async send(url, method) {
    const timeout = this.opts.timeoutMs ?? 3e4;
    try {
      return await (0, import_undici.request)(url, { method, dispatcher: this.plain, headersTimeout: timeout, bodyTimeout: timeout });
    } catch (e) {
      throw new Error(`could not reach ${new URL(url).host} (${e.message})`, { cause: e });
    }
  }
  async close() {
    await this.plain.close();
  }
};

// server/project/libdeps/installLibDeps.ts
var INTEGRITY = "integrity.dat";
var libDepsDir = (dirs, env) => join5(dirs.libdeps, env);
var offlineFromEnv = (env) => /^(1|true|yes|on)$/i.test(env.FBUILD_OFFLINE ?? "");
var NotFound = class extends UserError {
};
async function installLibDeps(opts) {
  const { env, projectDir } = opts;
  const storage = libDepsDir(opts.dirs, env.name);
  const specs = env.libDeps.map((raw) => parseLibDep(raw, projectDir));
  uninstallRemoved(storage, env, opts);
  if (specs.length === 0) return [];
  const installer = new Installer(opts, storage);
  try {
    for (const spec of specs) await installer.ensure(spec, void 0);
  } finally {
    await installer.close();
  }
  if (existsSync5(storage)) writeFileSync2(join5(storage, INTEGRITY), env.libDeps.join("\n"));
  return installer.resolvedList();
}
var Installer = class {
  constructor(opts, storage) {
    this.opts = opts;
    this.storage = storage;
  }
  opts;
  storage;
  resolved = /* @__PURE__ */ new Map();
  visited = /* @__PURE__ */ new Set();
  registry;
  candidates;
  resolvedList() {
    return [...this.resolved.values()];
  }
  async close() {
    await this.registry?.close();
  }
  /** Every library on disk a spec could be satisfied by, in the dependency finder's order. */
  libraries() {
    const { env, dirs } = this.opts;
    this.candidates ??= [
      ...env.libExtraDirs.flatMap((d) => librariesIn(d, "project", env)),
      ...librariesIn(dirs.lib, "project", env),
      ...librariesIn(this.storage, "lib_deps", env),
      ...this.opts.frameworkLibrariesDir ? librariesIn(this.opts.frameworkLibrariesDir, "framework", env) : []
    ];
    return this.candidates;
  }
  /** The library on disk that satisfies `spec`, as the dependency finder will choose it. */
  installed(spec) {
    const kind = libDepKind(spec);
    if (kind === "vcs" || kind === "archive") return this.libraries().find((l) => l.manifest.uri === spec.uri);
    if (kind === "id") return this.libraries().find((l) => readPiopm(l.root)?.spec?.id === spec.id);
    return findLibrary(this.libraries(), {
      name: spec.name,
      ...spec.owner ? { owner: spec.owner } : {},
      ...spec.requirements ? { version: spec.requirements } : {}
    });
  }
  /** Makes sure `spec` is satisfied, installing it if needed, then its dependencies. `dependent` names the library that needs it. */
  async ensure(spec, dependent) {
    const key = JSON.stringify([spec.owner, spec.id, spec.name?.toLowerCase(), spec.requirements, spec.uri]);
    if (this.visited.has(key)) return;
    this.visited.add(key);
    const kind = libDepKind(spec);
    if (kind === "local") {
      const path = localPath(spec, this.opts.projectDir);
      if (!existsSync5(path) || !statSync3(path).isDirectory()) return;
      const lib2 = readLibrary(path, "lib_deps", this.opts.env);
      this.record(lib2, spec.uri);
      return this.ensureDependencies(lib2);
    }
    if (spec.requirements) checkRequirement(spec);
    let lib = this.installed(spec);
    if (!lib) {
      if (this.opts.offline) {
        const detail = [...dependent ? [`needed by ${dependent}`] : [], ...this.nearMiss(spec) ?? []];
        throw new UserError(
          `lib_deps: ${spec.raw} is not installed${detail.length ? ` (${detail.join("; ")})` : ""}; downloads are off (--offline or FBUILD_OFFLINE=1): build once online or restore ${this.rel(this.storage)}`
        );
      }
      try {
        lib = await this.install(spec);
      } catch (e) {
        if (e instanceof NotFound && dependent) {
          this.opts.onEvent?.({ type: "warning", message: `library ${dependent} depends on ${spec.raw}: ${e.message}; ignored` });
          return;
        }
        throw e;
      }
    }
    this.record(lib);
    await this.ensureDependencies(lib);
  }
  /** A library of that name on disk that does not satisfy the spec, said in the offline error. */
  nearMiss(spec) {
    const lib = spec.name ? this.libraries().find((l) => sameName2(l.name, spec.name) || sameName2(basename3(l.root), spec.name)) : void 0;
    if (!lib) return void 0;
    if (spec.requirements) return [`${this.rel(lib.root)} is version ${lib.version ?? "unknown"}, outside ${spec.requirements}`];
    return lib.owner && spec.owner ? [`${this.rel(lib.root)} belongs to ${lib.owner}, not ${spec.owner}`] : void 0;
  }
  async ensureDependencies(lib) {
    const framework = this.opts.frameworkLibrariesDir;
    for (const dep of readLibraryManifest(lib.root).dependencies) {
      if (this.opts.env.libIgnore.includes(dep.name)) continue;
      const external = dep.version !== void 0 && /[:/]/.test(dep.version);
      const spec = external ? parseLibDep(`${dep.name}=${dep.version}`, lib.root) : {
        raw: `${dep.owner ? `${dep.owner}/` : ""}${dep.name}${dep.version ? `@${dep.version}` : ""}`,
        name: dep.name,
        ...dep.owner ? { owner: dep.owner } : {},
        ...dep.version && dep.version !== "*" ? { requirements: dep.version } : {}
      };
      if (!external && !dep.owner && framework && librariesIn(framework, "framework", this.opts.env).some((l) => sameName2(l.name, dep.name) || sameName2(basename3(l.root), dep.name))) {
        continue;
      }
      await this.ensure(spec, lib.name);
    }
  }
  record(lib, localSource) {
    if (this.resolved.has(lib.root)) return;
    const meta = readPiopm(lib.root);
    const source = localSource ?? sourceOf(meta) ?? (lib.origin === "framework" ? "framework" : this.rel(lib.root));
    this.resolved.set(lib.root, { name: meta?.name ?? lib.name, version: meta?.version ?? lib.version ?? "unknown", source });
  }
  rel(p) {
    const r = relative3(this.opts.projectDir, p);
    return r === "" ? "." : r.startsWith("..") || isAbsolute2(r) ? p : r.split("\\").join("/");
  }
  /** Downloads or clones `spec` into a temporary dir in the storage, then moves it into place with one rename. */
  async install(spec) {
    const created = mkdirSync(this.storage, { recursive: true });
    const work = join5(this.storage, `.fbuild-installing-${randomBytes(6).toString("hex")}`);
    mkdirSync(work);
    let done = false;
    try {
      const { root, meta } = await this.fetch(spec, work);
      if (spec.requirements && !satisfiesRequirement(meta.version, spec.requirements)) {
        throw new UserError(
          `lib_deps: ${spec.raw}: the downloaded library is version ${meta.version}, outside ${spec.requirements}; fix the requirement`
        );
      }
      writePiopm(root, meta);
      const dest = join5(this.storage, hasCustomName(spec) ? spec.name : safeDirname(meta.name));
      replaceDir(root, dest, work);
      this.candidates = void 0;
      const lib = readLibrary(dest, "lib_deps", this.opts.env);
      this.opts.onEvent?.({
        type: "library",
        action: "installed",
        library: { name: lib.name, version: meta.version, source: sourceOf(meta) }
      });
      done = true;
      return lib;
    } finally {
      rmSync(work, { recursive: true, force: true });
      if (!done && created) removeEmptyDirs(this.storage, created);
    }
  }
  /** The package, unpacked under `work`: its root and the metadata to record. */
  async fetch(spec, work) {
    const kind = libDepKind(spec);
    if (kind === "vcs") {
      if (!spec.uri.startsWith("git+"))
        throw new UserError(
          `lib_deps: ${spec.raw}: only git repositories are supported, not ${spec.uri.split("+")[0]}; use a git URL or an archive`
        );
      const into = join5(work, "checkout");
      let revision;
      try {
        revision = gitExport(gitSource(spec.uri), into);
      } catch (e) {
        throw new UserError(`lib_deps: ${spec.raw}: cannot clone ${gitSource(spec.uri).url}: ${e.message}`);
      }
      const root2 = packageRoot(into, spec);
      const m2 = readLibraryManifest(root2);
      return { root: root2, meta: metadata(spec, m2.name, `${m2.version ?? "0.0.0"}+sha.${revision}`, specRecord(spec)) };
    }
    if (kind === "archive") {
      const url = spec.uri;
      if (!/^https?:\/\//.test(url))
        throw new UserError(`lib_deps: ${spec.raw}: cannot install from ${url}; use an http(s) archive URL, a git URL or a path`);
      const root2 = await this.downloadAndExtract(spec, url, {}, work);
      const m2 = readLibraryManifest(root2);
      return { root: root2, meta: metadata(spec, m2.name, m2.version, specRecord(spec)) };
    }
    const registry = this.registry ??= new RegistryClient({
      retries: this.opts.retries ?? 3,
      backoffMs: this.opts.backoffMs ?? 500,
      ...this.opts.registry
    });
    const systype = this.opts.systype ?? systemType();
    const what = spec.owner ? `${spec.owner}/${spec.name}` : spec.id !== void 0 ? `id ${spec.id}` : spec.name;
    let choice;
    try {
      choice = await registry.choose({ ...spec }, systype);
    } catch (e) {
      throw new UserError(`lib_deps: ${spec.raw}: cannot ask the registry ${registry.apiUrl}: ${e.message}`);
    }
    if (!choice) {
      const inside = spec.requirements ? ` with a version inside ${spec.requirements}` : "";
      throw new NotFound(
        `lib_deps: ${spec.raw}: the registry ${registry.apiUrl} has no library ${what}${inside} for ${systype}; check the name and the version`
      );
    }
    let location;
    try {
      location = await registry.downloadLocation(choice.file);
    } catch (e) {
      throw new UserError(`lib_deps: ${spec.raw}: cannot download ${choice.file.download_url}: ${e.message}`);
    }
    const root = await this.downloadAndExtract(
      spec,
      location.url,
      { ...location.sha256 ? { sha256: location.sha256 } : {}, ...choice.file.size ? { size: choice.file.size } : {} },
      work
    );
    const pkg = choice.package;
    const m = readLibraryManifest(root);
    const record = { owner: pkg.owner.username, id: pkg.id, name: pkg.name, requirements: null, uri: null };
    return { root, meta: { type: "library", name: m.name ?? pkg.name, version: m.version ?? choice.version.name, spec: record } };
  }
  async downloadAndExtract(spec, url, expect, work) {
    const file = join5(work, "download");
    let last = 0;
    try {
      await downloadFile(url, file, {
        ...expect,
        retries: this.opts.retries ?? 3,
        backoffMs: this.opts.backoffMs ?? 500,
        ...this.opts.stallTimeoutMs ? { stallTimeoutMs: this.opts.stallTimeoutMs } : {},
        diskOf: this.storage,
        mismatchHint: "the file is not the one the registry published",
        onProgress: (received, total) => {
          const now = Date.now();
          if (now - last < 200 && received !== total) return;
          last = now;
          this.opts.onEvent?.({ type: "download", label: spec.name ?? spec.raw, received, ...total !== void 0 ? { total } : {} });
        }
      });
      return packageRoot(extractArchive(file, join5(work, "x")), spec);
    } catch (e) {
      throw new UserError(`lib_deps: ${spec.raw}: cannot install from ${url}: ${e.message}`);
    }
  }
};
var sameName2 = (a, b) => a !== void 0 && b !== void 0 && a.toLowerCase() === b.toLowerCase();
function checkRequirement(spec) {
  try {
    satisfiesRequirement("0.0.0", spec.requirements);
  } catch (e) {
    if (e instanceof RequirementError)
      throw new UserError(`lib_deps: ${spec.raw}: ${e.message}; write a requirement like ^1.2.3 or >=1.0,<2`);
    throw e;
  }
}
function hasCustomName(spec) {
  const raw = spec.raw.trim();
  const eq = raw.indexOf("=");
  return spec.uri !== void 0 && eq > 0 && !raw.startsWith("id=") && !raw.slice(0, eq).includes("/");
}
function specRecord(spec) {
  return {
    owner: spec.owner ?? null,
    id: spec.id ?? null,
    name: spec.name ?? null,
    requirements: spec.requirements ?? null,
    uri: spec.uri ?? null
  };
}
function metadata(spec, name, version, record) {
  return { type: "library", name: hasCustomName(spec) || !name ? spec.name : name, version: version ?? randomVersion(), spec: record };
}
function randomVersion() {
  const d = /* @__PURE__ */ new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `0.0.0+${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
function sourceOf(meta) {
  if (!meta?.spec) return void 0;
  if (meta.spec.uri) return meta.spec.uri;
  if (meta.spec.owner) return `registry:${meta.spec.owner}/${meta.spec.name ?? meta.name}`;
  return void 0;
}
var MANIFESTS = ["library.json", "library.properties", "module.json"];
function packageRoot(dir, spec) {
  const walk = function* (d) {
    const entries = readdirSync3(d, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1);
    const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    yield { dir: d, dirs, files: entries.filter((e) => e.isFile()).map((e) => e.name) };
    for (const sub of dirs) if (sub !== ".git") yield* walk(join5(d, sub));
  };
  for (const { dir: d, files } of walk(dir)) if (MANIFESTS.some((m) => files.includes(m))) return d;
  let root = dir;
  for (const { dir: d, dirs, files } of walk(dir)) {
    if (files.length === 0 && dirs.length === 1) continue;
    if (dirs.some((x) => ["include", "Include", "inc", "Inc", "src", "Src"].includes(x)) || files.some((f) => f === "CMakeLists.txt" || f === "conanfile.py")) {
      root = d;
      break;
    }
    if (files.some((f) => /\.(c|cpp|h|hpp|S)$/.test(f))) {
      root = d;
      break;
    }
  }
  writeFileSync2(join5(root, "library.json"), JSON.stringify({ name: spec.name, version: randomVersion() }, null, 2));
  return root;
}
function removeEmptyDirs(dir, top) {
  for (let d = dir; ; d = dirname2(d)) {
    try {
      if (readdirSync3(d).length) return;
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === top || dirname2(d) === d) return;
  }
}
function replaceDir(from, dest, work) {
  if (existsSync5(dest)) renameSync(dest, join5(work, "previous"));
  renameSync(from, dest);
}
function uninstallRemoved(storage, env, opts) {
  let previous;
  try {
    previous = readFileSync5(join5(storage, INTEGRITY), "utf8").split("\n").map((l) => l.trim()).filter(Boolean);
  } catch {
    return;
  }
  const current = new Set(env.libDeps);
  const removed = previous.filter((p) => !current.has(p));
  if (removed.length === 0 && previous.length === current.size) return;
  for (const raw of removed) removePackage(storage, parseLibDep(raw, opts.projectDir), opts, /* @__PURE__ */ new Set());
  writeFileSync2(join5(storage, INTEGRITY), env.libDeps.join("\n"));
}
function installedPackages(storage, spec) {
  let names;
  try {
    names = readdirSync3(storage);
  } catch {
    return [];
  }
  return names.filter((n) => !n.startsWith(".")).flatMap((n) => {
    const meta = readPiopm(join5(storage, n));
    return meta ? [{ dir: join5(storage, n), meta }] : [];
  }).filter(({ meta }) => {
    if (spec.id !== void 0 && spec.id !== meta.spec?.id) return false;
    if (spec.uri) return spec.uri === meta.spec?.uri;
    if (spec.owner && !sameName2(spec.owner, meta.spec?.owner ?? void 0)) return false;
    if (spec.id === void 0 && !sameName2(spec.name, meta.name)) return false;
    try {
      return !spec.requirements || satisfiesRequirement(meta.version, spec.requirements);
    } catch {
      return false;
    }
  });
}
function removePackage(storage, spec, opts, seen) {
  for (const { dir, meta } of installedPackages(storage, spec)) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    for (const dep of readLibraryManifest(dir).dependencies) {
      removePackage(storage, { raw: dep.name, name: dep.name, ...dep.owner ? { owner: dep.owner } : {} }, opts, seen);
    }
    rmSync(dir, { recursive: true, force: true });
    opts.onEvent?.({
      type: "library",
      action: "removed",
      library: { name: meta.name, version: meta.version, source: sourceOf(meta) ?? dir }
    });
  }
}

export {
  SOURCE_EXTENSIONS,
  listFiles,
  applySrcFilter,
  parseLibDep,
  libDepKind,
  resolveLibraries,
  systemType,
  libDepsDir,
  offlineFromEnv,
  installLibDeps
};

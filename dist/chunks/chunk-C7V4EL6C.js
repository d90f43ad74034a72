import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  RegistryClient,
  systemType
} from "./chunk-4L4JXF2I.js";
import {
  redact,
  splitUrlCredentials
} from "./chunk-XGHPZKIT.js";
import {
  SOURCE_EXTENSIONS,
  applySrcFilter,
  listFiles
} from "./chunk-RYCVMSYB.js";
import {
  archiveKind,
  downloadFile
} from "./chunk-DCQF6WKC.js";
import {
  compatible,
  readLibraryManifest
} from "./chunk-3ZKWZ7A5.js";
import {
  RequirementError,
  satisfiesRequirement
} from "./chunk-IK4PVOP5.js";
import {
  formatByteSize,
  parseByteSize
} from "./chunk-4RDXSJGU.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

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

// server/project/libdeps/installLibDeps.ts
import { randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync as existsSync5,
  lstatSync as lstatSync2,
  mkdirSync as mkdirSync2,
  readdirSync as readdirSync4,
  readFileSync as readFileSync4,
  readlinkSync as readlinkSync2,
  renameSync,
  rmdirSync,
  rmSync,
  statSync as statSync3,
  writeFileSync as writeFileSync2
} from "node:fs";
import { basename as basename4, dirname as dirname4, isAbsolute as isAbsolute3, join as join4, relative as relative3, sep as sep2 } from "node:path";

// server/project/libraries.ts
import { existsSync as existsSync3, readdirSync as readdirSync2, readFileSync as readFileSync2, realpathSync, statSync } from "node:fs";
import { basename as basename3, dirname as dirname2, isAbsolute, join, relative, resolve as resolve2 } from "node:path";

// server/util/dirListings.ts
import { existsSync as existsSync2, readdirSync } from "node:fs";
import { basename as basename2, dirname } from "node:path";
var LISTINGS_ANSWER = process.platform === "linux";
var DirListings = class {
  names = /* @__PURE__ */ new Map();
  exists(path) {
    if (!LISTINGS_ANSWER) return existsSync2(path);
    const dir = dirname(path);
    let names = this.names.get(dir);
    if (names === void 0) {
      try {
        names = new Set(readdirSync(dir));
      } catch {
        names = null;
      }
      this.names.set(dir, names);
    }
    return names !== null && names.has(basename2(path)) && existsSync2(path);
  }
};

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

// server/project/libraries.ts
var LIBRARY_FILTER = ["+<*>", "-<.git/>", "-<.svn/>", "-<example/>", "-<examples/>", "-<test/>", "-<tests/>"];
var HEADER = /\.(h|hh|hpp)$/;
var BUILD_EXTENSIONS = SOURCE_EXTENSIONS;
var isSource = (f) => BUILD_EXTENSIONS.some((e) => f.endsWith(e));
var isDir = (p) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};
function builderKind(root, manifest) {
  if (manifest.kind === "library.json") return "platformio";
  if (manifest.kind === "library.properties" || existsSync3(join(root, "keywords.txt"))) return "arduino";
  const arduinoInclude = /^#include\s+(<|")Arduino\.h(>|")/m;
  for (const f of listFiles(root)) {
    if (!isSource(f) && !HEADER.test(f)) continue;
    let text;
    try {
      text = readFileSync2(join(root, f), "latin1");
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
  const sub = (name) => isDir(join(root, name)) ? join(root, name) : void 0;
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
    filter = build.srcFilter ?? (kind === "platformio" && existsSync3(join(root, "library.properties")) ? arduinoFilter() : LIBRARY_FILTER);
    if (kind === "platformio" && !manifest.build.srcDir && !hasSrc && existsSync3(join(root, "library.properties")) && sub("utility")) {
      extraIncludes.push(sub("utility"));
    }
  }
  const flags = build.flags ?? [];
  for (const f of flags) if (f.startsWith("-I") && f.length > 2) extraIncludes.push(resolve2(root, f.slice(2)));
  const files = applySrcFilter(listFiles(srcDir), filter);
  const lib = {
    name: manifest.name ?? basename3(dir),
    root,
    includeDirs: [...includeDir ? [includeDir] : [], srcDir, ...extraIncludes],
    srcDir,
    sources: files.filter(isSource).map((f) => join(srcDir, f)),
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
  return names.flatMap((n) => {
    if (n.startsWith(".") || n === "__cores__") return [];
    const path = n.endsWith(".pio-link") ? pioLinkTarget(join(dir, n)) : join(dir, n);
    return path && isDir(path) ? [readLibrary(path, origin, env)] : [];
  });
}
function pioLinkTarget(file) {
  try {
    const data = JSON.parse(readFileSync2(file, "utf8"));
    const uri = data.spec?.uri;
    if (!uri?.startsWith("symlink://")) return void 0;
    return resolve2(data.cwd ?? dirname2(file), uri.slice("symlink://".length));
  } catch {
    return void 0;
  }
}
function resolveLibraries(opts) {
  try {
    const found = findLibraries(opts);
    return { ...found, notices: found.notices.map(redact) };
  } catch (e) {
    if (e instanceof Error) e.message = redact(e.message);
    throw e;
  }
}
function findLibraries(opts) {
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
    [join(opts.dirs.libdeps, env.name), "lib_deps"],
    ...opts.frameworkLibrariesDir ? [[opts.frameworkLibrariesDir, "framework"]] : []
  ];
  const onDisk = [];
  const admitted = /* @__PURE__ */ new Map();
  const candidates = [];
  const admit = (lib) => {
    const known = admitted.get(lib.root);
    if (known !== void 0) return known;
    const ok = admissible(lib);
    admitted.set(lib.root, ok);
    if (ok) candidates.push(lib);
    return ok;
  };
  const admissible = (lib) => {
    if (ignore.has(lib.name) || ignore.has(basename3(lib.root))) return false;
    const why = incompatibility(lib, env, opts);
    if (why) {
      if (lib.origin !== "framework")
        notices.push(`skipping library ${lib.name} (${relativeTo(projectDir, lib.root)}): ${why} (lib_compat_mode = ${env.libCompatMode})`);
      return false;
    }
    return true;
  };
  for (const [dir, origin] of storages) {
    for (const lib of librariesIn(dir, origin, env)) {
      onDisk.push(lib);
      admit(lib);
    }
  }
  const used = /* @__PURE__ */ new Map();
  const queue = [];
  const use = (lib) => {
    if (used.has(lib.root)) return;
    used.set(lib.root, lib);
    queue.push(...lib.sources);
    if (mode === "deep")
      queue.push(
        ...listFiles(lib.srcDir).filter((f) => HEADER.test(f)).map((f) => join(lib.srcDir, f))
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
    const lib = satisfy(spec, candidates, onDisk, opts, admit, ignore);
    if (lib) use(lib);
  }
  if (mode !== "off") {
    queue.unshift(...opts.projectFiles);
    const scanned = /* @__PURE__ */ new Set();
    const found = /* @__PURE__ */ new Map();
    const listed = new DirListings();
    const exists = (p) => {
      let known = found.get(p);
      if (known === void 0) found.set(p, known = listed.exists(p));
      return known;
    };
    while (queue.length) {
      const file = queue.shift();
      if (scanned.has(file)) continue;
      scanned.add(file);
      for (const inc of scanIncludes(file)) {
        const local = [dirname2(file), ...opts.projectIncludeDirs].map((d) => join(d, inc)).find((p) => exists(p));
        if (local) {
          queue.push(local, ...sameNamedSources(local, exists));
          continue;
        }
        const owner = [...used.values(), ...candidates].find((l) => l.includeDirs.some((d) => exists(join(d, inc))));
        if (!owner) continue;
        use(owner);
        const header = owner.includeDirs.map((d) => join(d, inc)).find((p) => exists(p));
        queue.push(header, ...sameNamedSources(header, exists));
      }
    }
  }
  return { libraries: [...used.values()], notices };
}
function sameNamedSources(header, exists) {
  if (!HEADER.test(header)) return [];
  const stem = header.slice(0, header.lastIndexOf("."));
  return [".c", ".cpp", ".cc", ".cxx"].map((e) => stem + e).filter(exists);
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
    (l) => (sameName(l.name, dep.name) || sameName(basename3(l.root), dep.name)) && (!dep.owner || !l.owner || sameName(l.owner, dep.owner)) && (!dep.version || satisfiesSafely(l.version, dep.version))
  );
}
function satisfiesSafely(version, req) {
  try {
    return satisfiesRequirement(version, req);
  } catch {
    return false;
  }
}
function satisfy(spec, candidates, onDisk, opts, admit, ignore) {
  const where = `${relativeTo(opts.projectDir, opts.dirs.lib)}/, ${relativeTo(opts.projectDir, join(opts.dirs.libdeps, opts.env.name))}/`;
  const notInstalled = (detail) => new UserError(`lib_deps: ${spec.raw} is not installed (${detail}); put it in ${where} or lib_extra_dirs`);
  const kind = libDepKind(spec);
  if (kind === "local") {
    const path = localPath(spec, opts.projectDir);
    const copy = spec.uri.startsWith("file://") ? onDisk.find((l) => l.manifest.uri === redact(spec.uri)) : void 0;
    if (copy) return admit(copy) ? copy : void 0;
    if (!isDir(path)) throw new UserError(`lib_deps: ${spec.raw}: ${path} is not a directory; fix the path in platformio.ini`);
    const lib = readLibrary(path, "lib_deps", opts.env);
    const existing = candidates.find((l) => l.root === lib.root);
    if (existing) return existing;
    return admit(lib) ? lib : void 0;
  }
  if (kind === "vcs" || kind === "archive") {
    const uri = redact(spec.uri);
    const installed = onDisk.find((l) => l.manifest.uri !== void 0 && [uri, uri.replace(/^git\+/, "")].includes(redact(l.manifest.uri)));
    if (installed) return admit(installed) ? installed : void 0;
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
  const byName = candidates.find((l) => sameName(l.name, name) || sameName(basename3(l.root), name));
  if (byName && spec.requirements) {
    throw notInstalled(
      `${relativeTo(opts.projectDir, byName.root)} is version ${byName.version ?? "unknown"}, outside ${spec.requirements}`
    );
  }
  if (byName) throw notInstalled(`${relativeTo(opts.projectDir, byName.root)} belongs to ${byName.owner}, not ${spec.owner}`);
  throw notInstalled(`no library named ${name} in ${where} or the framework`);
}
function relativeTo(projectDir, p) {
  const r = relative(projectDir, p);
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
function git(args, cwd, config = {}) {
  const entries = Object.entries(config);
  const viaEnv = Object.fromEntries(
    entries.flatMap(([k, v], i) => [
      [`GIT_CONFIG_KEY_${i}`, k],
      [`GIT_CONFIG_VALUE_${i}`, v]
    ])
  );
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    ...entries.length ? { GIT_CONFIG_COUNT: String(entries.length), ...viaEnv } : {}
  };
  const r = spawnSync("git", args, { cwd, encoding: "utf8", env });
  if (r.error) throw new Error(`git could not run (${r.error.code}); install git`);
  if (r.status !== 0) {
    const why = (r.stderr || "").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("hint:")).at(-1) ?? `exit ${r.status}`;
    throw new Error(`git ${args.find((a) => !a.startsWith("-") && !a.includes("="))} failed: ${redact(why)}`);
  }
  return r.stdout.trim();
}
function checkNotOption(what, value) {
  if (value.startsWith("-"))
    throw new Error(`the ${what} ${JSON.stringify(value)} starts with '-', which git would read as an option; write a URL or a ref`);
}
function gitExport(source, into) {
  checkNotOption("URL", source.url);
  if (source.ref !== void 0) checkNotOption("ref", source.ref);
  const commit = isCommitId(source.ref);
  const { url, authorization } = /^https?:/i.test(source.url) ? splitUrlCredentials(source.url) : { url: source.url };
  const auth = authorization ? { [`http.${new URL(url).origin}/.extraHeader`]: `Authorization: ${authorization}` } : {};
  const args = ["-c", "protocol.ext.allow=never", "clone", "--recursive", "--quiet"];
  if (!commit) args.push("--depth", "1", ...source.ref ? [`--branch=${source.ref}`] : []);
  git([...args, "--", url, into], void 0, auth);
  if (commit) {
    git(["reset", "--quiet", "--hard", source.ref, "--"], into);
    git(["-c", "protocol.ext.allow=never", "submodule", "update", "--init", "--recursive", "--force"], into, auth);
  }
  return git(["rev-parse", "--short", "HEAD"], into);
}

// server/project/libdeps/piopm.ts
import { existsSync as existsSync4, readFileSync as readFileSync3, writeFileSync } from "node:fs";
import { join as join2 } from "node:path";
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
  for (const vcs of [".git", ".hg", ".svn"]) if (existsSync4(join2(pkgDir, vcs))) return join2(pkgDir, vcs, PIOPM);
  return join2(pkgDir, PIOPM);
}
function writePiopm(pkgDir, meta) {
  const spec = meta.spec && { ...meta.spec, uri: meta.spec.uri === null ? null : redact(meta.spec.uri) };
  writeFileSync(piopmPath(pkgDir), piopmText({ ...meta, spec }));
}
function readPiopm(pkgDir) {
  for (const dir of [".git", ".hg", ".svn", "."]) {
    const path = join2(pkgDir, dir, PIOPM);
    if (!existsSync4(path)) continue;
    try {
      const data = JSON.parse(readFileSync3(path, "utf8"));
      if (data.spec && data.spec.url !== void 0 && data.spec.uri === void 0) data.spec.uri = data.spec.url;
      return data;
    } catch {
      return void 0;
    }
  }
  return void 0;
}
var safeDirname = (name) => name.replace(/[^\da-z_\-. ]/gi, "_");

// server/project/libdeps/safeExtract.ts
import { spawnSync as spawnSync2 } from "node:child_process";
import { lstatSync, mkdirSync, readdirSync as readdirSync3, readlinkSync, realpathSync as realpathSync2, statSync as statSync2 } from "node:fs";
import { dirname as dirname3, isAbsolute as isAbsolute2, join as join3, normalize, posix, relative as relative2, sep } from "node:path";
var DEFAULT_UNPACK_LIMITS = { maxBytes: 512 * 1024 ** 2, maxFiles: 5e4 };
function unpackLimitsFromEnv(env) {
  const size = env.FBUILD_MAX_UNPACK_SIZE ? parseByteSize(env.FBUILD_MAX_UNPACK_SIZE) : void 0;
  const files = env.FBUILD_MAX_UNPACK_FILES ? Number(env.FBUILD_MAX_UNPACK_FILES) : void 0;
  if (env.FBUILD_MAX_UNPACK_SIZE && size === void 0)
    throw new UserError(`FBUILD_MAX_UNPACK_SIZE=${env.FBUILD_MAX_UNPACK_SIZE} is not a size; write it like 1G or 800M`);
  if (env.FBUILD_MAX_UNPACK_FILES && !(Number.isInteger(files) && files > 0))
    throw new UserError(`FBUILD_MAX_UNPACK_FILES=${env.FBUILD_MAX_UNPACK_FILES} is not a count; write a whole number like 100000`);
  return { maxBytes: size ?? DEFAULT_UNPACK_LIMITS.maxBytes, maxFiles: files ?? DEFAULT_UNPACK_LIMITS.maxFiles };
}
var UnpackError = class extends Error {
};
var tooBig = (limits) => `it unpacks to more than ${formatByteSize(limits.maxBytes)} (FBUILD_MAX_UNPACK_SIZE); raise FBUILD_MAX_UNPACK_SIZE if the library really is that big`;
var tooMany = (limits) => `it holds more than ${limits.maxFiles} files (FBUILD_MAX_UNPACK_FILES); raise FBUILD_MAX_UNPACK_FILES if the library really has that many`;
function unpackLibraryArchive(file, into, limits = DEFAULT_UNPACK_LIMITS) {
  const kind = archiveKind(file);
  if (!kind) throw new UnpackError("it is not a tar.gz, tar.bz2, tar.xz or zip archive");
  const entries = kind === "zip" ? zipEntries(file) : tarEntries(file);
  checkListing(entries, limits);
  mkdirSync(into, { recursive: true });
  const blocks = Math.ceil(limits.maxBytes / 512) + 1;
  const tool = kind === "zip" ? ["unzip", "-q", file, "-d", into] : ["tar", "--no-same-owner", "--no-same-permissions", "-xf", file, "-C", into];
  const r = spawnSync2("sh", ["-c", 'ulimit -f "$1"; shift; exec "$@"', "sh", String(blocks), ...tool], { encoding: "utf8" });
  if (r.signal === "SIGXFSZ") throw new UnpackError(tooBig(limits));
  if (r.error || r.status !== 0) {
    const why = r.error ? `${tool[0]} could not run (${r.error.code}); install it` : (r.stderr || "").trim().split("\n")[0];
    throw new UnpackError(`extracting failed: ${why}`);
  }
  checkTree(into, limits);
  const top = readdirSync3(into);
  if (top.length === 1 && statSync2(join3(into, top[0])).isDirectory()) return join3(into, top[0]);
  return into;
}
function leaves(name) {
  const n = posix.normalize(name.replace(/\\/g, "/"));
  return posix.isAbsolute(n) || /^[A-Za-z]:/.test(n) || n === ".." || n.startsWith("../");
}
function checkListing(entries, limits) {
  let bytes = 0;
  let files = 0;
  const links = /* @__PURE__ */ new Set();
  for (const e of entries) {
    const name = posix.normalize(e.name.replace(/\\/g, "/")).replace(/\/$/, "");
    if (leaves(e.name)) throw new UnpackError(`its entry ${JSON.stringify(e.name)} would be written outside the library's folder`);
    if (e.type === "other") throw new UnpackError(`its entry ${JSON.stringify(e.name)} is a device or a fifo, not a file`);
    if ((e.type === "symlink" || e.type === "hardlink") && e.target !== void 0) {
      const base = e.type === "symlink" ? posix.dirname(name) : ".";
      if (posix.isAbsolute(e.target) || leaves(posix.join(base, e.target)))
        throw new UnpackError(`its link ${JSON.stringify(e.name)} points outside the library's folder (${e.target})`);
    }
    for (const l of links) {
      if (name.startsWith(`${l}/`)) throw new UnpackError(`its entry ${JSON.stringify(e.name)} would be written through the link ${l}`);
    }
    if (e.type === "symlink") links.add(name);
    if (e.type !== "dir") files++;
    bytes += e.size;
    if (files > limits.maxFiles) throw new UnpackError(tooMany(limits));
    if (bytes > limits.maxBytes) throw new UnpackError(tooBig(limits));
  }
}
function checkTree(root, limits) {
  const top = realpathSync2(root);
  let bytes = 0;
  let files = 0;
  const walk = (dir) => {
    for (const name of readdirSync3(dir)) {
      const path = join3(dir, name);
      const st = lstatSync(path);
      if (st.isDirectory()) {
        walk(path);
        continue;
      }
      files++;
      if (st.isSymbolicLink()) {
        const target = readlinkSync(path);
        const resolved = normalize(join3(dirname3(path), target));
        const rel = relative2(top, resolved);
        if (isAbsolute2(target) || rel === ".." || rel.startsWith(`..${sep}`))
          throw new UnpackError(`its link ${JSON.stringify(relative2(root, path))} points outside the library's folder (${target})`);
      } else if (!st.isFile()) {
        throw new UnpackError(`its entry ${JSON.stringify(relative2(root, path))} is a device or a fifo, not a file`);
      } else {
        bytes += st.size;
      }
      if (files > limits.maxFiles) throw new UnpackError(tooMany(limits));
      if (bytes > limits.maxBytes) throw new UnpackError(tooBig(limits));
    }
  };
  walk(top);
}
function run(cmd, args) {
  const r = spawnSync2(cmd, args, { encoding: "utf8", maxBuffer: 256 * 1024 ** 2 });
  if (r.error) throw new UnpackError(`${cmd} could not run (${r.error.code}); install it`);
  if (r.status !== 0) throw new UnpackError(`it cannot be read: ${(r.stderr || "").trim().split("\n")[0]}`);
  return r.stdout;
}
function tarEntries(file) {
  return run("tar", ["-tvf", file, "--numeric-owner"]).split("\n").filter(Boolean).map((line) => {
    const m = /^(\S)\S*\s+\S+\s+(\d+)\s+\S+\s+\S+\s(.*)$/.exec(line);
    if (!m) throw new UnpackError(`its listing has a line tar did not explain: ${line.slice(0, 80)}`);
    const [, t, size, rest] = m;
    if (t === "l") {
      const [name, target] = splitOnce(rest, " -> ");
      return { type: "symlink", name, size: 0, target };
    }
    if (t === "h") {
      const [name, target] = splitOnce(rest, " link to ");
      return { type: "hardlink", name, size: 0, target };
    }
    const type = t === "-" ? "file" : t === "d" ? "dir" : "other";
    return { type, name: rest, size: Number(size) };
  });
}
function zipEntries(file) {
  return run("unzip", ["-Z", "-l", file]).split("\n").flatMap((line) => {
    const m = /^(\S)\S*\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s(.*)$/.exec(line);
    return m ? [m] : [];
  }).map(([, t, size, name]) => {
    const type = t === "-" ? "file" : t === "d" ? "dir" : t === "l" ? "symlink" : "other";
    return { type, name, size: type === "symlink" ? 0 : Number(size) };
  });
}
function splitOnce(text, sepText) {
  const i = text.indexOf(sepText);
  return i < 0 ? [text, ""] : [text.slice(0, i), text.slice(i + sepText.length)];
}

// server/project/libdeps/installLibDeps.ts
var INTEGRITY = "integrity.dat";
var libDepsDir = (dirs, env) => join4(dirs.libdeps, env);
var NotFound = class extends UserError {
};
async function installLibDeps(opts) {
  const onEvent = opts.onEvent;
  const redacted = {
    ...opts,
    ...onEvent ? { onEvent: (e) => onEvent(JSON.parse(redact(JSON.stringify(e)))) } : {}
  };
  try {
    return (await install(redacted)).map((l) => ({ ...l, source: redact(l.source) }));
  } catch (e) {
    if (e instanceof Error) e.message = redact(e.message);
    throw e;
  }
}
async function install(opts) {
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
  if (existsSync5(storage)) writeFileSync2(join4(storage, INTEGRITY), env.libDeps.map(redact).join("\n"));
  return installer.resolvedList();
}
var Installer = class {
  constructor(opts, storage) {
    this.opts = opts;
    this.storage = storage;
    this.unpackLimits = opts.unpackLimits ?? unpackLimitsFromEnv(process.env);
  }
  opts;
  storage;
  resolved = /* @__PURE__ */ new Map();
  visited = /* @__PURE__ */ new Set();
  registry;
  candidates;
  unpackLimits;
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
    if (kind === "vcs" || kind === "archive") return this.libraries().find((l) => sameUri(l.manifest.uri, spec.uri));
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
      if (!existsSync5(path)) return;
      if (spec.uri.startsWith("symlink://")) {
        if (!statSync3(path).isDirectory()) return;
        writePioLink(this.storage, spec, path, this.opts.projectDir);
        const lib3 = readLibrary(path, "lib_deps", this.opts.env);
        this.record(lib3, spec.uri);
        return this.ensureDependencies(lib3);
      }
      const copy = this.installedCopy(spec, path);
      const lib2 = copy ?? await this.install(spec);
      this.record(lib2);
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
  /** The copy of a `file://` folder installed earlier, if it still holds what the folder holds. */
  installedCopy(spec, source) {
    const lib = librariesIn(this.storage, "lib_deps", this.opts.env).find((l) => sameUri(l.manifest.uri, spec.uri));
    if (!lib) return void 0;
    if (statSync3(source).isDirectory() && !sameFiles(source, lib.root)) return void 0;
    return lib;
  }
  /** A library of that name on disk that does not satisfy the spec, said in the offline error. */
  nearMiss(spec) {
    const lib = spec.name ? this.libraries().find((l) => sameName2(l.name, spec.name) || sameName2(basename4(l.root), spec.name)) : void 0;
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
      if (!external && !dep.owner && framework && librariesIn(framework, "framework", this.opts.env).some((l) => sameName2(l.name, dep.name) || sameName2(basename4(l.root), dep.name))) {
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
    return r === "" ? "." : r.startsWith("..") || isAbsolute3(r) ? p : r.split("\\").join("/");
  }
  /** Downloads or clones `spec` into a temporary dir in the storage, then moves it into place with one rename. */
  async install(spec) {
    const created = mkdirSync2(this.storage, { recursive: true });
    const work = join4(this.storage, `.fbuild-installing-${randomBytes(6).toString("hex")}`);
    mkdirSync2(work);
    let done = false;
    try {
      const { root, meta } = await this.fetch(spec, work);
      if (spec.requirements && !satisfiesRequirement(meta.version, spec.requirements)) {
        throw new UserError(
          `lib_deps: ${spec.raw}: the downloaded library is version ${meta.version}, outside ${spec.requirements}; fix the requirement`
        );
      }
      writePiopm(root, meta);
      const dest = join4(this.storage, hasCustomName(spec) ? spec.name : safeDirname(meta.name));
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
    if (kind === "local") {
      const path = localPath(spec, this.opts.projectDir);
      const into = join4(work, "x");
      let root2;
      try {
        root2 = statSync3(path).isDirectory() ? (cpSync(path, into, { recursive: true, verbatimSymlinks: true, filter: (p) => basename4(p) !== ".git" }), packageRoot(into, spec)) : packageRoot(unpackLibraryArchive(path, into, this.unpackLimits), spec);
      } catch (e) {
        throw new UserError(`lib_deps: ${spec.raw}: cannot install from ${path}: ${e.message}`);
      }
      const m2 = readLibraryManifest(root2);
      return { root: root2, meta: metadata(spec, m2.name, m2.version, specRecord(spec)) };
    }
    if (kind === "vcs") {
      if (!spec.uri.startsWith("git+"))
        throw new UserError(
          `lib_deps: ${spec.raw}: only git repositories are supported, not ${spec.uri.split("+")[0]}; use a git URL or an archive`
        );
      const into = join4(work, "checkout");
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
    const file = join4(work, "download");
    let last = 0;
    const { url: plain, authorization } = splitUrlCredentials(url);
    try {
      await downloadFile(plain, file, {
        ...expect,
        ...authorization ? { headers: { authorization } } : {},
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
      return packageRoot(unpackLibraryArchive(file, join4(work, "x"), this.unpackLimits), spec);
    } catch (e) {
      throw new UserError(`lib_deps: ${spec.raw}: cannot install from ${url}: ${e.message}`);
    }
  }
};
var sameName2 = (a, b) => a !== void 0 && b !== void 0 && a.toLowerCase() === b.toLowerCase();
var sameUri = (a, b) => a !== void 0 && b !== void 0 && redact(a) === redact(b);
function sameFiles(source, copy) {
  const files = (dir) => readdirSync4(dir, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => relative3(dir, join4(e.parentPath, e.name))).filter((f) => f.split(sep2)[0] !== ".git").sort();
  const want = files(source);
  const have = files(copy).filter((f) => f !== PIOPM && !(f === "library.json" && !want.includes(f)));
  if (want.length !== have.length || want.some((f, i) => f !== have[i])) return false;
  return want.every((f) => {
    const a = join4(source, f);
    const b = join4(copy, f);
    const la = lstatSync2(a);
    const lb = lstatSync2(b);
    if (la.isSymbolicLink() || lb.isSymbolicLink())
      return la.isSymbolicLink() && lb.isSymbolicLink() && readlinkSync2(a) === readlinkSync2(b);
    return la.size === lb.size && readFileSync4(a).equals(readFileSync4(b));
  });
}
function writePioLink(storage, spec, target, projectDir) {
  const file = join4(storage, `${spec.name ?? basename4(target)}.pio-link`);
  const text = pythonJson({ cwd: projectDir, spec: specRecord(spec) });
  mkdirSync2(storage, { recursive: true });
  if (!existsSync5(file) || readFileSync4(file, "utf8") !== text) writeFileSync2(file, text);
}
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
    const entries = readdirSync4(d, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1);
    const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    yield { dir: d, dirs, files: entries.filter((e) => e.isFile()).map((e) => e.name) };
    for (const sub of dirs) if (sub !== ".git") yield* walk(join4(d, sub));
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
  writeFileSync2(join4(root, "library.json"), JSON.stringify({ name: spec.name, version: randomVersion() }, null, 2));
  return root;
}
function removeEmptyDirs(dir, top) {
  for (let d = dir; ; d = dirname4(d)) {
    try {
      if (readdirSync4(d).length) return;
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === top || dirname4(d) === d) return;
  }
}
function replaceDir(from, dest, work) {
  if (existsSync5(dest)) renameSync(dest, join4(work, "previous"));
  renameSync(from, dest);
}
function uninstallRemoved(storage, env, opts) {
  let previous;
  try {
    previous = readFileSync4(join4(storage, INTEGRITY), "utf8").split("\n").map((l) => l.trim()).filter(Boolean);
  } catch {
    return;
  }
  const current = new Set(env.libDeps.map(redact));
  const removed = previous.filter((p) => !current.has(p));
  if (removed.length === 0 && previous.length === current.size) return;
  for (const raw of removed) removePackage(storage, parseLibDep(raw, opts.projectDir), opts, /* @__PURE__ */ new Set());
  writeFileSync2(join4(storage, INTEGRITY), env.libDeps.map(redact).join("\n"));
}
function installedPackages(storage, spec) {
  let names;
  try {
    names = readdirSync4(storage);
  } catch {
    return [];
  }
  return names.filter((n) => !n.startsWith(".")).flatMap((n) => {
    const meta = readPiopm(join4(storage, n));
    return meta ? [{ dir: join4(storage, n), meta }] : [];
  }).filter(({ meta }) => {
    if (spec.id !== void 0 && spec.id !== meta.spec?.id) return false;
    if (spec.uri) return sameUri(spec.uri, meta.spec?.uri ?? void 0);
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
  DirListings,
  parseLibDep,
  libDepKind,
  localPath,
  resolveLibraries,
  libDepsDir,
  installLibDeps
};

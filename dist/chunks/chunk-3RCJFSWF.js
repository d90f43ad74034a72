import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  resolveEsp32Packages
} from "./chunk-IOX3AGIO.js";
import {
  GNU17_CORES,
  corePackages,
  localAvrFramework,
  resolveAvrFramework
} from "./chunk-U2OVFXTY.js";
import {
  TYPE,
  elf2image,
  parsePartitionTable,
  partitionTableBinary
} from "./chunk-VPKORHEW.js";
import {
  DirListings,
  installLibDeps,
  libDepKind,
  localPath,
  parseLibDep,
  resolveLibraries
} from "./chunk-C7V4EL6C.js";
import {
  offlineFromEnv
} from "./chunk-DYARRWTB.js";
import {
  buildWorkspaceRoot
} from "./chunk-POUFS3KG.js";
import {
  buildFingerprint,
  checkFingerprint,
  saveFingerprint,
  treePaths,
  watchPaths
} from "./chunk-LX2MMNKE.js";
import {
  SOURCE_EXTENSIONS,
  listFiles,
  listedUnder,
  matchSrcFiles
} from "./chunk-RYCVMSYB.js";
import {
  toolchainsDirFor
} from "./chunk-4TQWNER7.js";
import {
  gccLayoutVersion,
  systemAvrToolchain
} from "./chunk-6FV4Q5OU.js";
import {
  BUILD_LOCK_NAME,
  lockBuildDir,
  throwIfCancelled
} from "./chunk-4V5CH22L.js";
import {
  platformNotice,
  readProjectConfig
} from "./chunk-HXEVDVWT.js";
import {
  ProjectConfigError,
  filterTokens,
  shellWords,
  splitList
} from "./chunk-54IFNC2C.js";
import {
  BoardFileError,
  findBoard,
  findEsp32Board,
  sketchFlashMax,
  unknownBoardHint,
  withBoardOptions
} from "./chunk-HJM5M4WC.js";
import {
  WholeBuildRecords,
  missCategory
} from "./chunk-2PEVJB5Z.js";
import {
  ABSENT,
  CHECKOUT,
  EMBEDDED,
  KeyHasher,
  PathNormalizer,
  SYSTEM_HEADER,
  embeddedFiles,
  searchDirsOf
} from "./chunk-I7BTEATM.js";
import {
  onPath
} from "./chunk-FRALOBSX.js";
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
  hitRate
} from "./chunk-AR4QESZK.js";
import {
  UserError,
  excerpt
} from "./chunk-K5XHDEBM.js";

// server/engine/orchestrator.ts
import { mkdirSync as mkdirSync4, readFileSync as readFileSync6, statSync as statSync2 } from "node:fs";
import { homedir as homedir2 } from "node:os";
import { delimiter, dirname as dirname7, isAbsolute as isAbsolute5, join as join11, relative as relative3, resolve as resolve6, sep as sep6 } from "node:path";

// server/cache/compileSession.ts
var CompileSession = class {
  /** Digest by absolute path. An unreadable file is not remembered: it is asked about again. */
  digests = /* @__PURE__ */ new Map();
  /** Files looked at (stat'ed, or hashed if new) in this session. */
  checkedFiles = 0;
  /** Compiler identity by resolved compiler path. */
  compilers = /* @__PURE__ */ new Map();
  digest(path, compute) {
    let d = this.digests.get(path);
    if (d === void 0) {
      d = compute(path);
      this.checkedFiles++;
      if (d) this.digests.set(path, d);
    }
    return d;
  }
  /**
   * Whether a file exists, checked once per session: the negative lookups of the include search.
   * Remembered by `name` (a stored entry's own spelling, which a build's one workspace makes
   * unambiguous), so a hit does not have to make the absolute path of each.
   */
  existing = /* @__PURE__ */ new Map();
  exists(name, abs) {
    let e = this.existing.get(name);
    if (e === void 0) {
      e = this.fileExists(abs(name));
      this.checkedFiles++;
      this.existing.set(name, e);
    }
    return e;
  }
  /** Each directory's names, read once per session (the include search's negative lookups). */
  listings = new DirListings();
  fileExists(path) {
    return this.listings.exists(path);
  }
  compilerIdentity(path, compute) {
    let id = this.compilers.get(path);
    if (id === void 0) {
      id = compute(path);
      this.compilers.set(path, id);
    }
    return id;
  }
};

// server/engine/wholeBuild.ts
import { chmodSync, mkdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
function listingHash(dir) {
  return new KeyHasher("fbuild-record-listing-v1").fields(listFiles(dir)).hex();
}
function listingsHold(meta, projectDir, workspaceRoot) {
  const paths = new PathNormalizer(resolve(workspaceRoot), projectDir);
  return meta.listings.every(([dir, hash]) => listingHash(paths.resolve(dir)) === hash);
}
function withoutRoot(text, root) {
  return text.split(root + "/").join("$WS/").split(JSON.stringify(root)).join('"$WS"');
}
function recordKey(k) {
  const root = resolve(k.workspaceRoot);
  if (dirname(root) === root) return void 0;
  const paths = new PathNormalizer(root, k.projectDir);
  const env = k.envConfig;
  const config = JSON.stringify([env.raw, env.buildFlags, env.buildSrcFlags, env.buildSrcFilter, env.libExtraDirs]);
  const dirs = JSON.stringify(Object.entries(k.dirs).map(([name, d]) => [name, paths.normalize(d)]));
  const parts = [
    k.version,
    k.envName,
    withoutRoot(config, root),
    dirs,
    paths.normalize(k.projectDir),
    k.buildDir,
    ...k.parts.map((p) => withoutRoot(p, root)),
    ...k.extraConfigs.map((c) => paths.normalize(c)),
    ...k.records.toolIdentities(k.tools, k.session)
  ];
  k.trees.forEach(
    (t, i) => parts.push(paths.normalize(resolve(k.projectDir, t)), new KeyHasher("fbuild-tree-v1").fields(k.listings[i]).hex())
  );
  return WholeBuildRecords.key(parts);
}
function makeCandidate(c) {
  const root = resolve(c.workspaceRoot);
  const paths = new PathNormalizer(root, c.projectDir);
  const buildDirPrefix = paths.normalize(resolve(c.projectDir, c.buildDir)) + "/";
  const outside = (p) => isAbsolute(p) || p.startsWith("..");
  if (c.units.some((u) => !u.portable)) return { none: "a unit is tied to its checkout" };
  if ([...c.outputs, ...c.archives, ...c.units.map((u) => u.object)].some(outside)) return { none: "outputs outside the project" };
  const inputs = /* @__PURE__ */ new Map();
  const add = (path, hash) => {
    const known = inputs.get(path);
    if (known !== void 0 && known !== hash) return false;
    inputs.set(path, hash);
    return true;
  };
  const treeDirs = c.trees.map((t) => resolve(c.projectDir, t));
  for (const u of c.units) {
    for (const [path, hash] of u.files) {
      if (path === CHECKOUT) return { none: "a unit names its checkout" };
      const tag = path[0];
      if (tag === ABSENT) {
        const abs = paths.resolve(path.slice(1));
        if (!treeDirs.some((t) => listedUnder(t, abs))) add(path, "");
        continue;
      }
      const plain = tag === SYSTEM_HEADER || tag === EMBEDDED ? path.slice(1) : path;
      if (plain.startsWith(buildDirPrefix)) continue;
      if (!add(plain, hash)) return { none: `${plain} changed during the build` };
    }
  }
  const addFile = (abs) => {
    const d = c.records.digest(abs, c.session);
    return d !== void 0 && d.ctimeMs < c.startedWall && add(paths.normalize(abs), d.hash);
  };
  for (const f of c.files) if (!addFile(f)) return { none: `${f} cannot be read` };
  for (let i = 0; i < c.trees.length; i++) {
    const dir = treeDirs[i];
    for (const f of c.listings[i]) if (!addFile(join(dir, f))) return { none: `${join(dir, f)} changed or cannot be read` };
  }
  const listed = /* @__PURE__ */ new Map();
  const inside = (p, dir) => p === dir || p.startsWith(dir + sep);
  const buildAbs = resolve(c.projectDir, c.buildDir);
  for (const u of c.units) {
    const abs = resolve(c.projectDir, u.source);
    if (!paths.normalize(abs).startsWith("$WS/") || inside(abs, buildAbs) || treeDirs.some((t) => inside(abs, t))) continue;
    const dir = dirname(abs);
    if (!listed.has(paths.normalize(dir))) listed.set(paths.normalize(dir), listingHash(dir));
  }
  const shown = (s) => isAbsolute(s) ? paths.normalize(s) : s;
  const meta = {
    v: 1,
    units: c.units.map((u) => ({
      source: shown(u.source),
      object: u.object,
      savedMs: u.savedMs,
      ...u.stdout ? { stdout: u.stdout } : {},
      ...u.stderr ? { stderr: u.stderr } : {}
    })),
    link: { savedMs: c.link.savedMs, ...c.link.stderr ? { stderr: c.link.stderr } : {} },
    size: c.size,
    archives: c.archives,
    notices: c.notices,
    searchDirs: [...new Set(c.searchDirs.map((d) => paths.normalize(d)))],
    keys: [...c.units.map((u) => u.contextKey), c.link.key],
    listings: [...listed].sort()
  };
  const outputs = c.outputs.map((o) => {
    const { content, mode } = c.readOutput(o);
    return { path: paths.normalize(resolve(c.projectDir, o)), mode, content };
  });
  return {
    inputs: [...inputs].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
    outputs,
    meta: Buffer.from(JSON.stringify(meta)),
    savedMs: c.units.reduce((n, u) => n + u.savedMs, 0) + c.link.savedMs
  };
}
function readMeta(bytes) {
  try {
    const meta = JSON.parse(Buffer.from(bytes).toString("utf8"));
    const lists = [meta?.units, meta?.archives, meta?.keys, meta?.listings, meta?.notices, meta?.searchDirs];
    if (meta?.v !== 1 || !lists.every(Array.isArray) || !meta.size || !meta.link) return void 0;
    return meta;
  } catch {
    return void 0;
  }
}
function writeOutputs(hit, projectDir, workspaceRoot, buildDir) {
  const paths = new PathNormalizer(resolve(workspaceRoot), projectDir);
  const under = resolve(projectDir, buildDir) + sep;
  const targets = hit.outputs.map((o) => paths.resolve(o.path));
  if (targets.some((t) => !t.startsWith(under))) return void 0;
  hit.outputs.forEach((o, i) => {
    const file = targets[i];
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, o.content);
    chmodSync(file, o.mode);
  });
  return targets.map((t) => relative(projectDir, t).split(sep).join("/"));
}
function sourceShown(source, projectDir, workspaceRoot) {
  return source.startsWith("$WS") ? new PathNormalizer(resolve(workspaceRoot), projectDir).resolve(source) : source;
}
function inputFiles(hit, projectDir, workspaceRoot) {
  const paths = new PathNormalizer(resolve(workspaceRoot), projectDir);
  return hit.inputs.filter(([p]) => p[0] !== ABSENT).map(([p]) => paths.resolve(p));
}
function resolvedDirs(dirs, projectDir, workspaceRoot) {
  const paths = new PathNormalizer(resolve(workspaceRoot), projectDir);
  return dirs.map((d) => paths.resolve(d));
}

// server/project/buildTimeOptions.ts
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { basename, join as join2, resolve as resolve2 } from "node:path";
function buildVariables(env, ctx) {
  const { projectDir, dirs, buildDir } = ctx;
  const vars = [
    ["PROJECT_DIR", projectDir],
    ["PROJECT_SRC_DIR", dirs.src],
    ["PROJECTSRC_DIR", dirs.src],
    ["PROJECT_INCLUDE_DIR", dirs.include],
    // Not set by PlatformIO 6.1.18's main.py (SCons would expand it to nothing); projects that use
    // it mean the lib dir, so fbuild gives them that.
    ["PROJECT_LIB_DIR", dirs.lib],
    ["PROJECT_LIBDEPS_DIR", dirs.libdeps],
    ["PROJECT_BUILD_DIR", dirs.build],
    ["PROJECT_TEST_DIR", dirs.test],
    ["PROJECT_DATA_DIR", dirs.data],
    ["PROJECTDATA_DIR", dirs.data],
    ["PIOENV", env.name],
    ["BUILD_DIR", buildDir],
    ["BUILD_SRC_DIR", join2(buildDir, "src")],
    ["PROGNAME", "firmware"],
    ["PIOPLATFORM", env.platform],
    ["PIOFRAMEWORK", env.framework],
    ["BOARD", env.board],
    // config.py's BUILTIN_VARS (it expands them when it reads the option; the same values here).
    ["PROJECT_HASH", `${basename(projectDir)}-${createHash("sha1").update(projectDir).digest("hex").slice(0, 10)}`],
    ["UNIX_TIME", String(Math.floor(Date.now() / 1e3))]
  ];
  return new Map(vars.filter((v) => v[1] !== void 0));
}
var VARIABLE = /\$(?:\$|\{([^}]*)\}|([A-Za-z_]\w*))/g;
function expandBuildVariables(text, vars, option) {
  if (!text.includes("$")) return text;
  return text.replace(VARIABLE, (whole, braced, bare) => {
    if (whole === "$$") return "$";
    const value = vars.get(braced ?? bare);
    if (value === void 0) {
      throw new ProjectConfigError(
        `${option}: unknown build variable ${whole} in '${excerpt(text)}'; fbuild expands ${[...vars.keys()].join(", ")}; fix the name, or write $$ for a literal $`
      );
    }
    return value;
  });
}
function usesBuildTimeInputs(env) {
  return Object.values(env.raw).some((items) => items.some((item) => item.trimStart().startsWith("!") || item.includes("UNIX_TIME")));
}
function withBuildTimeValues(env, ctx) {
  const vars = buildVariables(env, ctx);
  const flags = (key) => (env.raw[key] ?? []).flatMap((item) => {
    const words = item.startsWith("!") ? commandFlags(item.slice(1), key, ctx) : shellWords(item) ?? [];
    return words.map((w) => expandBuildVariables(w, vars, key)).filter((w) => w !== "");
  });
  const flagsKey = (key, old) => env.raw[key] !== void 0 ? key : old;
  const filterKey = flagsKey("build_src_filter", "src_filter");
  const srcFilter = (env.raw[filterKey] ?? []).flatMap((item) => {
    const tokens = filterTokens(expandBuildVariables(item, vars, filterKey));
    return typeof tokens === "string" ? [] : tokens;
  });
  const extraDirs = (env.raw.lib_extra_dirs ?? []).flatMap(splitList).map((d) => {
    const dir = expandBuildVariables(d, vars, "lib_extra_dirs");
    return resolve2(ctx.projectDir, dir.startsWith("~") ? join2(homedir(), dir.slice(1)) : dir);
  });
  return {
    ...env,
    buildFlags: env.raw.build_flags !== void 0 ? flags("build_flags") : env.buildFlags,
    buildSrcFlags: env.raw[flagsKey("build_src_flags", "src_build_flags")] !== void 0 ? flags(flagsKey("build_src_flags", "src_build_flags")) : env.buildSrcFlags,
    buildSrcFilter: env.raw[filterKey] !== void 0 ? srcFilter : env.buildSrcFilter,
    libExtraDirs: env.raw.lib_extra_dirs !== void 0 ? extraDirs : env.libExtraDirs
  };
}
var COMMAND_TIMEOUT_MS = 12e4;
function commandFlags(command, option, ctx) {
  const r = spawnSync("/bin/sh", ["-c", command], {
    cwd: ctx.projectDir,
    env: childEnv(ctx.processEnv),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: COMMAND_TIMEOUT_MS,
    maxBuffer: 1 << 20
  });
  const named = `${option}: the command '!${excerpt(command)}'`;
  if (r.error) {
    const why = r.error.code === "ETIMEDOUT" ? `ran over ${COMMAND_TIMEOUT_MS / 1e3} s` : r.error.message;
    throw new ProjectConfigError(`${named} failed: ${why}; fix the command or remove it from ${option}`);
  }
  if (r.status !== 0) {
    const firstLine = r.stderr.split("\n").find((l) => l.trim() !== "");
    const how = r.status === null ? `was killed by ${r.signal}` : `exited ${r.status}`;
    throw new ProjectConfigError(
      `${named} ${how}${firstLine ? ` (${excerpt(firstLine.trim())})` : ""}; it runs in ${ctx.projectDir} as pio run runs it: fix it or remove it from ${option}`
    );
  }
  const words = shellWords(r.stdout);
  if (words === void 0) throw new ProjectConfigError(`${named} printed an unterminated quote; fix what it prints`);
  return words;
}

// server/engine/buildStats.ts
function buildStats(units, link) {
  const all = link ? [...units, { ...link, source: link.source ?? "link" }] : [...units];
  const count = (o) => all.filter((r) => r.outcome === o).length;
  const hits = count("hit");
  const misses = count("miss");
  const uncacheable = count("uncacheable");
  const remoteHits = all.filter((r) => r.outcome === "hit" && r.remote).length;
  const missReasons = {};
  for (const r of all) {
    if (r.outcome !== "miss") continue;
    const reason = missCategory(r.reason ?? "new");
    missReasons[reason] = (missReasons[reason] ?? 0) + 1;
  }
  const errors = count("error");
  const unitsWith = (o) => all.filter((r) => r.outcome === o).map((r) => ({ source: r.source ?? "?", reason: r.reason ?? "unknown" }));
  return {
    compiles: all.length,
    hits,
    misses,
    uncacheable,
    errors,
    hitRate: hitRate({ hits, misses, errors }),
    timeSavedMs: Math.round(all.reduce((n, r) => n + (r.outcome === "hit" ? r.savedMs ?? 0 : 0), 0)),
    missReasons,
    uncacheableUnits: unitsWith("uncacheable"),
    ...remoteHits ? { remoteHits } : {},
    ...errors ? { errorUnits: unitsWith("error") } : {}
  };
}

// server/engine/projectWorkspace.ts
import { isAbsolute as isAbsolute2, join as join3, resolve as resolve3 } from "node:path";
var PATH_OPTIONS = ["-isystem", "-iquote", "-idirafter", "-include", "-imacros", "-I", "-L"];
function referredFolders(projectDir, dirs, env) {
  const out = [dirs.src, dirs.include, dirs.lib, dirs.libdeps, ...env.libExtraDirs];
  const flags = [...env.buildFlags, ...env.buildSrcFlags];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    const option = PATH_OPTIONS.find((o) => f.startsWith(o));
    if (!option) continue;
    const value = f.length > option.length ? f.slice(option.length) : flags[++i];
    if (value)
      out.push(option === "-include" || option === "-imacros" ? join3(resolve3(projectDir, value), "..") : resolve3(projectDir, value));
  }
  for (const raw of env.libDeps) {
    const spec = parseLibDep(raw, projectDir);
    if (libDepKind(spec) === "local" && spec.uri.startsWith("symlink://")) out.push(localPath(spec, projectDir));
  }
  return out.filter((d) => isAbsolute2(d));
}
var projectWorkspaceRoot = (projectDir, dirs, env) => buildWorkspaceRoot(projectDir, referredFolders(projectDir, dirs, env));

// server/engine/writeBoundary.ts
import { existsSync, realpathSync } from "node:fs";
import { dirname as dirname2, join as join4, resolve as resolve4, sep as sep2 } from "node:path";
function buildWriteTargets(p) {
  const targets = [{ what: "build dir", path: resolve4(p.projectDir, p.buildDir) }];
  if (p.libDeps.length > 0 || existsSync(join4(p.libDepsEnvDir, "integrity.dat"))) {
    targets.push({ what: "lib_deps dir", path: resolve4(p.projectDir, p.libDepsEnvDir) });
  }
  return targets;
}
function realLocation(p) {
  let existing = p;
  while (!existsSync(existing) && dirname2(existing) !== existing) existing = dirname2(existing);
  const real = realpathSync.native(existing);
  return real + p.slice(existing.length);
}
function isInsideRoots(p, roots) {
  const real = realLocation(resolve4(p));
  return roots.some((root) => real === root || real.startsWith(root.endsWith(sep2) ? root : root + sep2));
}
function firstOutsideRoots(targets, roots) {
  for (const t of targets) {
    const real = realLocation(resolve4(t.path));
    if (!isInsideRoots(real, roots)) return { ...t, real };
  }
  return void 0;
}
function checkUnderBuildDir(buildDir, dirs) {
  const lexical = resolve4(buildDir);
  const real = realLocation(lexical);
  for (const dir of new Set(dirs)) {
    const abs = resolve4(dir);
    if (!abs.startsWith(lexical + sep2)) continue;
    const leadsTo = realLocation(abs);
    if (leadsTo !== real + abs.slice(lexical.length)) {
      throw new UserError(
        `the build would write in ${abs}, which leads to ${leadsTo} through a symlink in its build dir; remove that symlink`
      );
    }
  }
}

// server/engine/publishArtifacts.ts
import { mkdirSync as mkdirSync2, renameSync, rmSync } from "node:fs";
import { dirname as dirname3, join as join5 } from "node:path";
var ArtifactStaging = class {
  constructor(projectDir, buildDir, outputs) {
    this.projectDir = projectDir;
    this.outputs = outputs;
    const prefix = `${buildDir}/`;
    this.staged = new Map(outputs.map((o) => [o, o.startsWith(prefix) ? `${buildDir}/.staging/${o.slice(prefix.length)}` : o]));
  }
  projectDir;
  outputs;
  staged;
  /** Where the link steps write each output instead, in the order of `outputs`. */
  get stagedOutputs() {
    return this.outputs.map((o) => this.staged.get(o));
  }
  /** The link steps with every output argument pointed at its staging path (the dirs made). */
  redirect(steps) {
    for (const s of this.stagedOutputs) mkdirSync2(join5(this.projectDir, dirname3(s)), { recursive: true });
    return steps.map((step) => ({ ...step, args: step.args.map((a) => this.staged.get(a) ?? a) }));
  }
  /** Renames the staged outputs into place, one atomic rename each; `notWritten` (a hit left them in the store) are not. */
  publish(notWritten = []) {
    for (const [final, staged] of this.staged) {
      if (staged !== final && !notWritten.includes(final)) renameSync(join5(this.projectDir, staged), join5(this.projectDir, final));
    }
  }
  /** After a failed link: no output of an older build is left to be taken for this one's. */
  removePublished() {
    for (const final of this.outputs) rmSync(join5(this.projectDir, final), { force: true });
  }
};

// server/engine/buildRecord.ts
import { readdirSync, readFileSync, unlinkSync } from "node:fs";
import { basename as basename2, dirname as dirname4, join as join6, sep as sep3 } from "node:path";
var NAME = "build-record.json";
function buildRecordPath(projectDir, buildDir) {
  return join6(projectDir, buildDir, NAME);
}
function readBuildRecord(path) {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8"));
    if (parsed.v === 1 && Array.isArray(parsed.deferred) && parsed.deferred.every((p) => typeof p === "string")) {
      return { v: 1, deferred: parsed.deferred };
    }
  } catch {
  }
  return { v: 1, deferred: [] };
}
function writeBuildRecord(path, projectDir, previous, deferred) {
  const known = new Set(previous.deferred);
  const now = [...new Set(deferred)].sort();
  const byDir = /* @__PURE__ */ new Map();
  for (const p of now) {
    if (known.has(p)) continue;
    const abs = join6(projectDir, p);
    const dir = dirname4(abs);
    let names = byDir.get(dir);
    if (!names) byDir.set(dir, names = []);
    names.push(basename2(abs));
  }
  const listings = new Listings(projectDir);
  for (const [dir, names] of byDir) {
    const present = listings.of(dir);
    for (const name of names) if (present.has(name)) removeFile(join6(dir, name));
  }
  writeFileAtomic(path, JSON.stringify({ v: 1, deferred: now }));
}
var Listings = class {
  constructor(root) {
    this.root = root;
  }
  root;
  known = /* @__PURE__ */ new Map();
  of(dir) {
    let names = this.known.get(dir);
    if (names) return names;
    const parent = dirname4(dir);
    const reachable = dir === this.root || !dir.startsWith(this.root + sep3) || this.of(parent).has(basename2(dir));
    names = reachable ? listing(dir) : /* @__PURE__ */ new Set();
    this.known.set(dir, names);
    return names;
  }
};
function listing(dir) {
  try {
    return new Set(readdirSync(dir));
  } catch (e) {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return /* @__PURE__ */ new Set();
    throw e;
  }
}
function removeFile(path) {
  try {
    unlinkSync(path);
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
  }
}

// server/targets/avrTarget.ts
import { existsSync as existsSync3 } from "node:fs";
import { join as join8 } from "node:path";

// server/targets/firmwareSize.ts
function parseAvrSize(text) {
  const sections = {};
  for (const line of text.split("\n")) {
    const m = /^(\.\S+)\s+(\d+)\s+\d+/.exec(line.trim());
    if (m) sections[m[1]] = Number(m[2]);
  }
  const s = (name) => sections[name] ?? 0;
  return { flash: s(".text") + s(".data"), ram: s(".data") + s(".bss") + s(".noinit") };
}
function parseEsp32Size(text) {
  const prog = /^(?:\.iram0\.text|\.iram0\.vectors|\.dram0\.data|\.flash\.text|\.flash\.rodata|)\s+([0-9]+).*/;
  const data = /^(?:\.dram0\.data|\.dram0\.bss|\.noinit)\s+([0-9]+).*/;
  let flash = 0;
  let ram = 0;
  for (const line of text.split("\n")) {
    flash += Number(prog.exec(line)?.[1] ?? 0);
    ram += Number(data.exec(line)?.[1] ?? 0);
  }
  return { flash, ram };
}
function linkerOverflow(stderr) {
  const m = /region [`']?(\w+)'? overflowed by (\d+) bytes/.exec(stderr);
  return m ? { region: m[1], bytes: m[2] } : void 0;
}

// server/targets/target.ts
import { createHash as createHash2 } from "node:crypto";
import { existsSync as existsSync2, mkdirSync as mkdirSync3, readFileSync as readFileSync2, writeFileSync } from "node:fs";
import { basename as basename3, dirname as dirname5, isAbsolute as isAbsolute3, join as join7, relative as relative2, resolve as resolve5, sep as sep4 } from "node:path";

// server/project/ino/sketchOrder.ts
var DEFINES_SETUP_OR_LOOP = /void\s+(setup|loop)\s*\(/im;
var byName = (a, b) => a < b ? -1 : a > b ? 1 : 0;
var baseOf = (path) => path.split(/[\\/]/).pop() ?? path;
function isMainSketchFile(text) {
  return DEFINES_SETUP_OR_LOOP.test(text);
}
function platformioSketchOrder(files) {
  const ext = (f) => /\.pde$/.test(f.path) ? 1 : 0;
  const found = [...files].sort((a, b) => ext(a) - ext(b) || byName(baseOf(a.path), baseOf(b.path)) || byName(a.path, b.path));
  let merged = [];
  for (const f of found) merged = isMainSketchFile(f.text) ? [f, ...merged] : [...merged, f];
  return merged;
}

// server/project/ino/scan.ts
var isIdentChar = (c) => c !== void 0 && (/[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) > 127);
var isSpace = (c) => c === " " || c === "	" || c === "\r" || c === "\n" || c === "\f" || c === "\v";
function scan(text) {
  const n = text.length;
  const code = text.split("");
  const skel = text.split("");
  const directives = [];
  const blank = (from, to) => {
    for (let k = from; k < to; k++) {
      if (text[k] !== "\n") {
        code[k] = " ";
        skel[k] = " ";
      }
    }
  };
  const hide = (from, to) => {
    for (let k = from; k < to; k++) skel[k] = "_";
  };
  const spliced = (k) => {
    let p = k - 1;
    if (text[p] === "\r") p--;
    return text[p] === "\\";
  };
  const lineCommentEnd = (i2) => {
    let j = i2 + 2;
    while (j < n) {
      if (text[j] === "\n" && !spliced(j)) break;
      j++;
    }
    return j;
  };
  const blockCommentEnd = (i2) => {
    const j = text.indexOf("*/", i2 + 2);
    return j < 0 ? n : j + 2;
  };
  const quotedEnd = (i2, quote) => {
    let j = i2 + 1;
    while (j < n) {
      const c = text[j];
      if (c === "\\") j += 2;
      else if (c === quote) return j + 1;
      else if (c === "\n") return j;
      else j++;
    }
    return n;
  };
  const rawEnd = (i2) => {
    const open = text.indexOf("(", i2 + 1);
    if (open < 0 || open - i2 - 1 > 16) return -1;
    const delim = text.slice(i2 + 1, open);
    if (/[\s\\()"]/.test(delim)) return -1;
    const close = text.indexOf(`)${delim}"`, open + 1);
    return close < 0 ? n : close + delim.length + 2;
  };
  const directiveEnd = (i2) => {
    let j = i2 + 1;
    let body = "#";
    while (j < n) {
      const c = text[j];
      if (c === "\\" && (text[j + 1] === "\n" || text[j + 1] === "\r" && text[j + 2] === "\n")) {
        j += text[j + 1] === "\n" ? 2 : 3;
        body += " ";
      } else if (c === "\n") {
        break;
      } else if (c === "/" && text[j + 1] === "/") {
        j = lineCommentEnd(j);
      } else if (c === "/" && text[j + 1] === "*") {
        j = blockCommentEnd(j);
        body += " ";
      } else if (c === '"' || c === "'") {
        const e = quotedEnd(j, c);
        body += text.slice(j, e);
        j = e;
      } else {
        body += c;
        j++;
      }
    }
    return { end: j, body: body.replace(/\s+/g, " ").trim() };
  };
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = text[i];
    if (c === "\n") {
      lineStart = true;
      i++;
    } else if (isSpace(c)) {
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      const e = lineCommentEnd(i);
      blank(i, e);
      i = e;
    } else if (c === "/" && text[i + 1] === "*") {
      const e = blockCommentEnd(i);
      blank(i, e);
      i = e;
    } else if (c === "#" && lineStart) {
      const { end, body } = directiveEnd(i);
      const kind = /^#\s*([A-Za-z_]\w*)/.exec(body)?.[1] ?? "";
      directives.push({ start: i, end, text: body, kind });
      blank(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      lineStart = false;
      const e = quotedEnd(i, c);
      hide(i + 1, Math.max(i + 1, text[e - 1] === c && e - 1 > i ? e - 1 : e));
      i = e;
    } else if (/[0-9]/.test(c) || c === "." && /[0-9]/.test(text[i + 1] ?? "")) {
      lineStart = false;
      let j = i + 1;
      while (j < n) {
        const d = text[j];
        if (isIdentChar(d) || d === ".") j++;
        else if ((d === "+" || d === "-") && /[eEpP]/.test(text[j - 1])) j++;
        else if (d === "'" && isIdentChar(text[j + 1])) j += 2;
        else break;
      }
      i = j;
    } else if (isIdentChar(c)) {
      lineStart = false;
      let j = i + 1;
      while (j < n && isIdentChar(text[j])) j++;
      const word = text.slice(i, j);
      const next = text[j];
      if (next === '"' && /^(u8|u|U|L)?R$/.test(word)) {
        const e = rawEnd(j);
        if (e >= 0) {
          hide(j + 1, Math.max(j + 1, e - 1));
          i = e;
          continue;
        }
      }
      i = j;
    } else {
      lineStart = false;
      i++;
    }
  }
  return { text, code: code.join(""), skel: skel.join(""), directives };
}

// server/project/ino/header.ts
var PUNCT2 = ["::", "->", "&&", "||", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "|=", "&=", "^=", "%=", "++", "--"];
function tokenize(skel, from, to) {
  const toks = [];
  let i = from;
  while (i < to) {
    const c = skel[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    let kind = "punct";
    if (c === '"' || c === "'") {
      kind = "string";
      while (j < to && skel[j] === "_") j++;
      if (j < to && skel[j] === c) j++;
    } else if (/[0-9]/.test(c)) {
      kind = "number";
      while (j < to && (isIdentChar(skel[j]) || skel[j] === ".")) j++;
    } else if (isIdentChar(c)) {
      kind = "ident";
      while (j < to && isIdentChar(skel[j])) j++;
      if (j < to && (skel[j] === '"' || skel[j] === "'") && /^(u8|u|U|L)?R?$/.test(skel.slice(i, j))) {
        i = j;
        continue;
      }
    } else if (c === "." && skel.slice(i, i + 3) === "...") {
      j = i + 3;
    } else if (PUNCT2.includes(skel.slice(i, i + 2))) {
      j = i + 2;
    }
    toks.push({ kind, text: skel.slice(i, j), start: i, end: j });
    i = j;
  }
  return toks;
}
function matchForward(t, i) {
  const open = t[i].text;
  const close = open === "(" ? ")" : open === "<" ? ">" : "]";
  let depth = 0;
  let paren = 0;
  for (let k = i; k < t.length; k++) {
    const x = t[k].text;
    if (open === "<" && (x === "(" || x === "[")) paren++;
    else if (open === "<" && (x === ")" || x === "]")) paren--;
    else if (open === "<" && paren > 0) continue;
    else if (x === open) depth++;
    else if (x === close && --depth === 0) return k;
  }
  return -1;
}
function matchBackward(t, i) {
  const close = t[i].text;
  const open = close === ")" ? "(" : close === ">" ? "<" : "[";
  let depth = 0;
  for (let k = i; k >= 0; k--) {
    const x = t[k].text;
    if (x === close) depth++;
    else if (x === open && --depth === 0) return k;
  }
  return -1;
}
var CONTROL = /* @__PURE__ */ new Set([
  "if",
  "while",
  "for",
  "switch",
  "catch",
  "return",
  "sizeof",
  "do",
  "else",
  "alignof",
  "decltype",
  "static_assert",
  "defined"
]);
var SPECIFIERS = /* @__PURE__ */ new Set([
  "static",
  "inline",
  "extern",
  "constexpr",
  "virtual",
  "explicit",
  "friend",
  "register",
  "thread_local",
  "mutable",
  "__inline",
  "__inline__",
  "__extension__"
]);
var NOT_IN_TYPE = /* @__PURE__ */ new Set([
  "return",
  "else",
  "do",
  "typedef",
  "using",
  "goto",
  "case",
  "default",
  "if",
  "while",
  "for",
  "switch",
  "catch",
  "try",
  "throw",
  "new",
  "delete",
  "sizeof",
  "namespace",
  "template",
  "operator",
  "public",
  "private",
  "protected",
  "asm",
  "__asm__",
  "static_assert",
  "this",
  "true",
  "false",
  "nullptr",
  "break",
  "continue"
]);
var PAREN_ATTRS = /* @__PURE__ */ new Set(["__attribute__", "__attribute", "decltype", "alignas", "__declspec", "__typeof__", "typeof"]);
function checkType(t) {
  const bad = { ok: false, hasType: false, isAuto: false };
  let hasType = false;
  let isAuto = false;
  let i = 0;
  while (i < t.length) {
    const tok = t[i];
    if (tok.kind === "ident") {
      if (NOT_IN_TYPE.has(tok.text)) return bad;
      if (PAREN_ATTRS.has(tok.text)) {
        if (t[i + 1]?.text !== "(") return bad;
        const e = matchForward(t, i + 1);
        if (e < 0) return bad;
        if (tok.text === "decltype" || tok.text === "typeof" || tok.text === "__typeof__") hasType = true;
        i = e + 1;
        continue;
      }
      if (!SPECIFIERS.has(tok.text)) hasType = true;
      if (tok.text === "auto") isAuto = true;
      if (t[i + 1]?.text === "<") {
        const e = matchForward(t, i + 1);
        if (e < 0) return bad;
        i = e + 1;
        continue;
      }
      i++;
    } else if (tok.kind === "string") {
      if (t[i - 1]?.text !== "extern") return bad;
      i++;
    } else if (tok.text === "*" || tok.text === "&" || tok.text === "&&" || tok.text === "::") {
      i++;
    } else if (tok.text === "[" && t[i + 1]?.text === "[") {
      const e = matchForward(t, i);
      if (e < 0) return bad;
      i = e + 1;
    } else {
      return bad;
    }
  }
  return { ok: true, hasType, isAuto };
}
function classify(t) {
  if (t.length === 0) return null;
  let i0 = 0;
  let template = false;
  while (t[i0]?.text === "template") {
    if (t[i0 + 1]?.text !== "<") return null;
    const e = matchForward(t, i0 + 1);
    if (e < 0) return null;
    i0 = e + 1;
    template = true;
  }
  let core = t.slice(i0);
  const noProto = (reason, name2, paramCount2 = 0) => ({
    kind: "def",
    name: name2,
    paramCount: paramCount2,
    protoOk: false,
    reason,
    hasDefault: false,
    identifiers: []
  });
  if (core.some((x) => x.text === "operator")) {
    return core.some((x) => x.text === "(") ? noProto("operator", "operator") : null;
  }
  let trailing = [];
  {
    let depth = 0;
    for (let k2 = 0; k2 < core.length; k2++) {
      const x = core[k2].text;
      if (x === "(" || x === "[") depth++;
      else if (x === ")" || x === "]") depth--;
      else if (x === "->" && depth === 0) {
        trailing = core.slice(k2 + 1);
        core = core.slice(0, k2);
        break;
      }
    }
  }
  let ctorInit = false;
  {
    let depth = 0;
    for (let k2 = 0; k2 < core.length; k2++) {
      const x = core[k2].text;
      if (x === "(" || x === "[" || x === "<") depth++;
      else if (x === ")" || x === "]" || x === ">") depth--;
      else if (x === ":" && depth === 0) {
        if (core[k2 - 1]?.text !== ")") return null;
        core = core.slice(0, k2);
        ctorInit = true;
        break;
      }
    }
  }
  let end = core.length - 1;
  let open = -1;
  while (end >= 0) {
    const x = core[end];
    if (x.kind === "ident" && ["const", "volatile", "noexcept", "override", "final"].includes(x.text)) {
      end--;
    } else if (x.text === "&" || x.text === "&&") {
      end--;
    } else if (x.text === "]" && core[end - 1]?.text === "]") {
      const s = matchBackward(core, end);
      if (s < 0) return null;
      end = s - 1;
    } else if (x.text === ")") {
      const s = matchBackward(core, end);
      if (s < 0) return null;
      const before = core[s - 1]?.text;
      if (before === "noexcept" || before === "throw" || before === "__attribute__" || before === "__attribute") {
        end = s - 2;
      } else {
        open = s;
        break;
      }
    } else {
      return null;
    }
  }
  if (open < 0) return null;
  const close = end;
  let k = open - 1;
  const nameTok = core[k];
  if (!nameTok || nameTok.kind !== "ident") return null;
  if (CONTROL.has(nameTok.text) || NOT_IN_TYPE.has(nameTok.text) || SPECIFIERS.has(nameTok.text)) return null;
  let qualified = false;
  k--;
  if (core[k]?.text === "~") k--;
  while (core[k]?.text === "::") {
    qualified = true;
    k--;
    if (core[k]?.text === ">") {
      const s = matchBackward(core, k);
      if (s < 0) return null;
      k = s - 1;
    }
    if (core[k]?.kind === "ident") k--;
  }
  const name = nameTok.text;
  const prefix = core.slice(0, k + 1);
  const params = core.slice(open + 1, close);
  let paramCount = 0;
  let hasDefault = false;
  {
    let depth = 0;
    let any = false;
    for (const p of params) {
      if (p.text === "(" || p.text === "[" || p.text === "<" || p.text === "{") depth++;
      else if (p.text === ")" || p.text === "]" || p.text === ">" || p.text === "}") depth--;
      else if (p.text === "," && depth === 0) paramCount++;
      if (p.text === "=") hasDefault = true;
      any = true;
    }
    if (any) paramCount++;
    if (params.length === 1 && params[0].text === "void") paramCount = 0;
  }
  const type = checkType(prefix);
  if (!type.ok) return null;
  if (trailing.length > 0 && !checkType(trailing).ok) return null;
  const info = {
    kind: "def",
    name,
    paramCount,
    protoOk: true,
    hasDefault,
    identifiers: t.filter((x) => x.kind === "ident").map((x) => x.text)
  };
  const refuse = (reason) => ({ ...info, protoOk: false, reason });
  if (qualified || ctorInit) return refuse("method");
  if (template) return refuse("template");
  if (!type.hasType) return refuse("no return type");
  if (type.isAuto && trailing.length === 0) return refuse("deduced return type");
  if (hasDefault) return refuse("default arguments");
  return info;
}

// server/project/ino/structure.ts
var FILE_STRIDE = 2 ** 32;
var MAX_RETRY = 32;
var globalPos = (file, offset) => file * FILE_STRIDE + offset;
var DIRECTIVE_WORDS = /* @__PURE__ */ new Set(["if", "ifdef", "ifndef", "elif", "else", "endif", "defined", "elifdef", "elifndef"]);
function directiveIdents(d) {
  return (d.text.replace(/^#\s*\w+/, "").match(/[A-Za-z_]\w*/g) ?? []).filter((w) => !DIRECTIVE_WORDS.has(w));
}
function analyse(file, s, ids) {
  const { text, code, skel, directives } = s;
  const defs = [];
  const decls = /* @__PURE__ */ new Set();
  const types = /* @__PURE__ */ new Map();
  const macroChanges = [];
  const addType = (name, offset) => {
    if (name && !types.has(name)) types.set(name, globalPos(file, offset));
  };
  const stack = [];
  const snapshot = () => stack.map((l) => ({
    id: l.id,
    lines: l.lines.map((d) => d.text),
    openPos: globalPos(file, l.lines[0].start),
    lastPos: globalPos(file, l.lines[l.lines.length - 1].start),
    idents: l.lines.flatMap(directiveIdents),
    guardActive: l.guard && l.lines.length === 1
  }));
  const onDirective = (d, index) => {
    const macro = /^#\s*\w+\s+([A-Za-z_]\w*)/.exec(d.text)?.[1];
    switch (d.kind) {
      case "if":
      case "ifdef":
      case "ifndef": {
        const next = directives[index + 1];
        const guard = d.kind === "ifndef" && next?.kind === "define" && macro !== void 0 && /^#\s*\w+\s+([A-Za-z_]\w*)/.exec(next.text)?.[1] === macro;
        stack.push({ id: ids.next++, lines: [d], guard });
        break;
      }
      case "elif":
      case "elifdef":
      case "elifndef":
      case "else":
        stack[stack.length - 1]?.lines.push(d);
        break;
      case "endif":
        stack.pop();
        break;
      case "define":
      case "undef":
        if (macro) macroChanges.push({ name: macro, pos: globalPos(file, d.start) });
        break;
    }
  };
  const classifyAt = (from, to) => {
    const starts = [];
    const nextNonSpace = (k) => {
      while (k < to && isSpace(skel[k])) k++;
      return k;
    };
    const first = nextNonSpace(from);
    if (first >= to) return null;
    starts.push(first);
    const later = [];
    for (let k = skel.indexOf("\n", first); k >= 0 && k < to; k = skel.indexOf("\n", k + 1)) {
      const st = nextNonSpace(k + 1);
      if (st < to && st !== later[later.length - 1]) later.push(st);
    }
    starts.push(...later.slice(-MAX_RETRY));
    let best = null;
    for (const st of starts) {
      const info = classify(tokenize(skel, st, to));
      if (!info) continue;
      if (!best) {
        best = { info, start: st };
        const firstLine = skel.slice(st, skel.indexOf("\n", st) < 0 ? to : Math.min(to, skel.indexOf("\n", st))).trim();
        if (!/^[A-Z][A-Z0-9_]*$/.test(firstLine)) break;
        continue;
      }
      if (info.protoOk) best = { info, start: st };
      break;
    }
    return best;
  };
  const lineStartOf = (offset) => text.lastIndexOf("\n", offset - 1) + 1;
  let depth = 0;
  let paren = 0;
  let stmtStart = 0;
  let typedefPending = false;
  let di = 0;
  for (let i = 0; i < skel.length; i++) {
    while (di < directives.length && directives[di].start <= i) {
      onDirective(directives[di], di);
      di++;
    }
    const c = skel[i];
    if (c === "(") paren++;
    else if (c === ")") paren = Math.max(0, paren - 1);
    else if (c === "{") {
      if (depth === 0 && paren === 0) {
        const found = classifyAt(stmtStart, i);
        if (found) {
          const { info, start } = found;
          const ls = lineStartOf(start);
          const insertAt = /^\s*$/.test(text.slice(ls, start)) ? ls : start;
          let protoOk = info.protoOk;
          let reason = info.reason;
          if (protoOk && directives.some((d) => d.start >= start && d.start < i)) {
            protoOk = false;
            reason = "directive inside header";
          }
          const proto = collapse(code, skel, start, i) + ";";
          defs.push({ file, start, insertAt, info: { ...info, protoOk, reason }, proto, context: snapshot() });
          typedefPending = false;
        } else {
          const toks = tokenize(skel, stmtStart, i);
          typedefPending = toks[0]?.text === "typedef";
          let t0 = 0;
          while (toks[t0]?.text === "template" && toks[t0 + 1]?.text === "<") {
            const e = matchForward(toks, t0 + 1);
            if (e < 0) break;
            t0 = e + 1;
          }
          const kw = toks.findIndex((x, k) => k >= t0 && ["struct", "class", "union", "enum"].includes(x.text));
          if (kw >= 0) {
            let k = kw + 1;
            if (toks[kw].text === "enum" && (toks[k]?.text === "class" || toks[k]?.text === "struct")) k++;
            while (toks[k]?.text === "[" || PAREN_ATTRS.has(toks[k]?.text ?? "")) {
              const e = matchForward(toks, toks[k].text === "[" ? k : k + 1);
              if (e < 0) break;
              k = e + 1;
            }
            if (toks[k]?.kind === "ident" && toks[k].text !== "final") addType(toks[k].text, toks[k].start);
          }
        }
      }
      depth++;
    } else if (c === "}") {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && paren === 0) stmtStart = i + 1;
    } else if (c === ";" && depth === 0 && paren === 0) {
      const toks = tokenize(skel, stmtStart, i);
      if (typedefPending) {
        for (const x of toks) if (x.kind === "ident") addType(x.text, x.start);
      } else if (toks[0]?.text === "typedef") {
        const star = toks.findIndex((x, k) => x.text === "(" && toks[k + 1]?.text === "*");
        const nameTok = star >= 0 ? toks.slice(star + 2).find((x) => x.kind === "ident") : toks.filter((x) => x.kind === "ident").pop();
        addType(nameTok?.text, nameTok?.start ?? i);
      } else if (toks[0]?.text === "using" && toks[2]?.text === "=") {
        addType(toks[1]?.text, toks[1]?.start ?? i);
      } else if (["struct", "class", "union", "enum"].includes(toks[0]?.text ?? "") && !toks.some((x) => x.text === "(")) {
        const k = toks[1]?.text === "class" || toks[1]?.text === "struct" ? 2 : 1;
        if (toks[k]?.kind === "ident" && (toks.length === k + 1 || toks[k + 1]?.text === ":")) addType(toks[k].text, toks[k].start);
      } else {
        const found = classifyAt(stmtStart, i);
        if (found && found.info.reason !== "method" && found.info.reason !== "no return type" && found.info.reason !== "template") {
          decls.add(`${found.info.name}/${found.info.paramCount}`);
        }
      }
      typedefPending = false;
      stmtStart = i + 1;
    }
  }
  while (di < directives.length) {
    onDirective(directives[di], di);
    di++;
  }
  return { defs, decls, types, macroChanges };
}
function collapse(code, skel, from, to) {
  let out = "";
  let space = false;
  for (let k = from; k < to; k++) {
    if (isSpace(skel[k])) {
      space = true;
      continue;
    }
    if (space && out.length > 0) out += " ";
    space = false;
    out += code[k];
  }
  return out;
}

// server/project/inoToCpp.ts
var ONCE_MACRO = "INO_TO_CPP_PROTOTYPES_EMITTED";
function quotePath(path) {
  return `"${path.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, " ")}"`;
}
function lineCounter(text) {
  const starts = [0];
  for (let k = text.indexOf("\n"); k >= 0; k = text.indexOf("\n", k + 1)) starts.push(k + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
var withNewline = (s) => s.length === 0 || s.endsWith("\n") ? s : s + "\n";
function mergeSketch(files) {
  if (files.length === 0) throw new Error("inoToCpp: no .ino files");
  const ordered = files.map((f) => ({
    path: f.path,
    text: f.text.charCodeAt(0) === 65279 ? f.text.slice(1) : f.text
  }));
  const scanned = ordered.map((f) => scan(f.text));
  const ids = { next: 0 };
  const structs = scanned.map((s, k) => analyse(k, s, ids));
  const lineOf = scanned.map((s) => lineCounter(s.text));
  const main = ordered[0];
  const points = [];
  {
    let lastRegion;
    let settled = false;
    for (const d of structs[0].defs) {
      const region = d.context.filter((l) => !l.guardActive).map((l) => `${l.id}.${l.lines.length}`).join("/");
      if (region !== lastRegion) points.push(d.insertAt);
      lastRegion = region;
      if (region === "") {
        settled = true;
        break;
      }
    }
    if (!settled) points.push(main.text.length);
  }
  const first = globalPos(0, points[0]);
  const last = globalPos(0, points[points.length - 1]);
  const declared = /* @__PURE__ */ new Set();
  const typesAt = /* @__PURE__ */ new Map();
  const macroChanges = [];
  for (const st of structs) {
    for (const d of st.decls) declared.add(d);
    for (const [name, pos2] of st.types) if (!typesAt.has(name)) typesAt.set(name, pos2);
    macroChanges.push(...st.macroChanges);
  }
  const protos = [];
  const seen = /* @__PURE__ */ new Set();
  for (const st of structs) {
    for (const d of st.defs) {
      if (!d.info.protoOk) continue;
      if (declared.has(`${d.info.name}/${d.info.paramCount}`)) continue;
      const late = d.info.identifiers.some((id) => {
        const pos2 = typesAt.get(id);
        return pos2 !== void 0 && pos2 > first;
      });
      if (late) continue;
      const defPos = globalPos(d.file, d.start);
      const wrap = d.context.filter((l) => !l.guardActive).filter((l) => {
        const lo = Math.min(first, l.openPos);
        const hi = Math.max(defPos, last, l.lastPos);
        return !macroChanges.some((m) => m.pos > lo && m.pos < hi && l.idents.includes(m.name));
      }).map((l) => l.lines);
      const key = JSON.stringify([wrap, d.proto]);
      if (seen.has(key)) continue;
      seen.add(key);
      protos.push({ text: d.proto, line: lineOf[d.file](d.start), path: ordered[d.file].path, wrap });
    }
  }
  let block = "";
  for (const p of protos) {
    for (const level of p.wrap) block += level.join("\n") + "\n";
    block += `#line ${p.line} ${quotePath(p.path)}
${p.text}
`;
    for (let k = 0; k < p.wrap.length; k++) block += "#endif\n";
  }
  if (points.length > 1 && block) block = `#ifndef ${ONCE_MACRO}
#define ${ONCE_MACRO}
${block}#endif
`;
  let out = `#include <Arduino.h>
#line 1 ${quotePath(main.path)}
`;
  let pos = 0;
  if (block) {
    for (const at of points) {
      out = withNewline(out + main.text.slice(pos, at)) + block;
      if (at < main.text.length) out += `#line ${lineOf[0](at)} ${quotePath(main.path)}
`;
      pos = at;
    }
  }
  out = withNewline(out + main.text.slice(pos));
  for (const f of ordered.slice(1)) out = withNewline(`${out}#line 1 ${quotePath(f.path)}
${f.text}`);
  return out;
}

// server/targets/target.ts
function projectSources(opts) {
  const { projectDir, buildDir, env, dirs } = opts;
  const rel = (p) => {
    const r = relative2(projectDir, p);
    return r === "" ? "." : r.startsWith("..") ? p : r.split(sep4).join("/");
  };
  const srcDir = dirs.src;
  const walkNotices = [];
  const srcFiles = matchSrcFiles(srcDir, env.buildSrcFilter, {
    exclude: [resolve5(projectDir, buildDir)],
    onSkip: (m) => walkNotices.push(`${env.buildSrcFilter.length ? "build_src_filter" : "src_dir"}: ${m}`)
  });
  const inoFiles = opts.allowIno ? srcFiles.filter((f) => /\.(ino|pde)$/.test(f) && !f.includes("/")) : [];
  const srcSources = srcFiles.filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e)));
  if (inoFiles.length === 0 && srcSources.length === 0) {
    const where = rel(srcDir);
    throw new UserError(
      `no source files in ${srcDir}; add ${where}/main.cpp${opts.allowIno ? " or a .ino sketch" : ""} or set src_dir in [platformio]`
    );
  }
  const sources = srcSources.map((f) => rel(join7(srcDir, f)));
  const objectNames = new Map(
    srcSources.map((f) => [rel(join7(srcDir, f)), f.replace(/^(\.\.\/)+/, (ups) => "_up_/".repeat(ups.length / 3))])
  );
  if (inoFiles.length) {
    const sketch = platformioSketchOrder(
      inoFiles.map((f) => ({ path: rel(join7(srcDir, f)), text: readFileSync2(join7(srcDir, f), "utf8") }))
    );
    const cpp = mergeSketch(sketch);
    const relPath = join7(buildDir, "sketch", `${basename3(sketch[0].path)}.cpp`);
    const abs = join7(projectDir, relPath);
    mkdirSync3(dirname5(abs), { recursive: true });
    if (!existsSync2(abs) || readFileSync2(abs, "utf8") !== cpp) writeFileSync(abs, cpp);
    sources.unshift(relPath);
  }
  const includeDirs = [...existsSync2(dirs.include) ? [dirs.include] : [], srcDir];
  const { libraries, notices } = resolveLibraries({
    projectDir,
    dirs,
    env,
    ...opts.frameworkLibrariesDir ? { frameworkLibrariesDir: opts.frameworkLibrariesDir } : {},
    ...opts.platform ? { platform: opts.platform } : {},
    ...opts.framework ? { framework: opts.framework } : {},
    projectFiles: [
      ...sources.map((p) => join7(projectDir, p)),
      ...srcFiles.filter((f) => /\.(h|hpp|ino|pde)$/.test(f)).map((f) => join7(srcDir, f))
    ],
    projectIncludeDirs: includeDirs
  });
  return {
    sources,
    libraries,
    projectIncludes: includeDirs.map((d) => `-I${rel(d)}`),
    libIncludes: [...new Set(libraries.flatMap((l) => l.includeDirs.map((d) => `-I${rel(d)}`)))],
    srcFlags: env.buildSrcFlags,
    notices: [...walkNotices, ...notices],
    rel,
    objectName: (source) => objectNames.get(source),
    fromProject: (p) => relative2(projectDir, p).split(sep4).join("/")
  };
}
function unflagsOf(env) {
  return new Set((env.raw.build_unflags ?? []).flatMap((l) => l.split(/\s+/)).filter(Boolean));
}
function objectPath(buildDir, group, relPath) {
  return `${buildDir}/${group}/${relPath.replace(/^\.\.\//, "")}.o`;
}
function libraryBuildDir(buildDir, lib, ps) {
  const where = lib.origin !== "framework" && isAbsolute3(ps.rel(lib.root)) ? ps.fromProject(lib.root) : ps.rel(lib.root);
  const hash = createHash2("sha1").update(where).digest("hex").slice(0, 3);
  return `${buildDir}/lib${hash}/${basename3(lib.root)}`;
}
function libraryUnits(ps, buildDir, unit, extraIncludes) {
  return ps.libraries.flatMap((lib) => {
    const dir = libraryBuildDir(buildDir, lib, ps);
    const own = lib.includeDirs.map((d) => `-I${ps.rel(d)}`);
    const includes = [.../* @__PURE__ */ new Set([...own, ...ps.libIncludes, ...extraIncludes])];
    const archive = lib.archive ? `${dirname5(dir)}/lib${basename3(lib.root)}.a` : void 0;
    return lib.sources.map((s) => {
      const u = unit(ps.rel(s), `${dir}/${relative2(lib.srcDir, s).split(sep4).join("/")}.o`, includes, {
        flags: lib.flags,
        unflags: lib.unflags
      });
      return archive ? { ...u, archive } : u;
    });
  });
}
function sourceUnits(ps, buildDir, srcDir, unit, extraIncludes) {
  const srcRel = ps.rel(srcDir);
  return ps.sources.map((s) => {
    const inSrc = s.startsWith(`${srcRel}/`) ? s.slice(srcRel.length + 1) : s;
    const name = inSrc.startsWith(`${buildDir}/sketch/`) ? inSrc.slice(`${buildDir}/sketch/`.length) : ps.objectName?.(s) ?? inSrc;
    return unit(s, objectPath(buildDir, "src", name), [...ps.projectIncludes, ...ps.libIncludes, ...extraIncludes], {
      flags: ps.srcFlags,
      unflags: []
    });
  });
}
function archiveSteps(units, tools, always = []) {
  const { ar, ranlib, deterministic } = tools;
  const members = /* @__PURE__ */ new Map();
  const objects = [];
  for (const u of units) {
    if (!u.archive) objects.push(u.object);
    else {
      if (!members.has(u.archive)) members.set(u.archive, []);
      members.get(u.archive).push(u.object);
    }
  }
  for (const archive of always) {
    const objs = members.get(archive) ?? [];
    members.delete(archive);
    members.set(archive, objs);
  }
  const steps = [...members].flatMap(([archive, objs]) => [
    { command: ar, args: [deterministic ? "rcD" : "rc", archive, ...objs] },
    ...ranlib ? [{ command: ranlib, args: [...deterministic ? ["-D"] : [], archive] }] : []
  ]);
  return { steps, archives: [...members.keys()], objects };
}
function libraryLinkFlags(libraries) {
  const out = { linkflags: [], libpath: [], libs: [] };
  for (const lib of libraries) {
    const own = splitBuildFlags(lib.flags);
    for (const f of own.linkflags) (f.startsWith("-L") ? out.libpath : out.linkflags).push(f);
    out.libs.push(...own.libs);
  }
  return { linkflags: [...new Set(out.linkflags)], libpath: [...new Set(out.libpath)], libs: [...new Set(out.libs)] };
}
function splitBuildFlags(flags) {
  const out = {
    defines: [],
    includes: [],
    ccflags: [],
    cflags: [],
    cxxflags: [],
    linkflags: [],
    libs: []
  };
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    if (f === "-D" || f === "-I") {
      const next = flags[++i];
      if (next !== void 0) (f === "-D" ? out.defines : out.includes).push(`${f}${next}`);
    } else if (f.startsWith("-D")) out.defines.push(f);
    else if (f.startsWith("-I")) out.includes.push(f);
    else if (f.startsWith("-Wl,") || f.startsWith("-L")) out.linkflags.push(f);
    else if (f.startsWith("-l")) out.libs.push(f);
    else if (f.startsWith("-std=")) (f.includes("++") ? out.cxxflags : out.cflags).push(f);
    else if (["-include", "-imacros", "-isystem", "-iquote", "-idirafter"].includes(f) && i + 1 < flags.length)
      out.ccflags.push(f, flags[++i]);
    else out.ccflags.push(f);
  }
  return out;
}

// server/targets/prefixMaps.ts
import { spawnSync as spawnSync2 } from "node:child_process";
import { realpathSync as realpathSync2, statSync } from "node:fs";
import { basename as basename4, dirname as dirname6, sep as sep5 } from "node:path";
var versions = /* @__PURE__ */ new Map();
function compilerVersion(compiler) {
  let real;
  let stamp;
  try {
    real = realpathSync2(compiler);
    const st = statSync(real);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    return { kind: "unknown", major: 0 };
  }
  const known = versions.get(real);
  if (known && known.stamp === stamp) return known.version;
  const version = fromLayout(real) ?? fromMacros(compiler);
  versions.set(real, { stamp, version });
  return version;
}
function fromLayout(real) {
  const name = basename4(real);
  if (!/(^|-)(gcc|g\+\+|cc|c\+\+)(-\d+)?$/.test(name) || /clang/.test(name)) return void 0;
  const prefix = name.replace(/-?(gcc|g\+\+|cc|c\+\+)(-\d+)?$/, "");
  const dir = dirname6(real);
  const version = prefix && gccLayoutVersion(dir, prefix) || gccLayoutVersion(dir, void 0);
  return version ? { kind: "gcc", major: Number.parseInt(version, 10) } : void 0;
}
function fromMacros(compiler) {
  const r = spawnSync2(compiler, ["-dM", "-E", "-x", "c", "/dev/null"], { encoding: "utf8", env: childEnv(), timeout: 3e4 });
  const macro = (name) => new RegExp(`^#define ${name} (\\d+)$`, "m").exec(r.stdout ?? "")?.[1];
  const clang = macro("__clang_major__");
  if (clang) return { kind: "clang", major: Number.parseInt(clang, 10) };
  const gnu = macro("__GNUC__");
  return gnu ? { kind: "gcc", major: Number.parseInt(gnu, 10) } : { kind: "unknown", major: 0 };
}
function hasMacroPrefixMap(v) {
  return v.kind === "gcc" && v.major >= 8 || v.kind === "clang" && v.major >= 10;
}
var namesProject = (projectDir) => {
  const inside = projectDir.endsWith(sep5) ? projectDir : projectDir + sep5;
  return (arg) => !/^-f(debug|macro|file)-prefix-map=/.test(arg) && (arg.includes(inside) || arg.endsWith(projectDir));
};
function macroPrefixMap(version, projectDir, args) {
  if (!hasMacroPrefixMap(version) || !args.some(namesProject(projectDir))) return [];
  return [`-fmacro-prefix-map=${projectDir}=.`];
}
var hasDebugInfo = (flags) => {
  let on = false;
  for (const f of flags) if (/^-g/.test(f)) on = f !== "-g0";
  return on;
};
var linksWithLto = (flags) => {
  let on = false;
  for (const f of flags) {
    if (f === "-flto" || f.startsWith("-flto=")) on = true;
    else if (f === "-fno-lto") on = false;
  }
  return on;
};
function linkDebugPrefixMap(projectDir, linkFlags) {
  return linksWithLto(linkFlags) && hasDebugInfo(linkFlags) ? [`-fdebug-prefix-map=${projectDir}=.`] : [];
}

// server/targets/avrTarget.ts
var PLATFORMIO_VERSION_DEFINE = "-DPLATFORMIO=60118";
function checkBoard(env, boardsDir) {
  if (!env.board) throw new UserError(`env '${env.name}' has no board; add e.g. board = uno to [env:${env.name}]`);
  let board;
  try {
    board = findBoard(env.board, boardsDir);
  } catch (e) {
    if (e instanceof BoardFileError) throw new UserError(`env '${env.name}': ${e.message}`);
    throw e;
  }
  if (!board) throw new UserError(`unknown board '${env.board}' in env '${env.name}'; ${unknownBoardHint(env.board)}`);
  if (env.platform && env.platform !== board.platform) {
    throw new UserError(
      `env '${env.name}': platform '${env.platform}' does not match board '${board.id}' (platform ${board.platform}); set platform = ${board.platform}`
    );
  }
  if (env.framework && env.framework !== "arduino") {
    throw new UserError(`env '${env.name}': framework '${env.framework}' is not supported; set framework = arduino`);
  }
  const custom = withBoardOptions(board, env.raw);
  if (typeof custom === "string") throw new UserError(`env '${env.name}': ${custom}`);
  return custom;
}
var AVR_PLATFORM_VERSION = "5.2.0";
function avrFlags(board, userDefines = []) {
  return {
    ccflags: [`-mmcu=${board.mcu}`, "-Os", "-Wall", "-ffunction-sections", "-fdata-sections", "-flto"],
    cflags: ["-std=gnu11", "-fno-fat-lto-objects"],
    // The MCUdude cores are C++17; every other core C++11.
    cxxflags: ["-fno-exceptions", "-fno-threadsafe-statics", "-fpermissive", GNU17_CORES.has(board.core) ? "-std=gnu++17" : "-std=gnu++11"],
    asppflags: [`-mmcu=${board.mcu}`, "-x", "assembler-with-cpp"],
    // PLATFORMIO first, then the board's extra_flags; the user's defines go between these and the framework's.
    boardDefines: [PLATFORMIO_VERSION_DEFINE, ...board.extraFlags],
    frameworkDefines: [
      `-DF_CPU=${board.fCpu}`,
      "-DARDUINO_ARCH_AVR",
      "-DARDUINO=10808",
      // Boards with native USB name themselves to the host (the core's USBCore.cpp).
      ...board.usb ? [
        `-DUSB_VID=${board.usb.vid}`,
        `-DUSB_PID=${board.usb.pid}`,
        `-DUSB_PRODUCT="${board.usb.product.replaceAll('"', "")}"`,
        `-DUSB_MANUFACTURER="${board.usb.vendor.replaceAll('"', "")}"`
      ] : [],
      ...tinyDefines(board, [...board.extraFlags, ...userDefines])
    ],
    linkflags: [`-mmcu=${board.mcu}`, "-Os", "-Wl,--gc-sections", "-flto", "-fuse-linker-plugin"]
  };
}
function tinyDefines(board, defines) {
  if (board.core !== "tiny" && board.core !== "tinymodern") return [];
  const has = (name) => defines.some((d) => d === `-D${name}` || d.startsWith(`-D${name}=`));
  return [
    ...has("CLOCK_SOURCE") ? [] : [`-DCLOCK_SOURCE=${board.clockSource ?? "0"}`],
    ...has("NEOPIXELPORT") ? [] : [`-DNEOPIXELPORT=${board.neoPixelPort ?? "PORTA"}`]
  ];
}
async function prepareAvrTarget(opts) {
  const board = checkBoard(opts.env, boardsDirOf(opts.dirs, opts.projectDir));
  const framework = await resolveAvrFramework({
    board,
    envName: opts.env.name,
    toolchain: opts.toolchain ?? systemAvrToolchain(opts.processEnv),
    toolchainsDir: opts.toolchainsDir ?? toolchainsDirFor(opts.processEnv),
    packages: corePackages(opts.processEnv),
    offline: opts.offline ?? ["1", "true", "yes"].includes((opts.processEnv.FBUILD_OFFLINE ?? "").toLowerCase()),
    ...opts.processEnv.FBUILD_REGISTRY_URL ? { registryUrl: opts.processEnv.FBUILD_REGISTRY_URL } : {},
    coreOption: (opts.env.raw["board_build.core"] ?? []).join("").trim() !== ""
  });
  return avrTarget({ ...opts, framework });
}
function randomSeed(buildDir, object) {
  const prefix = buildDir.endsWith("/") ? buildDir : `${buildDir}/`;
  return object.startsWith(prefix) ? object.slice(prefix.length) : object;
}
function avrTarget(opts) {
  const { projectDir, buildDir, env, dirs } = opts;
  const board = checkBoard(env, boardsDirOf(dirs, projectDir));
  const tc = opts.toolchain ?? systemAvrToolchain(opts.processEnv);
  const toolchainsDir = opts.toolchainsDir ?? toolchainsDirFor(opts.processEnv);
  const framework = opts.framework ?? localAvrFramework({ board, envName: env.name, toolchain: tc, toolchainsDir, packages: corePackages(opts.processEnv) });
  if (!framework) {
    throw new UserError(`env '${env.name}': board '${board.id}' needs its framework package installed first (fbuild build installs it)`);
  }
  const variantsDir = board.variantsDir ? join8(projectDir, board.variantsDir) : join8(framework.dir, "variants");
  if (board.variant && !existsSync3(join8(variantsDir, board.variant))) {
    throw new UserError(`env '${env.name}': board variant '${board.variant}' is not in ${variantsDir}; fix board_build.variant`);
  }
  const coreDir = join8(framework.dir, "cores", board.core);
  if (!existsSync3(coreDir)) {
    throw new UserError(`env '${env.name}': the core '${board.core}' is not in ${join8(framework.dir, "cores")}; fix board_build.core`);
  }
  const flashMax = sketchFlashMax(board);
  const elf = `${buildDir}/firmware.elf`;
  const hex2 = `${buildDir}/firmware.hex`;
  const user = splitBuildFlags(env.buildFlags);
  const flags = avrFlags(board, user.defines);
  const unflags = unflagsOf(env);
  const keep = (list) => list.filter((f) => !unflags.has(f));
  const debug = debugBuild(env);
  const gccVersion = tc.gccMajor > 0 ? { kind: "gcc", major: tc.gccMajor } : compilerVersion(tc.gcc);
  const linkFlags = (list) => debug ? [...withoutOptimization(list), ...debug.linkflags] : list;
  const notices = [...framework.notices];
  const frameworkLibrariesDir = join8(framework.dir, "libraries");
  let libLink = { linkflags: [], libpath: [], libs: [] };
  const target = {
    description: framework.dir === tc.frameworkDir ? tc.description : `${tc.description}; core ${board.core} from ${framework.description}`,
    tools: [tc.gcc, tc.gxx, tc.ar, tc.ranlib, tc.objcopy, tc.size],
    fingerprintParts: [board.id, framework.description, ...tc.extraFlags],
    artifacts: { elf, hex: hex2 },
    limits: { name: board.name, flashMax, ramMax: board.ramMax },
    notices,
    frameworkLibrariesDir,
    planUnits() {
      const ps = projectSources({
        projectDir,
        buildDir,
        env,
        dirs,
        frameworkLibrariesDir,
        platform: board.platform,
        framework: "arduino",
        allowIno: true
      });
      notices.splice(0, notices.length, ...framework.notices, ...ps.notices);
      const platformNote = env.platformSpec ? platformNotice(env.platformSpec, AVR_PLATFORM_VERSION) : void 0;
      if (platformNote) notices.push(platformNote);
      libLink = libraryLinkFlags(ps.libraries);
      const core = coreDir;
      const variant = board.variant ? join8(variantsDir, board.variant) : void 0;
      const frameworkIncludes = [core, ...variant ? [variant] : []].map((p) => `-I${p}`);
      const unit = (source, object, includes, extra) => {
        const own = splitBuildFlags(extra.flags);
        const drop = new Set(extra.unflags);
        const k = (list) => keep(list).filter((f) => !drop.has(f));
        const defines = k([
          ...flags.boardDefines,
          ...user.defines,
          ...flags.frameworkDefines,
          ...tc.extraFlags,
          ...debug?.defines ?? [],
          ...own.defines
        ]);
        const incs = [.../* @__PURE__ */ new Set([...user.includes, ...own.includes, ...includes])];
        const ours = (rest) => [
          "-MD",
          `-frandom-seed=${randomSeed(buildDir, object)}`,
          ...rest.some((a) => /^-g(?!0$)/.test(a)) ? [`-fdebug-prefix-map=${projectDir}=.`] : [],
          ...macroPrefixMap(gccVersion, projectDir, [...rest, ...defines, ...incs])
        ];
        if (source.endsWith(".S")) {
          return {
            source,
            object,
            compiler: tc.gcc,
            args: [
              ...k([...flags.asppflags, ...debug?.asflags ?? []]),
              ...defines,
              ...incs,
              ...ours(k([...flags.asppflags, ...debug?.asflags ?? []])),
              "-c",
              "-o",
              object,
              source
            ]
          };
        }
        const isC = source.endsWith(".c");
        const lang = isC ? [...user.cflags, ...flags.cflags, ...own.cflags] : [...user.cxxflags, ...flags.cxxflags, ...own.cxxflags];
        const cc = debug ? [...withoutOptimization([...user.ccflags, ...flags.ccflags]), ...debug.ccflags, ...own.ccflags] : [...user.ccflags, ...flags.ccflags, ...own.ccflags];
        return {
          source,
          object,
          compiler: isC ? tc.gcc : tc.gxx,
          args: ["-o", object, "-c", ...k(lang), ...k(cc), ...ours([...k(lang), ...k(cc)]), ...defines, ...incs, source]
        };
      };
      const frameworkUnits = (dir, group) => listFiles(dir).filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e))).map((f) => ({
        ...unit(join8(dir, f), objectPath(buildDir, group, f), frameworkIncludes, { flags: [], unflags: [] }),
        archive: `${buildDir}/lib${group}.a`
      }));
      return [
        ...sourceUnits(ps, buildDir, dirs.src, unit, frameworkIncludes),
        ...libraryUnits(ps, buildDir, unit, frameworkIncludes),
        // The order of PlatformIO's LIBS: the variant, then the core.
        ...variant ? frameworkUnits(variant, "FrameworkArduinoVariant") : [],
        ...frameworkUnits(core, "FrameworkArduino")
      ];
    },
    linkSteps(units) {
      const frameworkArchives = [...board.variant ? ["FrameworkArduinoVariant"] : [], "FrameworkArduino"].map(
        (g) => `${buildDir}/lib${g}.a`
      );
      const { steps, archives, objects } = archiveSteps(units, { ar: tc.ar, ranlib: tc.ranlib, deterministic: true }, frameworkArchives);
      const linkflags = keep(linkFlags([...libLink.linkflags, ...user.linkflags.filter((f) => !f.startsWith("-L")), ...flags.linkflags]));
      const link = [
        "-o",
        elf,
        ...linkflags,
        // An LTO link with debug info writes the debug info: without the map it names the checkout.
        ...linkDebugPrefixMap(projectDir, linkflags),
        ...objects,
        ...libLink.libpath,
        `-L${buildDir}`
      ];
      link.push(
        ...user.linkflags.filter((f) => f.startsWith("-L")),
        "-Wl,--start-group",
        ...archives,
        ...libLink.libs,
        ...user.libs,
        "-lm",
        "-Wl,--end-group"
      );
      return {
        archives,
        steps: [
          ...steps,
          { command: tc.gxx, args: link },
          { command: tc.objcopy, args: ["-O", "ihex", "-R", ".eeprom", elf, hex2] },
          { command: tc.size, args: ["-A", "-d", elf] }
        ]
      };
    },
    size(stdout) {
      const s = parseAvrSize(stdout[stdout.length - 1]?.toString() ?? "");
      return { flash: s.flash, ram: s.ram, flashMax, ramMax: board.ramMax };
    },
    explainLinkFailure(stderr) {
      const overflow = linkerOverflow(stderr);
      if (overflow) {
        return `firmware too big for ${board.name}: it does not fit in ${overflow.region === "text" ? "flash" : "RAM"} (over by ${overflow.bytes} bytes, says the linker); make the code or its data smaller`;
      }
      const twice = /multiple definition of [`']([^']+)'/.exec(stderr);
      if (twice) return `link failed: ${twice[1]} is defined twice (see the linker's messages above); remove one of the definitions`;
      return void 0;
    }
  };
  return target;
}
var OPTIMIZATION_FLAGS = /* @__PURE__ */ new Set(["-Os", "-g", ...[0, 1, 2, 3].flatMap((n) => [`-O${n}`, `-g${n}`, `-ggdb${n}`])]);
var withoutOptimization = (list) => list.filter((f) => !OPTIMIZATION_FLAGS.has(f));
function debugBuild(env) {
  const type = env.raw.build_type?.join(" ").trim().toLowerCase();
  if (type !== "debug") return void 0;
  const given = env.raw.debug_build_flags;
  const flags = splitBuildFlags(
    given && given.length > 0 ? given.flatMap((l) => l.split(/\s+/)).filter(Boolean) : ["-Og", "-g2", "-ggdb2"]
  );
  const levels = flags.ccflags.filter((f) => f.startsWith("-O") || f.startsWith("-g"));
  return {
    defines: ["-D__PLATFORMIO_BUILD_DEBUG__", ...flags.defines],
    ccflags: flags.ccflags,
    asflags: levels.filter((f) => f.startsWith("-g")),
    linkflags: levels
  };
}
function boardsDirOf(dirs, projectDir) {
  return dirs.boards ?? join8(projectDir, "boards");
}

// server/targets/nativeTarget.ts
import { spawnSync as spawnSync3 } from "node:child_process";
import { existsSync as existsSync4 } from "node:fs";
function nativeTarget(opts) {
  const { projectDir, buildDir, env, dirs } = opts;
  const cc = opts.processEnv.CC && !opts.processEnv.CC.includes(" ") ? opts.processEnv.CC : "gcc";
  const cxx = opts.processEnv.CXX && !opts.processEnv.CXX.includes(" ") ? opts.processEnv.CXX : "g++";
  const gcc = onPath(cc, opts.processEnv) ?? (existsSync4(cc) ? cc : void 0);
  const gxx = onPath(cxx, opts.processEnv) ?? (existsSync4(cxx) ? cxx : void 0);
  if (!gcc || !gxx)
    throw new UserError(`${!gcc ? cc : cxx} not found on PATH; install a host compiler (apt-get install gcc g++) for platform = native`);
  const version = spawnSync3(gcc, ["-dumpversion"], { encoding: "utf8", env: childEnv() }).stdout.trim();
  const program = `${buildDir}/program`;
  let libLink = { linkflags: [], libpath: [], libs: [] };
  return {
    description: `host gcc ${version} (${gcc}, ${gxx})`,
    tools: [gcc, gxx],
    fingerprintParts: ["native"],
    artifacts: { elf: program, hex: "" },
    limits: { name: "native", flashMax: 0, ramMax: 0 },
    planUnits() {
      const ps = projectSources({ projectDir, buildDir, env, dirs, allowIno: false });
      libLink = libraryLinkFlags(ps.libraries);
      const unflags = unflagsOf(env);
      const unit = (source, object, includes, extra) => {
        const isC = source.endsWith(".c");
        const drop = new Set(extra.unflags);
        const defaults = ["-O1", "-MMD", ...isC ? ["-std=gnu11"] : ["-std=gnu++17"]].filter((f) => !unflags.has(f) && !drop.has(f));
        return {
          source,
          object,
          compiler: isC ? gcc : gxx,
          args: ["-c", ...defaults, ...env.buildFlags, ...extra.flags, ...includes, source, "-o", object]
        };
      };
      return [...sourceUnits(ps, buildDir, dirs.src, unit, []), ...libraryUnits(ps, buildDir, unit, [])];
    },
    linkSteps(units) {
      const { steps, archives, objects } = archiveSteps(units, { ar: "ar", deterministic: true });
      const link = [
        "-o",
        program,
        ...libLink.linkflags,
        ...objects,
        ...libLink.libpath,
        ...archives.length || libLink.libs.length ? ["-Wl,--start-group", ...archives, ...libLink.libs, "-Wl,--end-group"] : []
      ];
      return {
        archives,
        steps: [...steps, { command: gxx, args: [...link, ...env.buildFlags.filter((f) => /^-(l|L|Wl,|pthread$)/.test(f))] }]
      };
    },
    size: () => ({ flash: 0, ram: 0, flashMax: 0, ramMax: 0 }),
    explainLinkFailure: () => void 0
  };
}

// server/targets/esp32Target.ts
import { existsSync as existsSync5, readFileSync as readFileSync5 } from "node:fs";
import { isAbsolute as isAbsolute4, join as join10 } from "node:path";

// server/targets/esp32BuildScript.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { basename as basename5, join as join9 } from "node:path";
var PyTuple = class {
  constructor(items) {
    this.items = items;
  }
  items;
};
var PyObject = class {
  constructor(kind) {
    this.kind = kind;
  }
  kind;
};
var ScriptError = class extends UserError {
  constructor(file, line, what) {
    super(
      `cannot read ${file} (line ${line}): ${what}; this libs package is not supported by this fbuild version, install the pinned one with 'fbuild toolchains install esp32dev'`
    );
  }
};
function unescapePython(body) {
  return body.replace(/\\(.)/g, (_, c) => ({ n: "\n", t: "	", "\\": "\\", "'": "'", '"': '"' })[c] ?? `\\${c}`);
}
function tokenize2(text, file) {
  const out = [];
  let i = 0;
  let line = 1;
  let depth = 0;
  let lineStart = true;
  while (i < text.length) {
    const c = text[i];
    if (lineStart) {
      let j = i;
      while (text[j] === " " || text[j] === "	") j++;
      if (text[j] === "\n" || text[j] === "#" || j >= text.length) {
        while (j < text.length && text[j] !== "\n") j++;
        i = j + 1;
        line++;
        continue;
      }
      out.push({ kind: "newline", text: "", line, indent: j - i });
      i = j;
      lineStart = false;
      continue;
    }
    if (c === "\n") {
      line++;
      i++;
      if (depth === 0) lineStart = true;
      continue;
    }
    if (c === " " || c === "	" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "\\" && text[i + 1] === "\n") {
      i += 2;
      line++;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      let body = "";
      while (j < text.length && !text.startsWith(quote, j)) {
        if (text[j] === "\\") {
          body += text.slice(j, j + 2);
          j += 2;
          continue;
        }
        if (text[j] === "\n") {
          if (!triple) throw new ScriptError(file, line, "unterminated string");
          line++;
        }
        body += text[j++];
      }
      if (j >= text.length) throw new ScriptError(file, line, "unterminated string");
      out.push({ kind: "str", text: body, value: unescapePython(body), line });
      i = j + quote.length;
      continue;
    }
    const num = /^(0x[0-9a-fA-F]+|\d+(\.\d+)?)/.exec(text.slice(i, i + 40));
    if (num) {
      out.push({ kind: "num", text: num[0], value: Number(num[0]), line });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 200));
    if (name) {
      out.push({ kind: "name", text: name[0], line });
      i += name[0].length;
      continue;
    }
    if ("([{".includes(c)) depth++;
    if (")]}".includes(c)) depth = Math.max(0, depth - 1);
    if ("()[]{},.=%+:".includes(c)) {
      out.push({ kind: "op", text: c, line });
      i++;
      continue;
    }
    throw new ScriptError(file, line, `unexpected character '${c}'`);
  }
  out.push({ kind: "newline", text: "", line, indent: 0 });
  return out;
}
var Evaluator = class {
  constructor(tokens, file, ctx) {
    this.tokens = tokens;
    this.file = file;
    this.ctx = ctx;
  }
  tokens;
  file;
  ctx;
  pos = 0;
  vars = /* @__PURE__ */ new Map();
  env = {};
  peek(offset = 0) {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }
  next() {
    return this.tokens[this.pos++];
  }
  fail(what, t = this.peek()) {
    throw new ScriptError(this.file, t.line, what);
  }
  expectOp(op) {
    const t = this.next();
    if (t.kind !== "op" || t.text !== op) this.fail(`expected '${op}', found '${t.text || t.kind}'`, t);
  }
  isOp(op, offset = 0) {
    const t = this.peek(offset);
    return t.kind === "op" && t.text === op;
  }
  run() {
    while (this.pos < this.tokens.length - 1) this.statement(true);
  }
  /** One logical line (and, for `if`, its block). `execute` false skips the effects. */
  statement(execute) {
    const start = this.next();
    if (start.kind !== "newline") this.fail("expected a new line", start);
    const indent = start.indent;
    const first = this.peek();
    if (first.kind === "name" && (first.text === "from" || first.text === "import")) {
      while (this.peek().kind !== "newline") this.next();
      return;
    }
    if (first.kind === "name" && first.text === "if") {
      this.next();
      const cond = this.condition();
      this.expectOp(":");
      while (this.peek().kind === "newline" && this.peek().indent > indent) this.statement(execute && cond);
      return;
    }
    if (first.kind === "name" && this.isOp("=", 1)) {
      this.next();
      this.next();
      const value = this.expression();
      if (execute) this.vars.set(first.text, value);
    } else this.expression(execute);
    if (this.peek().kind !== "newline") this.fail(`unexpected '${this.peek().text}'`);
  }
  /** `"NAME" in flatten_cppdefines`: the only condition the generator writes. */
  condition() {
    const needle = this.expression();
    const t = this.next();
    if (t.kind !== "name" || t.text !== "in") this.fail("unsupported condition", t);
    const hay = this.expression();
    if (typeof needle !== "string" || !Array.isArray(hay)) this.fail("unsupported condition", t);
    return hay.includes(needle);
  }
  expression(execute = true) {
    let left = this.term(execute);
    for (; ; ) {
      if (this.isOp("%")) {
        this.next();
        const right = this.term(execute);
        left = this.format(left, right);
      } else if (this.isOp("+")) {
        this.next();
        const right = this.term(execute);
        if (typeof left === "string" && typeof right === "string") left = left + right;
        else if (Array.isArray(left) && Array.isArray(right)) left = [...left, ...right];
        else this.fail("'+' on these values is not supported");
      } else return left;
    }
  }
  format(fmt, arg) {
    if (typeof fmt !== "string") this.fail("'%' needs a string on its left");
    const args = arg instanceof PyTuple ? arg.items : [arg];
    let k = 0;
    return fmt.replace(/%[sd%]/g, (m) => m === "%%" ? "%" : String(args[k++] ?? this.fail("too few values for %")));
  }
  term(execute) {
    let value = this.atom(execute);
    for (; ; ) {
      if (this.isOp(".")) {
        this.next();
        const method = this.next();
        if (method.kind !== "name") this.fail("expected a method name", method);
        const args = this.isOp("(") ? this.callArgs(execute) : this.fail(`attribute '${method.text}' is not supported`, method);
        value = this.callMethod(value, method, args.positional, args.keywords, execute);
      } else if (this.isOp("[")) {
        this.next();
        const key = this.expression(execute);
        this.expectOp("]");
        value = value instanceof PyObject && value.kind === "env" && typeof key === "string" ? this.envValue(key) : this.fail("indexing is not supported");
      } else return value;
    }
  }
  envValue(key) {
    if (key === "CPPDEFINES") return [...this.ctx.cppdefines, ...this.env.CPPDEFINES ?? []];
    return this.env[key] ?? [];
  }
  atom(execute) {
    const t = this.next();
    if (t.kind === "str") {
      let s = t.value;
      while (this.peek().kind === "str") s += this.next().value;
      return s;
    }
    if (t.kind === "num") return t.value;
    if (t.kind === "op" && (t.text === "[" || t.text === "(")) {
      const close = t.text === "[" ? "]" : ")";
      const items = [];
      let comma = false;
      while (!this.isOp(close)) {
        items.push(this.expression(execute));
        if (this.isOp(",")) {
          this.next();
          comma = true;
        } else break;
      }
      this.expectOp(close);
      if (close === "]") return items;
      return items.length === 1 && !comma ? items[0] : new PyTuple(items);
    }
    if (t.kind === "name") {
      if (t.text === "True" || t.text === "False") return t.text === "True";
      if (t.text === "None") return null;
      if (this.isOp("(")) {
        const args = this.callArgs(execute);
        return this.callFunction(t, args.positional);
      }
      if (this.vars.has(t.text)) return this.vars.get(t.text);
      if (t.text === "env") return new PyObject("env");
      this.fail(`unknown name '${t.text}'`, t);
    }
    this.fail(`unexpected '${t.text || t.kind}'`, t);
  }
  callArgs(execute) {
    this.expectOp("(");
    const positional = [];
    const keywords = [];
    while (!this.isOp(")")) {
      if (this.peek().kind === "name" && this.isOp("=", 1)) {
        const key = this.next().text;
        this.next();
        keywords.push([key, this.expression(execute)]);
      } else positional.push(this.expression(execute));
      if (this.isOp(",")) this.next();
      else break;
    }
    this.expectOp(")");
    return { positional, keywords };
  }
  callFunction(name, args) {
    const strings = args.map((a) => typeof a === "string" ? a : this.fail(`${name.text}() of a non-string`, name));
    switch (name.text) {
      case "join":
        return join9(...strings);
      case "basename":
        return basename5(strings[0] ?? "");
      case "DefaultEnvironment":
        return new PyObject("env");
      default:
        this.fail(`function '${name.text}' is not supported`, name);
    }
  }
  callMethod(target, method, args, keywords, execute) {
    const m = method.text;
    if (typeof target === "string" && m === "replace" && typeof args[0] === "string" && typeof args[1] === "string") {
      return target.split(args[0]).join(args[1]);
    }
    if (target instanceof PyObject) {
      if (target.kind === "env" && m === "PioPlatform") return new PyObject("platform");
      if (target.kind === "env" && m === "BoardConfig") return new PyObject("board");
      if (target.kind === "env" && m === "Flatten")
        return Array.isArray(args[0]) ? args[0].flatMap((v) => v instanceof PyTuple ? v.items : [v]) : [];
      if (target.kind === "env" && (m === "Append" || m === "Prepend") && args.length === 0) {
        if (execute) {
          for (const [key, value] of keywords) {
            const list = Array.isArray(value) ? value : [value];
            this.env[key] = m === "Append" ? [...this.env[key] ?? [], ...list] : [...list, ...this.env[key] ?? []];
          }
        }
        return null;
      }
      if (target.kind === "platform" && m === "get_package_dir" && typeof args[0] === "string") {
        if (args[0] === "framework-arduinoespressif32") return this.ctx.frameworkDir;
        if (args[0] === "framework-arduinoespressif32-libs") return this.ctx.sdkDir;
        this.fail(`package '${args[0]}' is not known`, method);
      }
      if (target.kind === "board" && m === "get" && typeof args[0] === "string") {
        const v = this.ctx.board[args[0]];
        if (v !== void 0) return v;
        if (args.length > 1) return args[1];
        this.fail(`the board has no '${args[0]}'`, method);
      }
    }
    this.fail(`method '${m}' is not supported here`, method);
  }
};
function evaluateBuildScript(text, file, ctx) {
  const ev = new Evaluator(tokenize2(text, file), file, ctx);
  ev.run();
  return ev.env;
}
function readBuildScript(ctx, mcu) {
  const file = join9(ctx.sdkDir, mcu, "pioarduino-build.py");
  let text;
  try {
    text = readFileSync3(file, "utf8");
  } catch {
    throw new UserError(
      `${file} is missing: the framework-arduinoespressif32-libs package is incomplete; remove ${ctx.sdkDir} and run 'fbuild toolchains install esp32dev'`
    );
  }
  return evaluateBuildScript(text, file, ctx);
}
function shellWord(item) {
  let out = "";
  for (let i = 0; i < item.length; i++) {
    const c = item[i];
    if (c === "\\" && (item[i + 1] === '"' || item[i + 1] === "\\" || item[i + 1] === "$")) out += item[++i];
    else if (c !== '"') out += c;
  }
  return out;
}
function substitute(item, vars, file) {
  return item.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => {
    const key = a ?? b;
    const v = vars[key];
    if (v === void 0) throw new UserError(`${file}: the build variable $${key} is not supported by this fbuild version`);
    return v;
  });
}
function defineFlag(item) {
  if (typeof item === "string") return `-D${item}`;
  if (item instanceof PyTuple && typeof item.items[0] === "string") {
    const v = item.items[1];
    return v === null || v === void 0 ? `-D${item.items[0]}` : `-D${item.items[0]}=${String(v)}`;
  }
  throw new UserError(`unsupported CPPDEFINES item ${JSON.stringify(item)}`);
}
function stringList(env, key) {
  return (env[key] ?? []).map((v) => typeof v === "string" ? v : typeof v === "number" ? String(v) : defineFlag(v));
}

// server/targets/esp32Image.ts
import { readFileSync as readFileSync4, writeFileSync as writeFileSync2 } from "node:fs";
function appPartition(partitions) {
  const apps = partitions.filter((p) => p.type === TYPE.app);
  const app = apps.find((p) => p.subtype === 16) ?? apps.find((p) => p.subtype === 0) ?? apps[0];
  if (!app) throw new Error("partition table has no app partition");
  return app;
}
var hex = (n) => `0x${n.toString(16)}`;
function esp32ImagePlan(opts) {
  const mode = ["qio", "qout"].includes(opts.flashMode) ? "dio" : opts.flashMode;
  const freq = `${Math.trunc(Number.parseInt(opts.fFlash, 10) / 1e6)}m`;
  const options = { flashMode: mode, flashFreq: freq, flashSize: opts.flashSize };
  const app = {
    elf: `${opts.buildDir}/firmware.elf`,
    out: `${opts.buildDir}/firmware.bin`,
    options: { ...options, elfSha256Offset: 176 }
  };
  const bootloader = {
    elf: `${opts.sdkDir}/esp32/bin/bootloader_${mode}_${freq}.elf`,
    out: `${opts.buildDir}/bootloader.bin`,
    options
  };
  const esptoolArgs = (job) => [
    "--chip",
    "esp32",
    "elf2image",
    "--flash-mode",
    job.options.flashMode,
    "--flash-freq",
    job.options.flashFreq,
    "--flash-size",
    job.options.flashSize,
    ...job.options.elfSha256Offset ? ["--elf-sha256-offset", hex(job.options.elfSha256Offset)] : [],
    "-o",
    job.out,
    job.elf
  ];
  const table = parsePartitionTable(opts.partitionsCsv, opts.partitionsCsvPath);
  const appSlot = appPartition(table);
  return {
    images: [app, bootloader],
    commands: opts.esptool ? [app, bootloader].map((job) => [opts.esptool, ...esptoolArgs(job)]) : [],
    partitions: { csvPath: opts.partitionsCsvPath, csv: opts.partitionsCsv, out: `${opts.buildDir}/partitions.bin` },
    flash: [
      { offset: "0x1000", file: bootloader.out },
      { offset: "0x8000", file: `${opts.buildDir}/partitions.bin` },
      { offset: "0xe000", file: `${opts.frameworkDir}/tools/partitions/boot_app0.bin` },
      { offset: hex(appSlot.offset), file: app.out }
    ],
    appMax: appSlot.size
  };
}
function writeEsp32Images(plan, path) {
  if (!plan.commands.length) {
    for (const job of plan.images) writeFileSync2(path(job.out), elf2image(readFileSync4(path(job.elf)), job.options, job.elf));
  }
  const { csvPath, csv, out } = plan.partitions;
  writeFileSync2(path(out), partitionTableBinary(parsePartitionTable(csv, csvPath), csvPath));
}

// server/targets/esp32Target.ts
function esp32Flags(opts) {
  const { board, env, packages } = opts;
  const user = splitBuildFlags(env.buildFlags);
  const partitions = env.raw["board_build.partitions"]?.[0];
  const boardConfig = {
    name: board.name,
    "build.mcu": board.mcu,
    "build.core": board.core,
    "build.variant": board.variant,
    "build.f_cpu": board.fCpu,
    "build.f_flash": board.fFlash,
    "build.flash_mode": env.raw["board_build.flash_mode"]?.[0] ?? board.flashMode,
    ...partitions ? { "build.partitions": partitions } : {}
  };
  const userDefineNames = user.defines.flatMap((d) => d.slice(2).split("=", 2));
  const script = readBuildScript(
    { frameworkDir: packages.frameworkDir, sdkDir: packages.sdkDir, board: boardConfig, cppdefines: userDefineNames },
    board.mcu
  );
  const file = join10(packages.sdkDir, board.mcu, "pioarduino-build.py");
  const vars = {
    BUILD_DIR: opts.buildDir,
    PROGNAME: "firmware",
    BOARD_F_CPU: board.fCpu,
    PROJECT_DIR: opts.projectDir
  };
  const flags = (key) => stringList(script, key).map((f) => shellWord(substitute(f, vars, file)));
  const bin = (tool) => join10(packages.toolchainDir, "bin", `xtensa-${board.mcu}-elf-${tool}`);
  const variantDir = join10(packages.frameworkDir, "variants", board.variant);
  return {
    cc: bin("gcc"),
    cxx: bin("g++"),
    ar: bin("gcc-ar"),
    size: bin("size"),
    cflags: [...user.cflags, ...flags("CFLAGS"), "-Werror=return-type"],
    cxxflags: [...user.cxxflags, ...flags("CXXFLAGS"), "-Werror=return-type"],
    // The framework's flags ask for debug info, which would name the checkout in every object and
    // keep another checkout (another runner's path) from hitting; the map makes objects relocatable.
    ccflags: [...user.ccflags, ...flags("CCFLAGS"), `-fdebug-prefix-map=${opts.projectDir}=.`],
    asppflags: flags("ASPPFLAGS"),
    defines: [
      ...board.extraFlags,
      ...user.defines,
      ...(script.CPPDEFINES ?? []).map((d) => shellWord(substitute(defineFlag(d), vars, file)))
    ],
    includes: [...user.includes, ...flags("CPPPATH").map((p) => `-I${p}`), `-I${variantDir}`],
    linkflags: [...flags("LINKFLAGS"), ...user.linkflags],
    libpath: [opts.buildDir, ...flags("LIBPATH")].map((p) => `-L${p}`),
    libs: [...flags("LIBS").map((l) => l.startsWith("-") ? l : `-l${l}`), ...user.libs],
    script
  };
}
function esp32Target(opts) {
  const { projectDir, buildDir, env, board, packages, dirs } = opts;
  const f = esp32Flags({ board, env, packages, buildDir, projectDir });
  const elf = `${buildDir}/firmware.elf`;
  const bin = `${buildDir}/firmware.bin`;
  const archive = `${buildDir}/libFrameworkArduino.a`;
  const partitionsCsvPath = findPartitionsCsv(projectDir, packages.frameworkDir, board.variant, env.raw["board_build.partitions"]?.[0]);
  const image = imagePlan();
  const notices = [];
  let libLink = { linkflags: [], libpath: [], libs: [] };
  function imagePlan() {
    const csvFile = isAbsolute4(partitionsCsvPath) ? partitionsCsvPath : join10(projectDir, partitionsCsvPath);
    try {
      return esp32ImagePlan({
        ...packages.esptool ? { esptool: packages.esptool } : {},
        frameworkDir: packages.frameworkDir,
        sdkDir: packages.sdkDir,
        buildDir,
        flashMode: env.raw["board_build.flash_mode"]?.[0] ?? board.flashMode,
        fFlash: env.raw["board_build.f_flash"]?.[0] ?? board.fFlash,
        flashSize: env.raw["board_upload.flash_size"]?.[0] ?? board.flashSize,
        partitionsCsvPath: csvFile,
        partitionsCsv: readFileSync5(csvFile, "utf8")
      });
    } catch (e) {
      if (e instanceof UserError) throw new UserError(`${e.message}; fix it or board_build.partitions`);
      throw new UserError(
        `partition table ${csvFile}: ${e.message.replace(/^partition table: /, "")}; fix it or board_build.partitions`
      );
    }
  }
  const versions2 = /* @__PURE__ */ new Map();
  const version = (compiler) => versions2.get(compiler) ?? versions2.set(compiler, compilerVersion(compiler)).get(compiler);
  const unitFor = (defines) => (source, object, includes, extra = { flags: [], unflags: [] }) => {
    const own = splitBuildFlags(extra.flags);
    const drop = new Set(extra.unflags);
    const k = (list) => drop.size ? list.filter((x) => !drop.has(x)) : list;
    const defs = k([...defines, ...own.defines]);
    const incs = [...own.includes, ...includes];
    if (source.endsWith(".S")) {
      const asm = [...k(f.asppflags), ...defs, ...incs];
      return {
        source,
        object,
        compiler: f.cc,
        args: ["-o", object, "-c", ...asm, ...macroPrefixMap(version(f.cc), projectDir, asm), source]
      };
    }
    const isC = source.endsWith(".c");
    const lang = isC ? [...f.cflags, ...own.cflags] : [...f.cxxflags, ...own.cxxflags];
    const cc = [...k(lang), ...k([...f.ccflags, ...own.ccflags])];
    const compiler = isC ? f.cc : f.cxx;
    return {
      source,
      object,
      compiler,
      args: [
        "-o",
        object,
        "-c",
        ...cc,
        ...macroPrefixMap(version(compiler), projectDir, [...cc, ...defs, ...incs]),
        ...defs,
        ...incs,
        source
      ]
    };
  };
  const unit = unitFor(f.defines);
  return {
    description: packages.description,
    tools: [f.cc, f.cxx, f.ar, f.size, ...packages.esptool ? [packages.esptool] : []],
    // The table's text too: partitions.bin is made from it, and a changed table must not be "up to date".
    fingerprintParts: [board.id, packages.frameworkDir, packages.sdkDir, partitionsCsvPath, image.partitions.csv],
    artifacts: { elf, hex: bin, flash: image.flash },
    // A user's esptool writes the ELF images inside the cached link; fbuild's own writer runs after
    // every link (a hit too: a few milliseconds), so only the link's own outputs are cached.
    extraOutputs: image.commands.length ? [`${buildDir}/bootloader.bin`] : [],
    afterLink: {
      outputs: [...image.commands.length ? [] : [bin, `${buildDir}/bootloader.bin`], `${buildDir}/partitions.bin`],
      write: (path) => writeEsp32Images(image, path)
    },
    extraInputs: isAbsolute4(partitionsCsvPath) ? [] : [partitionsCsvPath],
    limits: { name: board.name, flashMax: image.appMax, ramMax: board.ramMax },
    notices,
    frameworkLibrariesDir: join10(packages.frameworkDir, "libraries"),
    planUnits() {
      const ps = projectSources({
        projectDir,
        buildDir,
        env,
        dirs,
        frameworkLibrariesDir: join10(packages.frameworkDir, "libraries"),
        platform: "espressif32",
        framework: "arduino",
        allowIno: true
      });
      notices.splice(0, notices.length, ...ps.notices);
      const platformNote = env.platformSpec ? platformNotice(env.platformSpec, "55.03.31-2") : void 0;
      if (platformNote) notices.push(platformNote);
      libLink = libraryLinkFlags(ps.libraries);
      const coreDir = join10(packages.frameworkDir, "cores", board.core);
      const variantDir = join10(packages.frameworkDir, "variants", board.variant);
      const coreUnit = unitFor([...f.defines, "-DARDUINO_CORE_BUILD"]);
      const frameworkUnits = (dir, group) => listFiles(dir).filter((p) => SOURCE_EXTENSIONS.some((e) => p.endsWith(e))).map((p) => coreUnit(join10(dir, p), objectPath(buildDir, group, p), f.includes));
      const core = frameworkUnits(coreDir, "FrameworkArduino").map((u) => ({ ...u, archive }));
      return [
        ...sourceUnits(ps, buildDir, dirs.src, unit, f.includes),
        ...libraryUnits(ps, buildDir, unit, f.includes),
        ...frameworkUnits(variantDir, "FrameworkArduinoVariant"),
        ...core
      ];
    },
    linkSteps(units) {
      const { steps, archives, objects } = archiveSteps(units, { ar: f.ar });
      const libs = [...archives.filter((a) => a !== archive), ...archives.filter((a) => a === archive)];
      return {
        // The core's archive too: an intermediate, which a warm build leaves in the store (buildRecord.ts).
        archives: libs,
        steps: [
          ...steps,
          {
            command: f.cxx,
            args: [
              "-o",
              elf,
              ...libLink.linkflags,
              ...f.linkflags,
              // Only for an LTO link with debug info (the framework's link has -fno-lto): see prefixMaps.ts.
              ...linkDebugPrefixMap(projectDir, [...libLink.linkflags, ...f.linkflags]),
              ...objects,
              ...libLink.libpath,
              ...f.libpath,
              "-Wl,--start-group",
              ...libs,
              ...libLink.libs,
              ...f.libs,
              "-Wl,--end-group"
            ]
          },
          ...image.commands.map(([command, ...args]) => ({ command, args })),
          { command: f.size, args: ["-A", "-d", elf] }
        ]
      };
    },
    size(stdout) {
      const s = parseEsp32Size(stdout[stdout.length - 1]?.toString() ?? "");
      return { flash: s.flash, ram: s.ram, flashMax: image.appMax, ramMax: board.ramMax };
    },
    explainLinkFailure(stderr) {
      const overflow = linkerOverflow(stderr);
      if (!overflow) return void 0;
      return `firmware too big for ${board.name}: region ${overflow.region} overflowed by ${overflow.bytes} bytes, says the linker; make the code or its data smaller`;
    }
  };
}
function findPartitionsCsv(projectDir, frameworkDir, variant, name) {
  const variantDir = join10(frameworkDir, "variants", variant);
  const frameworkPartitions = join10(frameworkDir, "tools", "partitions");
  if (name) {
    for (const candidate of [join10(variantDir, name), join10(frameworkPartitions, name)]) if (existsSync5(candidate)) return candidate;
    if (existsSync5(isAbsolute4(name) ? name : join10(projectDir, name))) return name;
    throw new UserError(
      `partition table '${name}' not found in ${variantDir}, ${frameworkPartitions} or the project; fix board_build.partitions`
    );
  }
  const variantCsv = join10(variantDir, "partitions.csv");
  return existsSync5(variantCsv) ? variantCsv : join10(frameworkPartitions, "default.csv");
}

// server/engine/orchestrator.ts
var BuildFailure = class extends UserError {
  constructor(message, result) {
    super(message, 1);
    this.result = result;
  }
  result;
};
var FBUILD_BUILD_VERSION = "2";
function readProject(opts) {
  const projectDir = resolve6(opts.projectDir);
  const processEnv = opts.env ?? process.env;
  const config = readProjectConfig(projectDir, opts.projectEnv ?? processEnv);
  const envName = chooseEnvironment(config.envNames, config.defaultEnvs, opts.environment);
  const buildDir = buildDirOf(projectDir, config.dirs.build, envName);
  return { projectDir, processEnv, config, envName, buildDir };
}
function buildWriteDirs(opts) {
  const { projectDir, config, envName, buildDir } = readProject(opts);
  return buildWriteTargets({
    projectDir,
    buildDir,
    libDepsEnvDir: join11(config.dirs.libdeps, envName),
    libDeps: config.env(envName).libDeps
  });
}
function locateProject(opts) {
  const readStartedWall = Date.now();
  const project = readProject(opts);
  const envConfig = withBuildTimeValues(project.config.env(project.envName), {
    projectDir: project.projectDir,
    dirs: project.config.dirs,
    buildDir: resolve6(project.projectDir, project.buildDir),
    processEnv: project.processEnv
  });
  mkdirSync4(join11(project.projectDir, project.buildDir), { recursive: true });
  return { ...project, envConfig, readStartedWall };
}
async function withBuildDir(opts, located, work) {
  const { projectDir, buildDir, envName } = located;
  const release = await lockBuildDir(join11(projectDir, buildDir), {
    environment: envName,
    ...opts.signal ? { signal: opts.signal } : {},
    onWait: () => opts.onEvent?.({ type: "waiting", environment: envName, dir: join11(projectDir, buildDir) })
  });
  try {
    return await work();
  } finally {
    await release();
  }
}
async function prepareProject(opts, located) {
  const { projectDir, processEnv, config, envConfig, buildDir } = located;
  for (const message of projectWarnings(config.warnings, envConfig)) opts.onEvent?.({ type: "warning", message });
  const { target, toolchainFallback } = await targetFor(opts, projectDir, buildDir, config.dirs, envConfig, processEnv);
  const libraries = await installLibDeps({
    projectDir,
    dirs: config.dirs,
    env: envConfig,
    ...target.frameworkLibrariesDir ? { frameworkLibrariesDir: target.frameworkLibrariesDir } : {},
    offline: opts.offline ?? offlineFromEnv(processEnv),
    ...processEnv.FBUILD_REGISTRY_URL ? { registry: { apiUrl: processEnv.FBUILD_REGISTRY_URL } } : {},
    ...opts.onEvent ? { onEvent: opts.onEvent } : {}
  });
  return { target, libraries, toolchainFallback };
}
async function resolveBuildLibraries(opts) {
  const located = locateProject(opts);
  const { libraries } = await withBuildDir(opts, located, () => prepareProject(opts, located));
  return { environment: located.envName, libraries };
}
async function build(opts) {
  const started = performance.now();
  const located = locateProject(opts);
  if (opts.lookupOnly) return buildLocked(opts, located, started);
  return withBuildDir(opts, located, () => buildLocked(opts, located, started));
}
async function buildLocked(opts, located, started) {
  const { projectDir, processEnv, config, envName, envConfig, buildDir } = located;
  const { signal } = opts;
  const { target, libraries, toolchainFallback } = await prepareProject(opts, located);
  const workspaceRoot = projectWorkspaceRoot(projectDir, config.dirs, envConfig);
  const startedWall = Date.now();
  const { artifacts } = target;
  const finish = (ok, size, link, results2) => ({
    environment: envName,
    ok,
    upToDate: false,
    artifacts,
    size,
    stats: buildStats(results2, link),
    durationMs: Math.round(performance.now() - started),
    ...libraries.length ? { libraries } : {}
  });
  const trees = [
    config.dirs.src,
    config.dirs.include,
    config.dirs.lib,
    join11(config.dirs.libdeps, envName),
    ...envConfig.libExtraDirs,
    config.dirs.boards
  ];
  const listings = trees.map((t) => listFiles(resolve6(projectDir, t)));
  const fingerprint = buildFingerprint({
    projectDir,
    envConfig,
    parts: target.fingerprintParts,
    tools: target.tools,
    version: FBUILD_BUILD_VERSION,
    trees,
    listings
  });
  const reportUpToDate = (result) => reportUpToDateFacts(
    opts,
    located,
    { target, fingerprint, trees, toolchainFallback },
    {
      ...result,
      upToDate: true,
      stats: buildStats([], void 0)
    }
  );
  const recordPath = buildRecordPath(projectDir, buildDir);
  const record = readBuildRecord(recordPath);
  let upToDate = false;
  if (!opts.force && !(opts.keepObjects && record.deferred.length > 0)) {
    const previous = checkFingerprint(join11(projectDir, buildDir, "fingerprint.json"), fingerprint, projectDir);
    upToDate = previous !== void 0;
    if (previous && !opts.lookupOnly) {
      const result = {
        ...previous,
        upToDate: true,
        stats: buildStats([], void 0),
        durationMs: performance.now() - started
      };
      if (libraries.length) result.libraries = libraries;
      reportUpToDate(result);
      opts.onEvent?.({ type: "upToDate", environment: envName });
      return result;
    }
  }
  const session = new CompileSession();
  const records = opts.backend.wholeBuild;
  const known = records ? { known: (abs) => records.digest(abs, session) } : {};
  const wholeKey = records ? recordKey({
    records,
    session,
    projectDir,
    workspaceRoot,
    version: FBUILD_BUILD_VERSION,
    envName,
    envConfig,
    dirs: config.dirs,
    buildDir,
    parts: target.fingerprintParts,
    tools: target.tools,
    extraConfigs: config.extraConfigs,
    trees,
    listings
  }) : void 0;
  if (opts.lookupOnly) {
    if (records && wholeKey) {
      const found = await records.find(wholeKey, workspaceRoot, projectDir, session, true);
      const meta = "hit" in found ? readMeta(found.hit.meta) : void 0;
      if (meta) listingsHold(meta, projectDir, workspaceRoot);
    }
    return { ...finish(true, { flash: 0, ram: 0, flashMax: 0, ramMax: 0 }, void 0, []), upToDate };
  }
  if (records && wholeKey && !opts.force && !opts.keepObjects) {
    const found = await records.find(wholeKey, workspaceRoot, projectDir, session);
    if ("hit" in found) {
      const fromRecord = useRecord(found.hit, found.remote === true);
      if (fromRecord) {
        if (found.remote) await records.promote(fromRecord.keys);
        return fromRecord.result;
      }
    }
  }
  const units = target.planUnits();
  for (const message of target.notices ?? []) opts.onEvent?.({ type: "warning", message });
  opts.onEvent?.({ type: "start", environment: envName, units: units.length + 1, toolchain: target.description });
  checkUnderBuildDir(
    join11(projectDir, buildDir),
    units.map((u) => join11(projectDir, dirname7(u.object)))
  );
  for (const dir of new Set(units.map((u) => dirname7(u.object)))) mkdirSync4(join11(projectDir, dir), { recursive: true });
  let done = 0;
  const outcomes = new Array(units.length);
  const limit = pLimit(opts.jobs ?? Math.max(1, units.length));
  const compileUnit = (u, deferOutputs) => opts.backend.compile({
    compiler: u.compiler,
    args: u.args,
    cwd: projectDir,
    workspaceRoot,
    env: processEnv,
    session,
    ...deferOutputs ? { deferOutputs } : {},
    ...signal ? { signal } : {}
  });
  const report = (i, r, index) => {
    const u = units[i];
    const unit = {
      source: u.source,
      object: u.object,
      outcome: r.outcome,
      exitCode: r.exitCode,
      ...r.reason ? { reason: r.reason } : {}
    };
    outcomes[i] = unit;
    opts.onEvent?.({ type: "unit", index, total: units.length, unit, stdout: r.stdout.toString(), stderr: r.stderr.toString() });
  };
  const deferred = new DeferredUnits(units, projectDir);
  const results = await Promise.all(
    units.map(async (u, i) => {
      const r = await limit(() => compileUnit(u, !opts.keepObjects));
      if (r.deferred) deferred.add(i, r.deferred);
      if (signal?.aborted) return r;
      report(i, r, ++done);
      return r;
    })
  );
  let deferredArchives = [];
  try {
    return await linkAndPublish();
  } finally {
    writeBuildRecord(recordPath, projectDir, record, [...deferred.paths(), ...deferredArchives]);
  }
  async function linkAndPublish() {
    throwIfCancelled(signal, envName);
    const failed = outcomes.filter((o) => o.exitCode !== 0);
    const emptySize = { flash: 0, ram: 0, flashMax: target.limits.flashMax, ramMax: target.limits.ramMax };
    if (failed.length) {
      const result2 = finish(false, emptySize, void 0, labelled(results, units));
      throw new BuildFailure(
        `compile failed in ${failed.length} file${failed.length > 1 ? "s" : ""} (${failed.map((f) => f.source).slice(0, 3).join(", ")}${failed.length > 3 ? ", ..." : ""}); fix the errors above and build again`,
        result2
      );
    }
    const objects = units.map((u) => u.object);
    const writtenDepfiles = units.filter((_, i) => !deferred.has(i)).map((u) => depfileOf(u.object));
    const embedded = [.../* @__PURE__ */ new Set([...embeddedFiles(projectDir, writtenDepfiles), ...deferred.embedded()])];
    const searchDirs = [...new Set(units.flatMap((u) => searchDirsOf(u.args, projectDir)))];
    const plan = target.linkSteps(units);
    const written = target.afterLink?.outputs ?? [];
    const linkOutputs = [artifacts.elf, ...artifacts.hex ? [artifacts.hex] : [], ...target.extraOutputs ?? [], ...plan.archives].filter(
      (o) => !written.includes(o)
    );
    const outputs = [...linkOutputs, ...written];
    const staging = new ArtifactStaging(projectDir, buildDir, outputs);
    const stagedOf = new Map(outputs.map((o, i) => [o, staging.stagedOutputs[i]]));
    const stagedArchives = plan.archives.map((a) => stagedOf.get(a));
    const linkStarted = performance.now();
    const linked = await opts.backend.link({
      label: `link ${artifacts.elf}`,
      steps: staging.redirect(plan.steps),
      inputs: [...objects, ...target.extraInputs ?? [], ...embedded],
      outputs: staging.stagedOutputs.slice(0, linkOutputs.length),
      cwd: projectDir,
      workspaceRoot,
      env: processEnv,
      ...signal ? { signal } : {},
      ...deferred.size > 0 ? {
        inputHashes: [
          ...units.map((_, i) => deferred.objectHash(i)),
          ...(target.extraInputs ?? []).map(() => void 0),
          ...embedded.map(() => void 0)
        ],
        // The link missed: it reads files, so the deferred objects are written (by hitting again,
        // or compiling again if the store lost them since).
        materializeInputs: async () => {
          const indices = deferred.indices();
          const again = await Promise.all(indices.map((i) => limit(() => compileUnit(units[i], false))));
          throwIfCancelled(signal, envName);
          again.forEach((r, k) => {
            if (r.outcome === "hit") return;
            const i = indices[k];
            results[i] = r;
            report(i, r, units.length);
          });
          const bad = again.findIndex((r) => r.exitCode !== 0);
          if (bad >= 0) {
            const unit = units[indices[bad]];
            throw new BuildFailure(
              `could not write ${unit.object} for the link: ${again[bad].stderr.toString().trim().split("\n")[0] || "compile failed"}; build again with --force`,
              finish(false, emptySize, void 0, labelled(results, units))
            );
          }
          deferred.clear();
        }
      } : {},
      // The archives stay in the store when the link hits, unless the objects are asked for.
      ...opts.keepObjects ? {} : { skipOnHit: stagedArchives }
    });
    const linkMs = performance.now() - linkStarted;
    throwIfCancelled(signal, envName);
    opts.onEvent?.({
      type: "link",
      outcome: linked.outcome,
      exitCode: linked.exitCode,
      stderr: linked.stderr.toString(),
      ...linked.reason ? { reason: linked.reason } : {}
    });
    if (linked.exitCode !== 0) {
      staging.removePublished();
      const result2 = finish(false, emptySize, linked, labelled(results, units));
      throw new BuildFailure(
        target.explainLinkFailure(linked.stderr.toString()) ?? `link failed for ${envName}; see the linker's messages above`,
        result2
      );
    }
    if (target.afterLink) {
      try {
        target.afterLink.write((file) => resolve6(projectDir, stagedOf.get(file) ?? file));
      } catch (e) {
        staging.removePublished();
        throw e;
      }
    }
    const size = target.size(linked.stdout);
    const { limits } = target;
    const tooBig = limits.flashMax && size.flash > limits.flashMax ? "flash" : limits.ramMax && size.ram > limits.ramMax ? "RAM" : void 0;
    const result = finish(!tooBig, size, linked, labelled(results, units));
    throwIfCancelled(signal, envName);
    const skipped = opts.keepObjects || linked.outcome !== "hit" ? [] : plan.archives;
    deferredArchives = skipped;
    staging.publish(skipped);
    if (tooBig) {
      const used = tooBig === "flash" ? size.flash : size.ram;
      const max = tooBig === "flash" ? limits.flashMax : limits.ramMax;
      throw new BuildFailure(
        `firmware too big for ${limits.name}: ${tooBig} ${used} of ${max} bytes (${Math.round(used / max * 100)}%); make the code or its data smaller`,
        result
      );
    }
    saveFingerprint(
      join11(projectDir, buildDir, "fingerprint.json"),
      fingerprint,
      projectDir,
      // A deferred unit has no depfile: what it read comes from its cache entry instead.
      units.filter((_, i) => !deferred.has(i)).map((u) => depfileOf(u.object)),
      outputs.filter((o) => !skipped.includes(o)),
      result,
      startedWall,
      { trees, listings, files: [...config.extraConfigs, ...embedded, ...deferred.inputs()], searchDirs, ...known }
    );
    reportUpToDate(result);
    if (records && wholeKey)
      await saveRecord(
        records,
        wholeKey,
        linked,
        linkMs,
        size,
        plan.archives,
        outputs.filter((o) => !plan.archives.includes(o)),
        searchDirs
      );
    return result;
  }
  async function saveRecord(records2, key, linked, linkMs, size, archives, firmware, searchDirs) {
    if (linked.outcome !== "hit" && linked.outcome !== "miss" || !linked.key) return;
    const recorded = [];
    for (let i = 0; i < units.length; i++) {
      const r = results[i];
      if (r.outcome !== "hit" && r.outcome !== "miss" || !r.recorded) return;
      recorded.push({
        source: units[i].source,
        object: units[i].object,
        files: r.recorded.files,
        portable: r.recorded.portable,
        savedMs: r.savedMs ?? r.recorded.compileMs,
        stdout: r.stdout.toString(),
        stderr: r.stderr.toString(),
        contextKey: r.recorded.contextKey
      });
    }
    try {
      const candidate = makeCandidate({
        records: records2,
        session,
        projectDir,
        workspaceRoot,
        buildDir,
        units: recorded,
        link: { savedMs: linked.savedMs ?? linkMs, stderr: linked.stderr.toString(), key: linked.key },
        size,
        archives,
        notices: target.notices ?? [],
        searchDirs,
        files: [config.path, ...config.extraConfigs, ...target.extraInputs ?? []].map((f) => resolve6(projectDir, f)),
        trees,
        listings,
        outputs: firmware,
        readOutput: (o) => {
          const abs = join11(projectDir, o);
          return { content: readFileSync6(abs), mode: statSync2(abs).mode & 511 };
        },
        startedWall
      });
      if ("none" in candidate) return;
      await records2.save(key, buildDir, candidate);
    } catch {
    }
  }
  function useRecord(hit, remote) {
    const meta = readMeta(hit.meta);
    if (!meta || meta.units.some((u) => isAbsolute5(u.object) || u.object.startsWith(".."))) return void 0;
    if (!listingsHold(meta, projectDir, workspaceRoot)) return void 0;
    throwIfCancelled(signal, envName);
    const deferredPaths = [...meta.units.flatMap((u) => [u.object, depfileOf(u.object)]), ...meta.archives];
    writeBuildRecord(recordPath, projectDir, record, deferredPaths);
    const written = writeOutputs(hit, projectDir, workspaceRoot, buildDir);
    if (!written) return void 0;
    for (const message of meta.notices) opts.onEvent?.({ type: "warning", message });
    opts.onEvent?.({ type: "start", environment: envName, units: meta.units.length + 1, toolchain: target.description });
    const counted = meta.units.map((u, i) => {
      const source = sourceShown(u.source, projectDir, workspaceRoot);
      const unit = { source, object: u.object, outcome: "hit", exitCode: 0 };
      opts.onEvent?.({ type: "unit", index: i + 1, total: meta.units.length, unit, stdout: u.stdout ?? "", stderr: u.stderr ?? "" });
      return { outcome: "hit", savedMs: u.savedMs, source, ...remote ? { remote } : {} };
    });
    opts.onEvent?.({ type: "link", outcome: "hit", exitCode: 0, stderr: meta.link.stderr ?? "" });
    const result = {
      environment: envName,
      ok: true,
      upToDate: false,
      artifacts,
      size: meta.size,
      stats: buildStats(counted, { outcome: "hit", savedMs: meta.link.savedMs, ...remote ? { remote } : {} }),
      durationMs: Math.round(performance.now() - started),
      ...libraries.length ? { libraries } : {}
    };
    saveFingerprint(join11(projectDir, buildDir, "fingerprint.json"), fingerprint, projectDir, [], written, result, startedWall, {
      trees,
      listings,
      files: [...config.extraConfigs, ...inputFiles(hit, projectDir, workspaceRoot)],
      searchDirs: resolvedDirs(meta.searchDirs, projectDir, workspaceRoot),
      ...known
    });
    records.touch(meta.keys);
    records.recordHits([...meta.units, meta.link]);
    reportUpToDate(result);
    return { result, keys: meta.keys };
  }
}
var depfileOf = (object) => object.replace(/\.o$/, ".d");
var DeferredUnits = class {
  constructor(units, projectDir) {
    this.units = units;
    this.projectDir = projectDir;
  }
  units;
  projectDir;
  byIndex = /* @__PURE__ */ new Map();
  add(i, d) {
    this.byIndex.set(i, d);
  }
  get size() {
    return this.byIndex.size;
  }
  has(i) {
    return this.byIndex.has(i);
  }
  objectHash(i) {
    return this.byIndex.get(i)?.objectHash;
  }
  indices() {
    return [...this.byIndex.keys()].sort((a, b) => a - b);
  }
  clear() {
    this.byIndex.clear();
  }
  /** Their objects and depfiles (project-relative). */
  paths() {
    return this.indices().flatMap((i) => {
      const o = this.units[i].object;
      return [o, depfileOf(o)];
    });
  }
  /** The files their `.incbin` directives embed (absolute). */
  embedded() {
    return [...this.byIndex.values()].flatMap((d) => d.embedded);
  }
  /** Every file they read, project-relative where inside the project (as their depfiles would say). */
  inputs() {
    const out = /* @__PURE__ */ new Set();
    for (const d of this.byIndex.values()) {
      for (const abs of d.inputs) {
        const r = relative3(this.projectDir, abs);
        out.add(r.startsWith("..") || isAbsolute5(r) ? abs : r.split(sep6).join("/"));
      }
    }
    return [...out];
  }
};
async function targetFor(opts, projectDir, buildDir, dirs, env, processEnv) {
  if (env.platform === "native") return { target: nativeTarget({ projectDir, buildDir, dirs, env, processEnv }), toolchainFallback: false };
  const esp32 = env.board ? findEsp32Board(env.board) : void 0;
  if (esp32) {
    if (env.platform && env.platform !== "espressif32") {
      throw new UserError(
        `env '${env.name}': platform '${env.platform}' does not match board '${esp32.id}' (platform espressif32); set platform = espressif32`
      );
    }
    if (env.framework && env.framework !== "arduino")
      throw new UserError(`env '${env.name}': framework '${env.framework}' is not supported; set framework = arduino`);
    const packages = await resolveEsp32Packages({
      mode: opts.toolchainMode ?? "auto",
      env: processEnv,
      ...opts.toolchainsDir ? { toolchainsDir: opts.toolchainsDir } : {}
    });
    return { target: esp32Target({ projectDir, buildDir, dirs, env, board: esp32, packages }), toolchainFallback: false };
  }
  const toolchain = opts.toolchain ? await opts.toolchain(processEnv) : void 0;
  const target = await prepareAvrTarget({
    projectDir,
    buildDir,
    dirs,
    env,
    toolchain,
    processEnv,
    ...opts.toolchainsDir ? { toolchainsDir: opts.toolchainsDir } : {},
    offline: opts.offline ?? offlineFromEnv(processEnv)
  });
  return { target, toolchainFallback: (opts.toolchainMode ?? "auto") === "auto" && toolchain?.kind === "system" };
}
function reportUpToDateFacts(opts, located, built, upToDateResult) {
  if (!opts.onUpToDateFacts || built.toolchainFallback) return;
  const { projectDir, config, envConfig, processEnv, buildDir, readStartedWall } = located;
  if (usesBuildTimeInputs(envConfig)) return;
  const iniDir = dirname7(config.path);
  const patterns = config.extraConfigPatterns.map((p) => resolve6(iniDir, p.startsWith("~") ? join11(homedir2(), p.slice(1)) : p));
  const glob = /[*?[]/;
  if (patterns.some((p) => glob.test(dirname7(p)))) return;
  const localLibs = [];
  try {
    for (const raw of envConfig.libDeps) {
      const spec = parseLibDep(raw, projectDir);
      if (libDepKind(spec) !== "local") continue;
      const paths = treePaths(localPath(spec, projectDir));
      if (!paths) return;
      localLibs.push(...paths);
    }
  } catch {
    return;
  }
  const watch = watchPaths(
    [
      config.path,
      ...config.extraConfigs,
      ...patterns.map((p) => glob.test(p) ? dirname7(p) : p),
      // The boards dir's files are the fingerprint's (it is one of the trees); the folder itself,
      // created or not, is watched here.
      config.dirs.boards,
      ...built.target.tools,
      // Files the target read into its configuration (an esp32 partition table), and the project's
      // place for a partitions file named by the ini, which would shadow the framework's.
      ...(built.target.extraInputs ?? []).map((f) => resolve6(projectDir, f)),
      ...(envConfig.raw["board_build.partitions"] ?? []).map((f) => resolve6(projectDir, f.trim())),
      // Where tools are looked up: a compiler put earlier on PATH, or a package installed, changes the toolchain.
      ...(processEnv.PATH ?? "").split(delimiter).filter((d) => d !== "").map((d) => resolve6(d)),
      opts.toolchainsDir ?? toolchainsDirFor(processEnv),
      ...localLibs
    ],
    readStartedWall
  );
  opts.onUpToDateFacts({
    projectDir,
    fingerprint: join11(projectDir, buildDir, "fingerprint.json"),
    lock: join11(projectDir, buildDir, BUILD_LOCK_NAME),
    configKey: built.fingerprint.configKey,
    trees: built.trees,
    packageDirs: built.fingerprint.packageDirs ?? [],
    watch,
    result: upToDateResult
  });
}
function buildDirOf(projectDir, buildRoot, envName) {
  const r = relative3(projectDir, join11(buildRoot, envName));
  return r.startsWith("..") || isAbsolute5(r) ? join11(buildRoot, envName) : r.split(sep6).join("/");
}
function projectWarnings(configWarnings, env) {
  return [
    ...configWarnings,
    ...env.warnings,
    ...env.extraScripts.map(
      (s) => `extra_scripts: ${s} was not run (fbuild does not run SCons scripts); a build that needs what it makes will fail below; docs/PLATFORMIO.md lists the platformio.ini lines that replace common scripts (defines, flags, build_src_filter, version macros)`
    )
  ];
}
function labelled(results, units) {
  return results.map((r, i) => ({ ...r, source: units[i].source }));
}
function chooseEnvironment(envNames, defaultEnvs, requested) {
  if (requested) return requested;
  if (defaultEnvs.length) return defaultEnvs[0];
  if (envNames.length === 1) return envNames[0];
  if (envNames.length === 0) throw new UserError("platformio.ini has no [env:NAME] section; add one, e.g. [env:uno] with board = uno");
  throw new UserError(`several environments in platformio.ini (${envNames.join(", ")}); choose one with -e, e.g. -e ${envNames[0]}`);
}

export {
  isInsideRoots,
  firstOutsideRoots,
  BuildFailure,
  FBUILD_BUILD_VERSION,
  buildWriteDirs,
  resolveBuildLibraries,
  build,
  chooseEnvironment
};

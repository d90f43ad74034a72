import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  listFiles
} from "./chunk-RYCVMSYB.js";
import {
  KeyHasher,
  isRacy,
  packageDirs,
  parseDepfile,
  sameStamp,
  sha256Hex,
  stampOf
} from "./chunk-I7BTEATM.js";
import {
  writeFileAtomic
} from "./chunk-OA4IFKWM.js";

// server/engine/fingerprint.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
var VERSION = 4;
var DEFAULT_TREES = ["src", "lib", "include"];
function fingerprintWithConfig(projectDir, configKey, trees, packageDirs2) {
  return { configKey, listing: projectListing(projectDir, trees), packageDirs: packageDirs2 };
}
function buildFingerprint(opts) {
  const env = opts.envConfig;
  const resolved = JSON.stringify([env.buildFlags, env.buildSrcFlags, env.buildSrcFilter, env.libExtraDirs]);
  const h = new KeyHasher("fbuild-fingerprint-v1").field(opts.version).field(JSON.stringify(env.raw)).field(resolved).fields(opts.parts);
  for (const tool of opts.tools) {
    const st = statSync(tool);
    h.field(`${tool}:${st.size}:${st.mtimeMs}`);
  }
  return {
    configKey: h.hex(),
    listing: projectListing(opts.projectDir, opts.trees ?? DEFAULT_TREES, opts.listings),
    packageDirs: [...new Set(opts.tools.flatMap((t) => packageDirs(t)))]
  };
}
function projectListing(projectDir, trees, listings) {
  const h = new KeyHasher("fbuild-listing-v1");
  trees.forEach((dir, i) => h.field(dir).fields(listings?.[i] ?? listFiles(isAbsolute(dir) ? dir : join(projectDir, dir))));
  return h.hex();
}
function record(path, abs, unchangedSince, known) {
  try {
    const d = known?.(abs);
    const st = d ?? stampOf(statSync(abs));
    if (st.ctimeMs >= unchangedSince) return [path, st.size, st.mtimeMs, st.ctimeMs, st.ino, 0, "changed during the build"];
    const hash = d ? d.hash : sha256Hex(readFileSync(abs));
    return [path, st.size, st.mtimeMs, st.ctimeMs, st.ino, isRacy(st, Date.now()) ? 0 : 1, hash];
  } catch {
    return void 0;
  }
}
function searchDirsOutsideTrees(projectDir, dirs, trees, vouched) {
  const inside = (abs, dir) => abs === dir || abs.startsWith(dir + sep);
  const treeDirs = trees.map((t) => resolve(projectDir, t));
  const searchDirs = [
    ...new Set(
      dirs.map((d) => resolve(projectDir, d)).filter((d) => !inside(projectDir, d) && !treeDirs.some((t) => inside(d, t))).filter((d) => inside(d, projectDir) || !vouched.some((v) => !inside(projectDir, v) && inside(d, v))).map((d) => inside(d, projectDir) ? relative(projectDir, d) : d)
    )
  ].sort();
  return { searchDirs, searchListing: projectListing(projectDir, searchDirs) };
}
function unchanged(rec, projectDir) {
  const abs = isAbsolute(rec[0]) ? rec[0] : join(projectDir, rec[0]);
  let st;
  try {
    st = statSync(abs);
  } catch {
    return false;
  }
  const [, size, mtimeMs, ctimeMs, ino, trusted, hash] = rec;
  if (st.size !== size) return false;
  if (trusted && sameStamp(st, { size, mtimeMs, ctimeMs, ino })) return true;
  try {
    return sha256Hex(readFileSync(abs)) === hash;
  } catch {
    return false;
  }
}
function checkFingerprint(path, fp, projectDir) {
  if (!existsSync(path)) return void 0;
  let saved;
  try {
    saved = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return void 0;
  }
  if (saved.v !== VERSION || saved.configKey !== fp.configKey || saved.listing !== fp.listing) return void 0;
  if (projectListing(projectDir, saved.searchDirs) !== saved.searchListing) return void 0;
  for (const rec of [...saved.outputs, ...saved.inputs]) if (!unchanged(rec, projectDir)) return void 0;
  return saved.result;
}
function saveFingerprint(path, fp, projectDir, depfiles, outputs, result, buildStartedMs, more = {}) {
  const buildDir = dirname(path) + sep;
  const inputs = /* @__PURE__ */ new Map();
  const add = (p) => inputs.set(p, isAbsolute(p) ? p : join(projectDir, p));
  add("platformio.ini");
  for (const f of more.files ?? []) add(f);
  (more.trees ?? DEFAULT_TREES).forEach((dir, i) => {
    for (const f of more.listings?.[i] ?? listFiles(isAbsolute(dir) ? dir : join(projectDir, dir))) add(`${dir}/${f}`);
  });
  const search = searchDirsOutsideTrees(
    projectDir,
    more.searchDirs ?? [],
    [...more.trees ?? DEFAULT_TREES, buildDir],
    fp.packageDirs ?? []
  );
  for (const dir of search.searchDirs) for (const f of listFiles(isAbsolute(dir) ? dir : join(projectDir, dir))) add(`${dir}/${f}`);
  for (const d of depfiles) {
    let text;
    try {
      text = readFileSync(join(projectDir, d), "utf8");
    } catch {
      return;
    }
    for (const dep of parseDepfile(text)?.deps ?? []) add(dep);
  }
  const file = {
    v: VERSION,
    configKey: fp.configKey,
    listing: fp.listing,
    inputs: [...inputs].map(([p, abs]) => record(p, abs, abs.startsWith(buildDir) ? Infinity : Math.floor(buildStartedMs) + 1, more.known)).filter((r) => r !== void 0),
    outputs: outputs.map((o) => record(o, join(projectDir, o), Infinity)).filter((r) => r !== void 0),
    ...search,
    result
  };
  writeFileAtomic(path, JSON.stringify(file));
}

// server/engine/upToDateStamp.ts
import { existsSync as existsSync2, mkdirSync, readdirSync, readFileSync as readFileSync2, statSync as statSync2, unlinkSync } from "node:fs";
import { dirname as dirname2, join as join2 } from "node:path";
var VERSION2 = 1;
function watchPaths(paths, unchangedSince) {
  const out = [];
  for (const path of new Set(paths)) {
    let st;
    try {
      st = statSync2(path);
    } catch {
      out.push([path, "absent"]);
      continue;
    }
    const changed = st.ctimeMs >= unchangedSince;
    if (st.isDirectory()) {
      out.push([path, "dir", st.mtimeMs, changed ? -1 : st.ctimeMs, st.ino]);
      continue;
    }
    let hash = null;
    if (!changed && isRacy(st, Date.now())) {
      try {
        hash = sha256Hex(readFileSync2(path));
      } catch {
      }
    }
    out.push([path, "file", st.size, st.mtimeMs, changed ? -1 : st.ctimeMs, st.ino, hash]);
  }
  return out;
}
var NOT_CONTENT = /* @__PURE__ */ new Set([".git", ".hg", ".svn", ".pio", ".fbuild"]);
function treePaths(root, limit = 5e3) {
  const out = [root];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const e of entries) {
      if (e.isDirectory() && NOT_CONTENT.has(e.name)) continue;
      const path = join2(dir, e.name);
      out.push(path);
      if (out.length > limit) return false;
      if (e.isDirectory() && !walk(path)) return false;
    }
    return true;
  };
  return walk(root) ? out : void 0;
}
function unchanged2(w) {
  let st;
  try {
    st = statSync2(w[0]);
  } catch {
    return w[1] === "absent";
  }
  if (w[1] === "absent") return false;
  if (w[1] === "dir") return st.isDirectory() && st.mtimeMs === w[2] && st.ctimeMs === w[3] && st.ino === w[4];
  const [path, , size, mtimeMs, ctimeMs, ino, hash] = w;
  if (!st.isFile() || st.size !== size) return false;
  if (hash === null) return st.mtimeMs === mtimeMs && st.ctimeMs === ctimeMs && st.ino === ino;
  try {
    return sha256Hex(readFileSync2(path)) === hash;
  } catch {
    return false;
  }
}
var MAX_STAMPS = 64;
function writeUpToDateStamp(path, facts, events) {
  const file = { v: VERSION2, ...facts, events };
  const dir = dirname2(path);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(path, JSON.stringify(file));
  const names = readdirSync(dir);
  if (names.length <= MAX_STAMPS) return;
  const byAge = names.map((name) => {
    try {
      return { file: join2(dir, name), mtimeMs: statSync2(join2(dir, name)).mtimeMs };
    } catch {
      return void 0;
    }
  }).filter((e) => e !== void 0).sort((x, y) => y.mtimeMs - x.mtimeMs);
  for (const old of byAge.slice(MAX_STAMPS)) {
    try {
      if (old.file !== path) unlinkSync(old.file);
    } catch {
    }
  }
}
function checkUpToDateStamp(path) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync2(path, "utf8"));
  } catch {
    return void 0;
  }
  if (stamp.v !== VERSION2 || existsSync2(stamp.lock)) return void 0;
  if (!stamp.watch.every(unchanged2)) return void 0;
  const fp = fingerprintWithConfig(stamp.projectDir, stamp.configKey, stamp.trees, stamp.packageDirs);
  if (!checkFingerprint(stamp.fingerprint, fp, stamp.projectDir)) return void 0;
  return { events: stamp.events, result: stamp.result };
}

export {
  buildFingerprint,
  checkFingerprint,
  saveFingerprint,
  watchPaths,
  treePaths,
  writeUpToDateStamp,
  checkUpToDateStamp
};

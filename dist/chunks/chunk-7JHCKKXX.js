import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  libDepKind,
  libDepsDir,
  parseLibDep
} from "./chunk-GZN2RP5Y.js";
import {
  systemType
} from "./chunk-ALKMYPIH.js";
import {
  restoreEntry,
  saveEntry
} from "./chunk-T5ICQLYZ.js";
import {
  readProjectConfig
} from "./chunk-2SZTJ3Y7.js";
import {
  info,
  warning
} from "./chunk-LVEETRTC.js";

// src/action/storePaths.ts
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
function storePaths(cacheDir) {
  return { root: cacheDir, name: CACHE_DIR_NAME, paths: ["v2/manifests", "v2/blobs", STORE_INDEX, "v1/compilers.msgpack", "reports"] };
}
var CACHE_DIR_NAME = "fbuild-cache";
var STORE_INDEX = "v2/index.msgpack";
var storeIndexPath = (cacheDir) => join(cacheDir, STORE_INDEX);
function toolchainsPaths(cacheDir) {
  return { root: cacheDir, name: CACHE_DIR_NAME, paths: ["toolchains"] };
}
function installedToolchains(cacheDir) {
  const dir = join(cacheDir, "toolchains");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => !n.startsWith("."));
}
var reportsDir = (cacheDir) => join(cacheDir, "reports");
function storeEntryCount(cacheDir) {
  const manifests = join(cacheDir, "v2", "manifests");
  if (!existsSync(manifests)) return 0;
  let n = 0;
  for (const shard of readdirSync(manifests, { withFileTypes: true })) {
    if (shard.isDirectory()) n += readdirSync(join(manifests, shard.name)).filter((f) => !f.startsWith(".")).length;
  }
  return n;
}

// src/action/libDepsEntries.ts
import { existsSync as existsSync2 } from "node:fs";
import { basename, dirname, join as join2, resolve as resolve2 } from "node:path";

// server/project/libdeps/cacheKey.ts
import { createHash } from "node:crypto";
import { resolve } from "node:path";
var LAYOUT_VERSION = "1";
function libDepsCacheKey(projectDir, envName, sysenv = process.env) {
  const dir = resolve(projectDir);
  const config = readProjectConfig(dir, sysenv);
  const env = config.env(envName);
  const downloaded = env.libDeps.filter((raw) => libDepKind(parseLibDep(raw, dir)) !== "local");
  if (downloaded.length === 0) return void 0;
  const hash = createHash("sha256").update(JSON.stringify([LAYOUT_VERSION, systemType(process.platform, process.arch, sysenv), env.libDeps])).digest("hex");
  const prefix = `fbuild-libdeps-${envName}-`;
  return { key: `${prefix}${hash.slice(0, 20)}`, restoreKeys: [prefix], paths: [libDepsDir(config.dirs, envName)] };
}

// src/action/libDepsEntries.ts
async function restoreLibDeps(projectDir, workspace, envs) {
  const wanted = envs.flatMap((env) => {
    try {
      const entry = libDepsCacheKey(projectDir, env);
      return entry ? [{ env, entry }] : [];
    } catch {
      return [];
    }
  });
  return Promise.all(
    wanted.map(async ({ env, entry }) => {
      const dir = resolve2(workspace, entry.paths[0]);
      const archive = { root: dirname(dir), name: `libdeps-${env}`, paths: [basename(dir)] };
      const r = await restoreEntry(`libdeps ${env}`, archive, entry.key, entry.restoreKeys);
      if (r.warning) warning(`fbuild: ${r.warning}`);
      else
        info(
          r.matchedKey ? `fbuild: ${env} libraries restored from ${r.matchedKey} in ${r.ms} ms` : `fbuild: ${env}: no libraries to restore`
        );
      return { env, key: entry.key, archive, exact: r.matchedKey === entry.key, ms: r.ms };
    })
  );
}
async function saveLibDeps(entries) {
  for (const e of entries ?? []) {
    if (e.exact) continue;
    if (!e.archive.paths.every((p) => existsSync2(join2(e.archive.root, p)))) continue;
    const r = await saveEntry(`libdeps ${e.env}`, e.archive, e.key);
    if (r.saved) info(`fbuild: ${e.env} libraries saved as ${e.key} in ${r.ms} ms`);
    else warning(`fbuild: ${r.warning}`);
  }
}

export {
  storePaths,
  storeIndexPath,
  toolchainsPaths,
  installedToolchains,
  reportsDir,
  storeEntryCount,
  restoreLibDeps,
  saveLibDeps
};

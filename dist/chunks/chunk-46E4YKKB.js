import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  restoreEntry,
  saveEntry
} from "./chunk-QQRZIJHA.js";
import {
  readProjectConfig
} from "./chunk-HXEVDVWT.js";
import {
  info,
  warning
} from "./chunk-M4NEA4G6.js";

// src/action/storePaths.ts
import { existsSync, readdirSync, statSync } from "node:fs";
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
function manifestsWrittenSince(cacheDir, time) {
  const manifests = join(cacheDir, "v2", "manifests");
  if (!existsSync(manifests)) return 0;
  let n = 0;
  for (const shard of readdirSync(manifests, { withFileTypes: true })) {
    if (!shard.isDirectory()) continue;
    const dir = join(manifests, shard.name);
    for (const f of readdirSync(dir)) {
      if (f.startsWith(".")) continue;
      try {
        if (statSync(join(dir, f)).mtimeMs > time) n++;
      } catch {
      }
    }
  }
  return n;
}

// src/action/libDepsEntries.ts
import { existsSync as existsSync2 } from "node:fs";
import { basename, dirname, join as join2, resolve } from "node:path";
async function restoreLibDeps(projectDir, workspace, envs) {
  let withLibDeps;
  try {
    const config = readProjectConfig(projectDir);
    withLibDeps = envs.filter((env) => config.env(env).libDeps.length > 0);
  } catch {
    return [];
  }
  if (!withLibDeps.length) return [];
  const { libDepsCacheKey } = await import("./cacheKey-354N4EYT.js");
  const wanted = withLibDeps.flatMap((env) => {
    try {
      const entry = libDepsCacheKey(projectDir, env);
      return entry ? [{ env, entry }] : [];
    } catch {
      return [];
    }
  });
  return Promise.all(
    wanted.map(async ({ env, entry }) => {
      const dir = resolve(workspace, entry.paths[0]);
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
  manifestsWrittenSince,
  restoreLibDeps,
  saveLibDeps
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  libDepKind,
  libDepsDir,
  parseLibDep,
  systemType
} from "./chunk-GA2YO4KH.js";
import {
  readProjectConfig
} from "./chunk-S3VZIIDN.js";
import {
  info,
  warning
} from "./chunk-4KXLIBTE.js";

// src/action/cacheTransfer.ts
function deadlineMs(env = process.env) {
  const s = Number(env.FBUILD_CACHE_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s * 1e3 : 6e5;
}
var TIMED_OUT = /* @__PURE__ */ Symbol("timed out");
async function withDeadline(p, ms) {
  let timer;
  const timeout = new Promise((r) => timer = setTimeout(() => r(TIMED_OUT), ms));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
async function capturingProblems(fn, ms) {
  const problems = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk, ...rest) => {
    let text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    const found = [...text.matchAll(/^::(?:warning|error)[^:]*::(.*)$|^(Failed to save: .*)$/gm)].map((m) => firstLine(m[1] ?? m[2]));
    for (const p of found) if (!problems.includes(p)) problems.push(p);
    text = text.replace(/^::(?:warning|error)[^:]*::(.*)$/gm, (_, m) => unescapeCommand(m));
    return write(text, ...rest);
  });
  try {
    return { value: await withDeadline(fn(), ms), problems };
  } finally {
    process.stdout.write = write;
  }
}
function unescapeCommand(s) {
  return s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}
var firstLine = (s) => unescapeCommand(s).split("\n")[0];
var loadCache = () => import("./cache-TC6C26RK.js");
async function cacheServiceAvailable() {
  return (await loadCache()).isFeatureAvailable();
}
async function restoreEntry(what, paths, primaryKey, restoreKeys) {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const cache = await loadCache();
    const r = await capturingProblems(() => cache.restoreCache(paths, primaryKey, restoreKeys), deadlineMs());
    if (r.value === TIMED_OUT)
      return { ms: ms(), warning: `${what}: the cache service did not answer within ${deadlineMs() / 1e3} s; going on without it` };
    if (r.value) return { matchedKey: r.value, ms: ms() };
    return { ms: ms(), ...r.problems.length ? { warning: `${what}: not restored: ${r.problems.join("; ")}` } : {} };
  } catch (e) {
    return { ms: ms(), warning: `${what}: not restored: ${e.message}` };
  }
}
var TAR_RACE = /tar\W+failed with (error: )?.*exit code 1\b/;
var TAR_RETRIES = 3;
async function saveEntry(what, paths, key) {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const cache = await loadCache();
    let r = await capturingProblems(() => cache.saveCache(paths, key), deadlineMs());
    for (let attempt = 1; attempt < TAR_RETRIES && r.value !== TIMED_OUT && r.value <= 0 && r.problems.some((p) => TAR_RACE.test(p)); attempt++) {
      await new Promise((wait) => setTimeout(wait, 1e3 * attempt));
      r = await capturingProblems(() => cache.saveCache(paths, key), deadlineMs());
    }
    if (r.value === TIMED_OUT)
      return { saved: false, ms: ms(), warning: `${what}: the cache service did not answer within ${deadlineMs() / 1e3} s; not saved` };
    if (r.value > 0) return { saved: true, ms: ms() };
    const cause = r.problems.length ? r.problems.join("; ") : "the cache service refused it (read-only cache or saving turned off)";
    return { saved: false, ms: ms(), warning: `${what}: not saved (key ${key}): ${cause}` };
  } catch (e) {
    return { saved: false, ms: ms(), warning: `${what}: not saved (key ${key}): ${e.message}` };
  }
}

// src/action/storePaths.ts
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
function storePaths(spec) {
  return ["v2/manifests", "v2/blobs", STORE_INDEX, "v1/compilers.msgpack", "reports"].map((p) => `${spec}/${p}`);
}
var STORE_INDEX = "v2/index.msgpack";
var storeIndexPath = (cacheDir) => join(cacheDir, STORE_INDEX);
function toolchainsPaths(spec) {
  return [`${spec}/toolchains`];
}
function installedToolchains(cacheDir) {
  const dir = join(cacheDir, "toolchains");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => !n.startsWith("."));
}
var reportsDir = (cacheDir) => join(cacheDir, "reports");

// src/action/libDepsEntries.ts
import { existsSync as existsSync2 } from "node:fs";
import { isAbsolute, relative, resolve as resolve2 } from "node:path";

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
      const paths = entry.paths.map((p) => {
        const rel = relative(workspace, p);
        return rel.startsWith("..") || isAbsolute(rel) ? p : rel;
      });
      const r = await restoreEntry(`libdeps ${env}`, paths, entry.key, entry.restoreKeys);
      if (r.warning) warning(`fbuild: ${r.warning}`);
      else
        info(
          r.matchedKey ? `fbuild: ${env} libraries restored from ${r.matchedKey} in ${r.ms} ms` : `fbuild: ${env}: no libraries to restore`
        );
      return { env, key: entry.key, paths, exact: r.matchedKey === entry.key, ms: r.ms };
    })
  );
}
async function saveLibDeps(entries, workspace) {
  for (const e of entries ?? []) {
    if (e.exact) continue;
    if (!e.paths.every((p) => existsSync2(resolve2(workspace, p)))) continue;
    const r = await saveEntry(`libdeps ${e.env}`, e.paths, e.key);
    if (r.saved) info(`fbuild: ${e.env} libraries saved as ${e.key} in ${r.ms} ms`);
    else warning(`fbuild: ${r.warning}`);
  }
}

export {
  cacheServiceAvailable,
  restoreEntry,
  saveEntry,
  storePaths,
  storeIndexPath,
  toolchainsPaths,
  installedToolchains,
  reportsDir,
  restoreLibDeps,
  saveLibDeps
};

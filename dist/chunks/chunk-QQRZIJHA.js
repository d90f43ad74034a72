import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  timedTransfer
} from "./chunk-JSFGXPGR.js";

// src/action/transferDir.ts
import { mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
async function inTransferDir(archive, transfer) {
  const dir = enter();
  try {
    const name = archive.name.replace(/[^\w.-]/g, "_");
    linkRoot(join(dir, name), archive.root);
    return await transfer(archive.paths.map((p) => `${name}/${p}`));
  } finally {
    leave();
  }
}
var safeForTarCommand = (p) => (process.platform === "win32" ? /^[\w/\\.+@:,=~-]+$/ : /^[\w/.+@:,=~-]+$/).test(p);
var active;
function enter() {
  if (active) {
    active.count++;
    return active.dir;
  }
  const base = safeForTarCommand(tmpdir()) || process.platform === "win32" ? tmpdir() : "/tmp";
  const dir = mkdtempSync(join(base, "fbuild-transfer-"));
  active = {
    count: 1,
    dir,
    cwd: process.cwd(),
    env: { GITHUB_WORKSPACE: process.env.GITHUB_WORKSPACE, RUNNER_TEMP: process.env.RUNNER_TEMP }
  };
  process.env.GITHUB_WORKSPACE = dir;
  if (process.env.RUNNER_TEMP && !safeForTarCommand(process.env.RUNNER_TEMP)) process.env.RUNNER_TEMP = dir;
  process.chdir(dir);
  return dir;
}
function leave() {
  if (!active || --active.count > 0) return;
  const { dir, cwd, env } = active;
  active = void 0;
  process.chdir(cwd);
  for (const [k, v] of Object.entries(env)) {
    if (v === void 0) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
}
function linkRoot(link, root) {
  mkdirSync(root, { recursive: true });
  try {
    if (readlinkSync(link) === root) return;
    rmSync(link, { force: true });
  } catch {
  }
  symlinkSync(root, link, process.platform === "win32" ? "junction" : "dir");
}

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
var loadCache = () => import("./cache-WDRWASAN.js");
async function cacheServiceAvailable() {
  return (await loadCache()).isFeatureAvailable();
}
async function restoreEntry(what, archive, primaryKey, restoreKeys) {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const cache = await loadCache();
    const r = await inTransferDir(
      archive,
      (paths) => timedTransfer(() => capturingProblems(() => cache.restoreCache(paths, primaryKey, restoreKeys), deadlineMs()))
    );
    if (r.value === TIMED_OUT)
      return {
        ms: ms(),
        timedOut: true,
        warning: `${what}: the cache service did not answer within ${deadlineMs() / 1e3} s; going on without it`
      };
    if (r.value) return { matchedKey: r.value, ms: ms() };
    return { ms: ms(), ...r.problems.length ? { warning: `${what}: not restored: ${r.problems.join("; ")}` } : {} };
  } catch (e) {
    return { ms: ms(), warning: `${what}: not restored: ${e.message}` };
  }
}
var TAR_RACE = /tar\W+failed with (error: )?.*exit code 1\b/;
var TAR_RETRIES = 3;
async function saveEntry(what, archive, key) {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const cache = await loadCache();
    const save = () => inTransferDir(archive, (paths) => timedTransfer(() => capturingProblems(() => cache.saveCache(paths, key), deadlineMs())));
    let r = await save();
    for (let attempt = 1; attempt < TAR_RETRIES && r.value !== TIMED_OUT && r.value <= 0 && r.problems.some((p) => TAR_RACE.test(p)); attempt++) {
      await new Promise((wait) => setTimeout(wait, 1e3 * attempt));
      r = await save();
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

export {
  cacheServiceAvailable,
  restoreEntry,
  saveEntry
};

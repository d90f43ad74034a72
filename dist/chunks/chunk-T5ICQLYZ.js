import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseByteSize
} from "./chunk-4RDXSJGU.js";
import {
  findBoard,
  findEsp32Board,
  unknownBoardHint
} from "./chunk-PO5ZR4N6.js";
import {
  exportVariable,
  getInput,
  getState,
  saveState,
  setFailed,
  warning
} from "./chunk-LVEETRTC.js";
import {
  isProcessAlive
} from "./chunk-WDI3OBGI.js";
import {
  childEnv
} from "./chunk-T4BKT7HW.js";
import {
  RemoteConfigError,
  redisOptionsFor
} from "./chunk-ARH6VGVS.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/action/examples/examplesInputs.ts
function examplesInputs(get) {
  const boards = get("boards").split(/[\s,]+/).filter(Boolean);
  for (const b of boards) {
    if (!/^[A-Za-z0-9_.-]+$/.test(b))
      throw new UserError(`input 'boards' has '${b}'; allowed: board ids such as uno, megaatmega2560, esp32dev`);
  }
  const examples = get("examples").split(/[\n,]+/).map((e) => e.trim()).filter(Boolean);
  if (examples.length && !boards.length)
    throw new UserError("input 'examples' needs 'boards': the boards to build the library's examples for, e.g. boards: uno");
  return boards.length ? { boards: [...new Set(boards)], examples } : {};
}
function examplesTargets(boards) {
  const platforms = boards.map((b) => {
    if (findBoard(b)) return "atmelavr";
    if (findEsp32Board(b)) return "espressif32";
    throw new UserError(`input 'boards' has '${b}', a board fbuild does not build for; ${unknownBoardHint(b)}`);
  });
  return { envs: boards, platforms };
}

// src/action/inputs.ts
function oneOf(get, name, allowed, fallback) {
  const value = get(name).trim() || fallback;
  if (!allowed.includes(value)) {
    throw new UserError(`input '${name}' is '${value}'; allowed values: ${allowed.join(", ")}`);
  }
  return value;
}
function bool(get, name, fallback) {
  const value = get(name).trim().toLowerCase();
  if (!value) return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new UserError(`input '${name}' is '${get(name).trim()}'; allowed values: true, false`);
}
function remoteCacheInput(get) {
  const url = get("remote-cache").trim();
  const modeText = get("remote-cache-mode").trim();
  const mode = modeText ? oneOf(get, "remote-cache-mode", ["read", "read-write"], "read-write") : void 0;
  if (!url) return {};
  try {
    redisOptionsFor(url);
  } catch (e) {
    if (e instanceof RemoteConfigError) throw new UserError(`input 'remote-cache': ${e.message}`);
    throw e;
  }
  return { remoteCache: { url, ...mode ? { mode } : {} } };
}
function readInputs(get) {
  const environments = get("environment").split(/[\s,]+/).map((e) => e.trim()).filter(Boolean);
  for (const e of environments) {
    if (!/^[A-Za-z0-9_.-]+$/.test(e))
      throw new UserError(`input 'environment' has '${e}'; allowed: env names of platformio.ini (letters, digits, _ . -)`);
  }
  const jobsText = get("jobs").trim();
  let jobs;
  if (jobsText) {
    jobs = Number(jobsText);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UserError(`input 'jobs' is '${jobsText}'; allowed values: a whole number of 1 or more`);
  }
  const sizeText = get("cache-max-size").trim() || "1G";
  const cacheMaxBytes = parseByteSize(sizeText);
  if (!cacheMaxBytes) throw new UserError(`input 'cache-max-size' is '${sizeText}'; allowed values: a size such as 500M, 1G or 2GiB`);
  const keySuffix = get("key-suffix").trim();
  if (keySuffix && !/^[A-Za-z0-9._-]+$/.test(keySuffix)) {
    throw new UserError(`input 'key-suffix' is '${keySuffix}'; allowed: letters, digits and . _ -`);
  }
  return {
    environments,
    projectDir: get("project-dir").trim() || ".",
    toolchain: oneOf(get, "toolchain", ["auto", "pinned", "system"], "auto"),
    ...jobs !== void 0 ? { jobs } : {},
    cache: bool(get, "cache", true),
    cacheMaxBytes,
    save: oneOf(get, "save", ["always", "on-success", "never"], "always"),
    evictUnused: bool(get, "evict-unused", false),
    keySuffix,
    deleteSuperseded: bool(get, "delete-superseded", true),
    comment: bool(get, "comment", true),
    githubToken: get("github-token").trim(),
    ...remoteCacheInput(get),
    ...examplesInputs(get)
  };
}

// src/action/runnerContext.ts
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
function runnerContext(env = process.env) {
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const temp = resolve(env.RUNNER_TEMP ?? join(workspace, "..", "_temp"));
  const userDir = env.FBUILD_CACHE_DIR;
  return {
    workspace,
    temp,
    jobDir: join(temp, "fbuild-action"),
    cacheDir: userDir ? resolve(userDir) : join(homedir(), ".cache", "fbuild"),
    cachePathSpec: userDir ? resolve(userDir) : "~/.cache/fbuild",
    runId: env.GITHUB_RUN_ID ?? "0",
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? "1",
    ref: env.GITHUB_REF ?? "",
    sha: env.GITHUB_SHA ?? "",
    repository: env.GITHUB_REPOSITORY ?? "",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    os: (env.RUNNER_OS ?? process.platform).toLowerCase().replace("darwin", "macos"),
    arch: (env.RUNNER_ARCH ?? process.arch).toLowerCase(),
    cliPath: join(dirname(resolve(process.argv[1] ?? ".")), "cli.js")
  };
}

// src/action/state.ts
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname as dirname2, join as join2 } from "node:path";
var StateFile = class _StateFile {
  constructor(path) {
    this.path = path;
  }
  path;
  static locate(jobDir) {
    return new _StateFile(process.env.FBUILD_ACTION_STATE || getState("state-file") || join2(jobDir, "state.json"));
  }
  /** Makes the file findable by later steps and by this action's post step. */
  publish() {
    exportVariable("FBUILD_ACTION_STATE", this.path);
    saveState("state-file", this.path);
  }
  read() {
    try {
      return JSON.parse(readFileSync(this.path, "utf8"));
    } catch {
      return void 0;
    }
  }
  write(state) {
    mkdirSync(dirname2(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, JSON.stringify(state, null, 2));
    renameSync(`${this.path}.tmp`, this.path);
  }
  update(change) {
    const state = { ...this.read(), ...change };
    this.write(state);
    return state;
  }
};

// src/action/step.ts
function inputGetter() {
  let composite;
  if (process.env.FBUILD_ACTION_INPUTS) composite = JSON.parse(process.env.FBUILD_ACTION_INPUTS);
  return (name) => composite ? String(composite[name] ?? "") : getInput(name);
}
function runStep(name, body, opts = { mayFail: true }) {
  const run = async () => {
    const inputs = readInputs(inputGetter());
    const ctx = runnerContext();
    const state = opts.freshState ? new StateFile(`${ctx.jobDir}/state.json`) : StateFile.locate(ctx.jobDir);
    return body(inputs, ctx, state);
  };
  run().then(
    (ok) => {
      if (ok === false) process.exitCode = 1;
    },
    (e) => {
      const message = e instanceof UserError ? e.message : `fbuild ${name}: internal error: ${e?.stack ?? String(e)}`;
      if (opts.mayFail) setFailed(message);
      else warning(message);
    }
  ).finally(() => process.exit());
}

// src/action/transferDir.ts
import { mkdirSync as mkdirSync2, mkdtempSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join3 } from "node:path";
async function inTransferDir(archive, transfer) {
  const dir = enter();
  try {
    const name = archive.name.replace(/[^\w.-]/g, "_");
    linkRoot(join3(dir, name), archive.root);
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
  const dir = mkdtempSync(join3(base, "fbuild-transfer-"));
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
  mkdirSync2(root, { recursive: true });
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
var loadCache = () => import("./cache-TSSMSXEM.js");
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
      (paths) => capturingProblems(() => cache.restoreCache(paths, primaryKey, restoreKeys), deadlineMs())
    );
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
async function saveEntry(what, archive, key) {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const cache = await loadCache();
    const save = () => inTransferDir(archive, (paths) => capturingProblems(() => cache.saveCache(paths, key), deadlineMs()));
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

// src/action/serverProcess.ts
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync as mkdirSync3, openSync, readFileSync as readFileSync2, rmSync as rmSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join4 } from "node:path";
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function spawnDetachedServer(opts) {
  const started = performance.now();
  mkdirSync3(opts.jobDir, { recursive: true });
  const token = randomBytes(32).toString("hex");
  opts.onToken(token);
  const tokenFile = join4(opts.jobDir, "server.token");
  writeFileSync2(tokenFile, token, { mode: 384 });
  const log = join4(opts.jobDir, "server.log");
  const fd = openSync(log, "w");
  const goFile = join4(opts.jobDir, "server.go");
  rmSync2(goFile, { force: true });
  const args = [
    opts.cliPath,
    "serve",
    "--cache-dir",
    opts.cacheDir,
    "--token-file",
    tokenFile,
    "--allow-root",
    opts.workspace,
    "--wait-for",
    goFile,
    // Found through the job's state, never through the cache dir's lock: another job's server on the
    // same dir (a self-hosted runner's home) is no reason to refuse.
    "--shared-cache-dir"
  ];
  if (opts.jobs) args.push("--jobs", String(opts.jobs));
  const env = { ...childEnv(opts.env ?? process.env), FBUILD_CACHE_DIR: opts.cacheDir };
  if (opts.remote) Object.assign(env, { FBUILD_REMOTE_CACHE: opts.remote.url, FBUILD_REMOTE_CACHE_MODE: opts.remote.mode });
  const child = spawn(process.execPath, args, { detached: true, stdio: ["ignore", fd, fd], env, cwd: opts.workspace });
  closeSync(fd);
  let exited = null;
  child.once("exit", (code) => exited = code ?? -1);
  child.unref();
  let wentAt = started;
  const go = () => {
    wentAt = performance.now();
    writeFileSync2(goFile, "");
  };
  const ready = async () => {
    for (let waited = 0; waited < 3e4; waited += 5) {
      const text = readFileSync2(log, "utf8");
      const line = /^\{"url":.*$/m.exec(text)?.[0];
      if (line) {
        const { url, pid } = JSON.parse(line);
        return { url, pid, token, tokenFile, log, startMs: Math.round(performance.now() - wentAt) };
      }
      if (exited !== null) throw new UserError(`the fbuild server did not start (exit ${exited}): ${lastLines(text, 5).join(" | ")}`);
      await sleep(5);
    }
    child.kill();
    throw new UserError(`the fbuild server did not say its address within 30 s; its log is ${log}`);
  };
  return { go, ready, abort: () => child.kill() };
}
function lastLines(text, n) {
  return text.trimEnd().split("\n").slice(-n);
}
function readLog(path) {
  try {
    return readFileSync2(path, "utf8");
  } catch {
    return "";
  }
}
function serverAlive(pid) {
  try {
    const stat = readFileSync2(`/proc/${pid}/stat`, "utf8");
    return !/^\S+ \(.*\) [ZX]/.test(stat);
  } catch {
  }
  return isProcessAlive(pid);
}
async function serverExited(pid, ms) {
  for (let waited = 0; serverAlive(pid); waited += 20) {
    if (waited >= ms) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}
function killServerGroup(pid) {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
    }
  }
}

export {
  cacheServiceAvailable,
  restoreEntry,
  saveEntry,
  spawnDetachedServer,
  lastLines,
  readLog,
  serverExited,
  killServerGroup,
  examplesTargets,
  runStep
};

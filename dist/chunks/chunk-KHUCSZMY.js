import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseByteSize
} from "./chunk-4RDXSJGU.js";
import {
  exportVariable,
  getInput,
  getState,
  saveState,
  setFailed,
  warning
} from "./chunk-4KXLIBTE.js";
import {
  isProcessAlive
} from "./chunk-WDI3OBGI.js";
import {
  RemoteConfigError,
  redisOptionsFor
} from "./chunk-ARH6VGVS.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

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
    ...remoteCacheInput(get)
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

// src/action/serverProcess.ts
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync as mkdirSync2, openSync, readFileSync as readFileSync2, rmSync, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join3 } from "node:path";
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function spawnDetachedServer(opts) {
  const started = performance.now();
  mkdirSync2(opts.jobDir, { recursive: true });
  const token = randomBytes(32).toString("hex");
  opts.onToken(token);
  const tokenFile = join3(opts.jobDir, "server.token");
  writeFileSync2(tokenFile, token, { mode: 384 });
  const log = join3(opts.jobDir, "server.log");
  const fd = openSync(log, "w");
  const goFile = join3(opts.jobDir, "server.go");
  rmSync(goFile, { force: true });
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
  const env = { ...opts.env ?? process.env, FBUILD_CACHE_DIR: opts.cacheDir };
  delete env.FBUILD_CACHE_TOKEN;
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
  spawnDetachedServer,
  lastLines,
  readLog,
  serverExited,
  killServerGroup,
  runStep
};

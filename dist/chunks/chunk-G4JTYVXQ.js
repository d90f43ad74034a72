import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  isProcessAlive
} from "./chunk-WDI3OBGI.js";
import {
  childEnv
} from "./chunk-T4BKT7HW.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/action/serverProcess.ts
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function spawnDetachedServer(opts) {
  const started = performance.now();
  mkdirSync(opts.jobDir, { recursive: true });
  const token = randomBytes(32).toString("hex");
  opts.onToken(token);
  const tokenFile = join(opts.jobDir, "server.token");
  writeFileSync(tokenFile, token, { mode: 384 });
  const log = join(opts.jobDir, "server.log");
  const fd = openSync(log, "w");
  const goFile = join(opts.jobDir, "server.go");
  rmSync(goFile, { force: true });
  const args = [
    // No --min-semi-space-size here (the resident server has it, src/cli/residentStart.ts): the
    // larger young generation cost this server about 50 ms of its start, after the restore, for
    // 10-20 ms off its one build.
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
  if (child.pid) childExits.set(child.pid, new Promise((r) => child.once("exit", () => r())));
  child.unref();
  let wentAt = started;
  const go = () => {
    wentAt = performance.now();
    writeFileSync(goFile, "");
  };
  const ready = async () => {
    for (let waited = 0; waited < 3e4; waited += 5) {
      const text = readFileSync(log, "utf8");
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
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
function serverAlive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\S+ \(.*\) [ZX]/.test(stat);
  } catch {
  }
  return isProcessAlive(pid);
}
var childExits = /* @__PURE__ */ new Map();
async function serverExited(pid, ms) {
  const exit = childExits.get(pid);
  if (exit && serverAlive(pid)) {
    let timer;
    const late = new Promise((r) => timer = setTimeout(r, ms));
    await Promise.race([exit, late]);
    clearTimeout(timer);
    return !serverAlive(pid);
  }
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
  killServerGroup
};

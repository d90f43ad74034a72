import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  writeFileAtomic
} from "./chunk-OA4IFKWM.js";
import {
  isProcessAlive
} from "./chunk-WDI3OBGI.js";
import {
  childEnv
} from "./chunk-6RGQGRVI.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/action/serverProcess.ts
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function serverOptions(opts) {
  mkdirSync(opts.jobDir, { recursive: true });
  const token = randomBytes(32).toString("hex");
  opts.onToken(token);
  const tokenFile = join(opts.jobDir, "server.token");
  writeFileSync(tokenFile, token, { mode: 384 });
  const args = [
    // No --min-semi-space-size here (the resident server has it, src/cli/residentStart.ts): the
    // larger young generation cost this server about 50 ms of its start, after the restore, for
    // 10-20 ms off its one build.
    "--cache-dir",
    opts.cacheDir,
    "--token-file",
    tokenFile,
    "--allow-root",
    opts.workspace,
    // Found through the job's state, never through the cache dir's lock: another job's server on the
    // same dir (a self-hosted runner's home) is no reason to refuse.
    "--shared-cache-dir"
  ];
  if (opts.jobs) args.push("--jobs", String(opts.jobs));
  const env = { FBUILD_CACHE_DIR: opts.cacheDir };
  if (opts.remote) Object.assign(env, { FBUILD_REMOTE_CACHE: opts.remote.url, FBUILD_REMOTE_CACHE_MODE: opts.remote.mode });
  return { args, env, token, tokenFile };
}
function serverStart(log, auth, server) {
  let wentAt = performance.now();
  return {
    go: () => {
      wentAt = performance.now();
      server.go();
    },
    ready: async () => {
      for (let waited = 0; waited < 3e4; waited += 5) {
        const text = readLog(log);
        const line = /^\{"url":.*$/m.exec(text)?.[0];
        if (line) {
          const { url, pid } = JSON.parse(line);
          return { url, pid, ...auth, log, startMs: Math.round(performance.now() - wentAt) };
        }
        const exited = server.exited();
        if (exited !== void 0) throw new UserError(`the fbuild server did not start (${exited}): ${lastLines(text, 5).join(" | ")}`);
        await sleep(5);
      }
      server.kill();
      throw new UserError(`the fbuild server did not say its address within 30 s; its log is ${log}`);
    },
    abort: () => server.kill()
  };
}
function spawnDetachedServer(opts) {
  const { args, env: added, token, tokenFile } = serverOptions(opts);
  const log = join(opts.jobDir, "server.log");
  const fd = openSync(log, "w");
  const goFile = join(opts.jobDir, "server.go");
  rmSync(goFile, { force: true });
  const env = { ...childEnv(opts.env ?? process.env), ...added };
  const child = spawn(process.execPath, [opts.cliPath, "serve", ...args, "--wait-for", goFile], {
    detached: true,
    stdio: ["ignore", fd, fd],
    env,
    cwd: opts.workspace
  });
  closeSync(fd);
  let exited = null;
  child.once("exit", (code) => exited = code ?? -1);
  if (child.pid) childExits.set(child.pid, new Promise((r) => child.once("exit", () => r())));
  child.unref();
  return serverStart(
    log,
    { token, tokenFile },
    {
      go: () => writeFileSync(goFile, ""),
      exited: () => exited === null ? void 0 : `exit ${exited}`,
      kill: () => child.kill()
    }
  );
}
function adoptStartedServer(given, opts) {
  const m = /^(\d+):(.+)$/.exec(given ?? "");
  if (!m) return void 0;
  const pid = Number(m[1]);
  const dir = m[2];
  if (!serverAlive(pid) || !existsSync(dir)) return void 0;
  const { args, env, token, tokenFile } = serverOptions(opts);
  return serverStart(
    join(dir, "log"),
    { token, tokenFile },
    {
      // Whole or not at all: the server reads the file as soon as it exists.
      go: () => writeFileAtomic(join(dir, "args"), JSON.stringify({ args, env }), { mode: 384 }),
      exited: () => serverAlive(pid) ? void 0 : "it exited",
      kill: () => killServerGroup(pid)
    }
  );
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
  for (let waited = 0; serverAlive(pid); waited += 5) {
    if (waited >= ms) return false;
    await new Promise((r) => setTimeout(r, 5));
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
  adoptStartedServer,
  lastLines,
  readLog,
  serverExited,
  killServerGroup
};

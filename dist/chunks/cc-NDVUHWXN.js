import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  findWorkspaceRoot
} from "./chunk-H25GASCE.js";
import {
  ServerError,
  ServerTimeoutError,
  ServerUnreachableError,
  clientTimeouts,
  serverErrorMessage,
  timeoutMessage,
  tokenFromEnv
} from "./chunk-NCFA66Z3.js";
import {
  pack,
  unpack
} from "./chunk-WEUVYVWV.js";
import {
  usage
} from "./chunk-K5XHDEBM.js";
import "./chunk-3EKYSYMU.js";

// src/cli/cc.ts
import { spawn } from "node:child_process";
import { writeFileSync as writeFileSync2 } from "node:fs";

// src/client/compileRequest.ts
import { request } from "node:http";
function compileOnce(url, token, body, timeouts = clientTimeouts()) {
  const payload = pack(body);
  const target = url.startsWith("unix:") ? { socketPath: url.replace(/^unix:(\/\/)?/, "") } : (() => {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port) };
  })();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...target,
        method: "POST",
        path: "/v1/compile",
        headers: {
          ...token ? { authorization: `Bearer ${token}` } : {},
          "content-type": "application/msgpack",
          "content-length": payload.length
        }
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const data = Buffer.concat(chunks);
          if ((res.statusCode ?? 500) >= 400) {
            const message = serverErrorMessage(data.toString());
            reject(new ServerError(res.statusCode ?? 500, `fbuild server: ${message} (HTTP ${res.statusCode})`));
            return;
          }
          try {
            resolve(unpack(data));
          } catch (e) {
            reject(new ServerError(502, `fbuild server: unreadable answer (${e.message})`));
          }
        });
        res.on(
          "error",
          (e) => reject(e instanceof ServerUnreachableError ? e : new ServerUnreachableError(`lost the fbuild server at ${url}: ${e.message}`))
        );
      }
    );
    let connectTimer;
    req.on("socket", (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () => req.destroy(new ServerTimeoutError(timeoutMessage(url, "connect", timeouts.connectMs))),
        timeouts.connectMs
      );
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    req.setTimeout(timeouts.idleMs, () => req.destroy(new ServerTimeoutError(timeoutMessage(url, "idle", timeouts.idleMs))));
    req.on("error", (e) => {
      clearTimeout(connectTimer);
      reject(
        e instanceof ServerUnreachableError ? e : new ServerUnreachableError(`cannot reach the fbuild server at ${url}: ${e.message}`)
      );
    });
    req.on("close", () => clearTimeout(connectTimer));
    req.end(payload);
  });
}

// src/cli/makeRun.ts
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var MakeRun = class _MakeRun {
  constructor(marker) {
    this.marker = marker;
  }
  marker;
  static current(env = process.env) {
    if (env.MAKELEVEL === void 0) return void 0;
    const make = outermostMake(process.ppid);
    if (!make) return void 0;
    const dir = join(env.XDG_RUNTIME_DIR || tmpdir(), `fbuild-cc-${process.getuid?.() ?? "user"}`);
    try {
      mkdirSync(dir, { recursive: true, mode: 448 });
    } catch {
      return void 0;
    }
    return new _MakeRun(join(dir, `make-${make}`));
  }
  /** A server in this run already failed to answer in time. */
  get serverTimedOut() {
    try {
      return readFileSync(this.marker, "utf8") === "timeout";
    } catch {
      return false;
    }
  }
  /** Records a failure; true for the first of the run (the one to warn about). */
  recordFailure(timedOut) {
    try {
      writeFileSync(this.marker, timedOut ? "timeout" : "failed", { flag: "wx" });
    } catch (e) {
      if (e.code !== "EEXIST") return true;
      if (timedOut) writeFileSync(this.marker, "timeout");
      return false;
    }
    removeOldMarkers(join(this.marker, ".."));
    return true;
  }
};
function outermostMake(pid) {
  let found;
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    let stat;
    try {
      stat = readFileSync(`/proc/${p}/stat`, "utf8");
    } catch {
      break;
    }
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    if (/^g?make$/.test(comm)) found = `${p}-${fields[19]}`;
    p = Number(fields[1]);
  }
  return found;
}
var DAY_MS = 24 * 3600 * 1e3;
function removeOldMarkers(dir) {
  for (const name of safeList(dir)) {
    try {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > DAY_MS) rmSync(join(dir, name), { force: true });
    } catch {
    }
  }
}
function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

// src/cli/cc.ts
async function runCc(argv) {
  const [compiler, ...args] = argv;
  if (!compiler) throw usage("fbuild cc", "missing compiler; usage: fbuild cc COMPILER ARGS... (e.g. fbuild cc avr-gcc -c x.c -o x.o)");
  const cwd = process.cwd();
  const workspaceRoot = findWorkspaceRoot(cwd);
  const url = process.env.FBUILD_CACHE_URL;
  let r;
  if (url) {
    const makeRun = MakeRun.current();
    if (makeRun?.serverTimedOut) return compileWithoutServer(compiler, args);
    try {
      const env = Object.fromEntries(
        Object.entries(process.env).filter((e) => e[1] !== void 0 && e[0] !== "FBUILD_CACHE_TOKEN")
      );
      r = await compileOnce(url, tokenFromEnv(), { compiler, args, cwd, env, workspaceRoot }, clientTimeouts());
    } catch (e) {
      if (makeRun?.recordFailure(e instanceof ServerTimeoutError) ?? true) {
        const once = makeRun ? " (said once for this make run)" : "";
        process.stderr.write(`fbuild cc: warning: ${e.message}; compiling without the cache${once}
`);
      }
      return compileWithoutServer(compiler, args);
    }
  } else {
    const { CacheService } = await import("./cacheService-FIIBZGKM.js");
    const service = await CacheService.start({ jobs: 1 });
    try {
      r = await service.compile({ compiler, args, cwd, workspaceRoot });
    } finally {
      for (const w of (await service.shutdown("graceful")).warnings) process.stderr.write(`fbuild cc: warning: ${w}
`);
    }
  }
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (process.env.FBUILD_CC_VERBOSE && process.env.FBUILD_CC_VERBOSE !== "0")
    process.stderr.write(`fbuild cc: ${r.outcome}${r.reason ? ` (${r.reason})` : ""}
`);
  reportOutcome(r);
  return r.exitCode;
}
function reportOutcome(r) {
  if (!process.env.FBUILD_CC_OUTCOME_FILE) return;
  const { outcome, reason, savedMs } = r;
  writeFileSync2(
    process.env.FBUILD_CC_OUTCOME_FILE,
    JSON.stringify({ outcome, ...reason ? { reason } : {}, ...savedMs !== void 0 ? { savedMs } : {} })
  );
}
function compileWithoutServer(compiler, args) {
  reportOutcome({ outcome: "error", reason: "cache server unavailable" });
  return compileDirectly(compiler, args);
}
function compileDirectly(compiler, args) {
  return new Promise((resolveExit) => {
    const child = spawn(compiler, args, { stdio: "inherit" });
    child.on("error", (e) => {
      process.stderr.write(`fbuild cc: cannot run ${compiler}: ${e.message}
`);
      resolveExit(127);
    });
    child.on("close", (code) => resolveExit(code ?? 1));
  });
}
export {
  runCc
};

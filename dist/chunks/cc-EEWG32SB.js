import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  findWorkspaceRoot
} from "./chunk-H25GASCE.js";
import {
  ServerError,
  ServerUnreachableError,
  serverErrorMessage
} from "./chunk-4YDTNHMK.js";
import {
  usage
} from "./chunk-D4GZEASM.js";
import {
  pack,
  unpack
} from "./chunk-WEUVYVWV.js";
import "./chunk-3EKYSYMU.js";

// src/cli/cc.ts
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";

// src/client/compileRequest.ts
import { request } from "node:http";
function compileOnce(url, token, body) {
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
        headers: { authorization: `Bearer ${token}`, "content-type": "application/msgpack", "content-length": payload.length }
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
        res.on("error", (e) => reject(new ServerUnreachableError(`lost the fbuild server at ${url}: ${e.message}`)));
      }
    );
    req.on("error", (e) => reject(new ServerUnreachableError(`cannot reach the fbuild server at ${url}: ${e.message}`)));
    req.end(payload);
  });
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
    try {
      const env = Object.fromEntries(Object.entries(process.env).filter((e) => e[1] !== void 0));
      r = await compileOnce(url, process.env.FBUILD_CACHE_TOKEN ?? "", { compiler, args, cwd, env, workspaceRoot });
    } catch (e) {
      process.stderr.write(`fbuild cc: warning: ${e.message}; compiling without the cache
`);
      reportOutcome({ outcome: "error", reason: "cache server unavailable" });
      return compileDirectly(compiler, args);
    }
  } else {
    const { CacheService } = await import("./cacheService-YFCG52Q7.js");
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
  if (process.env.FBUILD_CC_VERBOSE && process.env.FBUILD_CC_VERBOSE !== "0") process.stderr.write(`fbuild cc: ${r.outcome}${r.reason ? ` (${r.reason})` : ""}
`);
  reportOutcome(r);
  return r.exitCode;
}
function reportOutcome(r) {
  if (!process.env.FBUILD_CC_OUTCOME_FILE) return;
  const { outcome, reason, savedMs } = r;
  writeFileSync(process.env.FBUILD_CC_OUTCOME_FILE, JSON.stringify({ outcome, ...reason ? { reason } : {}, ...savedMs !== void 0 ? { savedMs } : {} }));
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

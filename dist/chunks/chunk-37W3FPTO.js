import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  fileIdentity,
  invocationEnv
} from "./chunk-ICD5V67S.js";
import {
  tokenFromEnv
} from "./chunk-6GJB7XOM.js";
import {
  JobClient
} from "./chunk-LHKOCDRA.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import {
  isProcessAlive
} from "./chunk-WDI3OBGI.js";

// src/cli/residentServer.ts
import { lstatSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
var RECORD_VERSION = 1;
function residentServersEnabled(env = process.env) {
  return !/^(0|false|no|off)$/i.test(env.FBUILD_DAEMON ?? "");
}
function residentPlaceFor(opts, env = process.env, cwd = process.cwd()) {
  if (opts.noDaemon || !residentServersEnabled(env)) return void 0;
  if (opts.server !== void 0 || env.FBUILD_CACHE_URL || opts.remote || opts.noCache || opts.backend !== "embedded") return void 0;
  const cacheDir = opts.cacheDir ?? defaultCacheDir(env);
  const self = fileIdentity(process.argv[1]);
  const vars = invocationEnv(env);
  const key = digest128(
    JSON.stringify([RECORD_VERSION, process.execPath, process.version, process.execArgv, self, cwd, vars, cacheDir, opts.maxBytes ?? null])
  );
  const dir = join(cacheDir, "daemons");
  return { cacheDir, dir, record: join(dir, `${key}.json`), starting: join(dir, `${key}.starting`), log: join(dir, `${key}.log`) };
}
function digest128(text) {
  let h1 = 2654435769 ^ text.length;
  let h2 = 2246822507;
  let h3 = 3266489909;
  let h4 = 668265263;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 1540483477);
    h3 = Math.imul(h3 ^ c, 461845907);
    h4 = Math.imul(h4 ^ c, 3432918353);
  }
  const fin = (h, m) => {
    h = Math.imul(h ^ h >>> 16, m);
    h = Math.imul(h ^ h >>> 13, 3266489909);
    return ((h ^ h >>> 16) >>> 0).toString(16).padStart(8, "0");
  };
  return fin(h1 ^ h3, 2246822507) + fin(h2 ^ h4, 668265263) + fin(h3 + h1, 374761393) + fin(h4 + h2, 3550635116);
}
function readResidentRecord(path) {
  if (!ownedAndPrivate(path) || !ownedAndPrivate(dirname(path))) return void 0;
  let r;
  try {
    r = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return void 0;
  }
  if (typeof r.url !== "string" || typeof r.pid !== "number" || typeof r.tokenFile !== "string") return void 0;
  if (!/^(http:\/\/127\.0\.0\.1:\d+|unix:\/\/\/.+)$/.test(r.url) || !ownedAndPrivate(r.tokenFile)) return void 0;
  return isProcessAlive(r.pid) ? r : void 0;
}
function ownedAndPrivate(path) {
  try {
    const st = lstatSync(path);
    return (process.getuid === void 0 || st.uid === process.getuid()) && (st.mode & 18) === 0 && !st.isSymbolicLink();
  } catch {
    return false;
  }
}
function residentClient(record, timeouts) {
  return new JobClient(record.url, tokenFromEnv({ FBUILD_CACHE_TOKEN_FILE: record.tokenFile }), timeouts);
}
function forgetResident(place) {
  rmSync(place.record, { force: true });
  rmSync(place.starting, { force: true });
}
function residentServersOf(cacheDir) {
  const dir = join(cacheDir, "daemons");
  let names;
  try {
    names = readdirSync(dir).filter((n) => /^[0-9a-f]{32}\.json$/.test(n));
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const path = join(dir, n);
    const record = readResidentRecord(path);
    if (!record) return [];
    try {
      return [{ ...record, recordedMs: statSync(path).mtimeMs }];
    } catch {
      return [];
    }
  });
}
async function stopResidentServers(cacheDir, mode = "graceful") {
  const servers = residentServersOf(cacheDir);
  await Promise.all(
    servers.map(async (s) => {
      const client = residentClient(s);
      try {
        await client.shutdown(mode);
      } catch {
        signal(s.pid, "SIGTERM");
      } finally {
        await client.close();
      }
      for (let waited = 0; isProcessAlive(s.pid); waited += 20) {
        if (waited === 3e4) signal(s.pid, "SIGKILL");
        await new Promise((r) => setTimeout(r, 20));
      }
    })
  );
  return servers.length;
}
function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
  }
}

export {
  residentServersEnabled,
  residentPlaceFor,
  digest128,
  readResidentRecord,
  ownedAndPrivate,
  residentClient,
  forgetResident,
  residentServersOf,
  stopResidentServers
};

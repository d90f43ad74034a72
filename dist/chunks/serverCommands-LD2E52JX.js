import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  serverOfCacheDir
} from "./chunk-GUSGWYCU.js";
import {
  CacheClient
} from "./chunk-Q7UBSOKN.js";
import {
  tokenFromEnv
} from "./chunk-6GJB7XOM.js";
import "./chunk-DYUYWDKC.js";
import "./chunk-APH6TICK.js";
import {
  ServerUnreachableError,
  clientTimeouts
} from "./chunk-N7O5JONP.js";
import {
  plural
} from "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import "./chunk-P32HW7BB.js";
import "./chunk-WDI3OBGI.js";
import {
  formatHitRate
} from "./chunk-AR4QESZK.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// src/cli/serverCommands.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";
function parseServerArgs(command, argv) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { json: { type: "boolean", default: false }, force: { type: "boolean", default: false }, "cache-dir": { type: "string" } }
    });
    return { json: values.json, force: values.force, ...values["cache-dir"] ? { cacheDir: resolve(values["cache-dir"]) } : {} };
  } catch (e) {
    throw new UserError(`fbuild ${command}: ${e.message.split("\n")[0]}; see fbuild ${command} --help`);
  }
}
async function clientOrExplain(command, opts) {
  const fromEnv = opts.cacheDir ? void 0 : CacheClient.fromEnv();
  if (fromEnv) return fromEnv;
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const holder = await serverOfCacheDir(cacheDir);
  if (!holder) {
    throw new UserError(
      `fbuild ${command}: no fbuild server holds the cache dir ${cacheDir}; start one with 'fbuild serve', pass the cache dir it uses (--cache-dir), or set FBUILD_CACHE_URL and FBUILD_CACHE_TOKEN`
    );
  }
  const token = tokenFromEnv({ ...holder.tokenFile ? { FBUILD_CACHE_TOKEN_FILE: holder.tokenFile } : {}, ...pickToken(process.env) });
  return new CacheClient(holder.url, token, clientTimeouts());
}
function pickToken(env) {
  return env.FBUILD_CACHE_TOKEN ? { FBUILD_CACHE_TOKEN: env.FBUILD_CACHE_TOKEN } : {};
}
async function withClient(command, opts, fn) {
  const client = await clientOrExplain(command, opts);
  try {
    return await fn(client);
  } catch (e) {
    if (e instanceof ServerUnreachableError) throw new UserError(`fbuild ${command}: ${e.message}; is 'fbuild serve' running?`);
    if (e instanceof Error && e.name !== "UserError" && "status" in e) throw new UserError(`fbuild ${command}: ${e.message}`);
    throw e;
  } finally {
    await client.close();
  }
}
async function runStats(argv) {
  const opts = parseServerArgs("stats", argv);
  const stats = await withClient("stats", opts, (c) => c.stats());
  if (opts.json) process.stdout.write(JSON.stringify(stats) + "\n");
  else {
    const reasons = Object.entries(stats.missReasons).map(([k, v]) => `${k}: ${v}`).join(", ") || "none";
    process.stdout.write(
      [
        `${plural(stats.compiles, "compile")}: ${plural(stats.hits, "hit")}, ${plural(stats.misses, "miss")}, ${stats.uncacheable} uncacheable, ${plural(stats.errors, "store error")}`,
        `hit rate ${formatHitRate(stats)}, time saved ${(stats.timeSavedMs / 1e3).toFixed(1)} s`,
        `miss reasons: ${reasons}`,
        `per hit: median ${stats.hitServiceMs.median.toFixed(3)} ms, p95 ${stats.hitServiceMs.p95.toFixed(3)} ms`,
        `store: ${stats.entries} entries, ${(stats.bytes / 1024 / 1024).toFixed(1)} MiB`
      ].join("\n") + "\n"
    );
  }
  return 0;
}
async function runStop(argv) {
  const opts = parseServerArgs("stop", argv);
  await withClient("stop", opts, (c) => c.shutdown(opts.force ? "force" : "graceful"));
  return 0;
}
export {
  runStats,
  runStop
};

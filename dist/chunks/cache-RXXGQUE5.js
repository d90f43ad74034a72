import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  pruneStore
} from "./chunk-4ZT2BZTH.js";
import {
  CacheDirHeld,
  ServerLock,
  liveServersOn
} from "./chunk-GUSGWYCU.js";
import {
  CACHE_USAGE
} from "./chunk-QHSOPCBR.js";
import {
  formatByteSize,
  parseByteSize
} from "./chunk-4RDXSJGU.js";
import "./chunk-FGIXBREX.js";
import "./chunk-P32HW7BB.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import "./chunk-RRNSNA4T.js";
import "./chunk-OA4IFKWM.js";
import "./chunk-WDI3OBGI.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// src/cli/cache.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";
async function runCache(argv) {
  const [sub, ...rest] = argv;
  if (sub !== "prune") throw new UserError(`fbuild cache: unknown subcommand '${sub ?? ""}'; usage: ${CACHE_USAGE}`);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { "cache-dir": { type: "string" }, "max-size": { type: "string" }, "evict-unused-since": { type: "string" } }
    }));
  } catch (e) {
    throw new UserError(`fbuild cache prune: ${e.message.split("\n")[0]}; usage: ${CACHE_USAGE}`);
  }
  const maxBytes = parseByteSize(values["max-size"] ?? "");
  if (!maxBytes) throw new UserError(`fbuild cache prune: --max-size takes a size such as 1G or 500M, not '${values["max-size"] ?? ""}'`);
  let unusedBefore;
  if (values["evict-unused-since"] !== void 0) {
    const text = values["evict-unused-since"];
    unusedBefore = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (Number.isNaN(unusedBefore)) {
      throw new UserError(`fbuild cache prune: --evict-unused-since takes a time (ISO 8601 or ms since 1970), not '${text}'`);
    }
  }
  const cacheDir = resolve(values["cache-dir"] ?? defaultCacheDir());
  await (await import("./residentServer-EVRZAO7F.js")).stopResidentServers(cacheDir);
  const lock = await lockForPrune(cacheDir);
  let r;
  try {
    r = await pruneStore({ cacheDir, maxBytes, ...unusedBefore !== void 0 ? { unusedBefore } : {} });
  } finally {
    lock.release();
  }
  process.stdout.write(
    `store: ${r.before.entries} entries (${formatByteSize(r.before.bytes)}) -> ${r.after.entries} entries (${formatByteSize(r.after.bytes)})` + (unusedBefore !== void 0 ? `, ${r.unused} unused dropped` : "") + "\n"
  );
  return 0;
}
async function lockForPrune(cacheDir) {
  let lock;
  try {
    lock = await ServerLock.acquire(cacheDir, { pid: process.pid, url: "fbuild cache prune" });
  } catch (e) {
    if (e instanceof CacheDirHeld) throw serverInTheWay(cacheDir, e.holder);
    throw e;
  }
  const shared = (await liveServersOn(cacheDir)).find((s) => s.pid !== process.pid);
  if (shared) {
    lock.release();
    throw serverInTheWay(cacheDir, shared);
  }
  return lock;
}
var serverInTheWay = (cacheDir, s) => new UserError(
  `fbuild cache prune: the fbuild server pid ${s.pid} (${s.url}) has the store in ${cacheDir} open; stop it first (FBUILD_CACHE_URL=${s.url} fbuild stop), then prune`
);
export {
  runCache
};

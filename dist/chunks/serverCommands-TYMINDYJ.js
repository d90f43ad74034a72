import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  serverOfCacheDir
} from "./chunk-GUSGWYCU.js";
import {
  tokenFromEnv
} from "./chunk-6GJB7XOM.js";
import {
  require_undici
} from "./chunk-DYUYWDKC.js";
import {
  buildEventStream
} from "./chunk-APH6TICK.js";
import {
  ServerError,
  ServerTimeoutError,
  ServerUnreachableError,
  clientTimeouts,
  serverErrorMessage,
  timeoutMessage
} from "./chunk-N7O5JONP.js";
import {
  plural
} from "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import {
  pack,
  unpack
} from "./chunk-P32HW7BB.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import "./chunk-WDI3OBGI.js";
import {
  formatHitRate
} from "./chunk-AR4QESZK.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import {
  __toESM
} from "./chunk-ZATFCR4X.js";

// src/cli/serverCommands.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";

// src/client/cacheClient.ts
var import_undici = __toESM(require_undici(), 1);
var CacheClient = class _CacheClient {
  constructor(url, token, timeouts = clientTimeouts()) {
    this.url = url;
    this.token = token;
    this.timeouts = timeouts;
    const limits = { keepAliveTimeout: 3e4, headersTimeout: timeouts.idleMs, bodyTimeout: timeouts.idleMs };
    if (url.startsWith("unix:")) {
      const socketPath = url.replace(/^unix:(\/\/)?/, "");
      this.dispatcher = new import_undici.Agent({ connect: { socketPath, timeout: timeouts.connectMs }, ...limits });
      this.origin = "http://localhost";
    } else {
      this.dispatcher = new import_undici.Agent({ connect: { timeout: timeouts.connectMs }, ...limits });
      this.origin = url.replace(/\/$/, "");
    }
  }
  url;
  token;
  timeouts;
  dispatcher;
  origin;
  /** undici's error as ours: a timeout names the wait and its variable. */
  failure(e, doing) {
    const code = e.code;
    if (code === "UND_ERR_CONNECT_TIMEOUT") return new ServerTimeoutError(timeoutMessage(this.url, "connect", this.timeouts.connectMs));
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      return new ServerTimeoutError(timeoutMessage(this.url, "idle", this.timeouts.idleMs));
    }
    return new ServerUnreachableError(`${doing} the fbuild server at ${this.origin}: ${e.message}`);
  }
  static fromEnv(env = process.env) {
    if (!env.FBUILD_CACHE_URL) return void 0;
    return new _CacheClient(env.FBUILD_CACHE_URL, tokenFromEnv(env), clientTimeouts(env));
  }
  async call(method, path, body) {
    const headers = this.token ? { authorization: `Bearer ${this.token}` } : {};
    let payload;
    if (body?.json !== void 0) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body.json);
    } else if (body?.msgpack !== void 0) {
      headers["content-type"] = "application/msgpack";
      payload = pack(body.msgpack);
    }
    let res;
    try {
      res = await (0, import_undici.request)(`${this.origin}${path}`, { method, headers, body: payload, dispatcher: this.dispatcher });
    } catch (e) {
      throw this.failure(e, "cannot reach");
    }
    if (res.statusCode >= 400) {
      const message = serverErrorMessage(await res.body.text());
      throw new ServerError(res.statusCode, `fbuild server: ${message} (HTTP ${res.statusCode})`);
    }
    return res;
  }
  async health() {
    try {
      const res = await (0, import_undici.request)(`${this.origin}/health`, { dispatcher: this.dispatcher });
      await res.body.dump();
      return res.statusCode === 200;
    } catch {
      return false;
    }
  }
  async compile(body) {
    const res = await this.call("POST", "/v1/compile", { msgpack: body });
    return unpack(Buffer.from(await res.body.arrayBuffer()));
  }
  /** The build's events, without the server's heartbeats. Stopping the iteration cancels the build. */
  async *build(body) {
    const res = await this.call("POST", "/v1/build", { json: body });
    const chunks = res.body[Symbol.asyncIterator]();
    try {
      yield* buildEventStream(chunks, (e) => this.failure(e, "lost"));
    } finally {
      await chunks.return?.();
    }
  }
  async stats() {
    const res = await this.call("GET", "/v1/stats");
    return await res.body.json();
  }
  async flush() {
    await (await this.call("POST", "/v1/flush")).body.dump();
  }
  async shutdown(mode = "graceful") {
    await (await this.call("POST", "/v1/shutdown", { json: { mode } })).body.dump();
  }
  async close() {
    await this.dispatcher.close();
  }
};

// src/cli/serverCommands.ts
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
  const holder = await serverOfCacheDir(cacheDir) ?? await residentOf(command, cacheDir);
  if (!holder) {
    throw new UserError(
      `fbuild ${command}: no fbuild server holds the cache dir ${cacheDir}; start one with 'fbuild serve', pass the cache dir it uses (--cache-dir), or set FBUILD_CACHE_URL and FBUILD_CACHE_TOKEN`
    );
  }
  const token = tokenFromEnv({ ...holder.tokenFile ? { FBUILD_CACHE_TOKEN_FILE: holder.tokenFile } : {}, ...pickToken(process.env) });
  return new CacheClient(holder.url, token, clientTimeouts());
}
async function residentOf(command, cacheDir) {
  const { residentServersOf } = await import("./residentServer-EVRZAO7F.js");
  const servers = residentServersOf(cacheDir);
  if (servers.length === 0) return void 0;
  const newest = servers.reduce((a, b) => b.recordedMs > a.recordedMs ? b : a);
  if (servers.length > 1)
    process.stderr.write(
      `fbuild ${command}: ${servers.length} resident build servers use ${cacheDir}; this is the newest's (pid ${newest.pid})
`
    );
  return newest;
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
  const mode = opts.force ? "force" : "graceful";
  if (opts.cacheDir || !process.env.FBUILD_CACHE_URL) {
    const cacheDir = opts.cacheDir ?? defaultCacheDir();
    if (!await serverOfCacheDir(cacheDir)) {
      const { stopResidentServers } = await import("./residentServer-EVRZAO7F.js");
      if (await stopResidentServers(cacheDir, mode) > 0) return 0;
    }
  }
  await withClient("stop", opts, (c) => c.shutdown(mode));
  return 0;
}
export {
  runStats,
  runStop
};

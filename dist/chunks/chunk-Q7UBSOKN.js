import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
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
  pack,
  unpack
} from "./chunk-P32HW7BB.js";
import {
  __toESM
} from "./chunk-ZATFCR4X.js";

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

export {
  CacheClient
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  require_undici
} from "./chunk-OJVVGWCJ.js";
import {
  ServerError,
  ServerUnreachableError,
  serverErrorMessage
} from "./chunk-4YDTNHMK.js";
import {
  pack,
  unpack
} from "./chunk-WEUVYVWV.js";
import {
  __toESM
} from "./chunk-3EKYSYMU.js";

// src/client/cacheClient.ts
var import_undici = __toESM(require_undici(), 1);
var CacheClient = class _CacheClient {
  constructor(url, token) {
    this.url = url;
    this.token = token;
    if (url.startsWith("unix:")) {
      const socketPath = url.replace(/^unix:(\/\/)?/, "");
      this.dispatcher = new import_undici.Agent({ connect: { socketPath }, keepAliveTimeout: 3e4 });
      this.origin = "http://localhost";
    } else {
      this.dispatcher = new import_undici.Agent({ keepAliveTimeout: 3e4 });
      this.origin = url.replace(/\/$/, "");
    }
  }
  url;
  token;
  dispatcher;
  origin;
  static fromEnv(env = process.env) {
    if (!env.FBUILD_CACHE_URL) return void 0;
    return new _CacheClient(env.FBUILD_CACHE_URL, env.FBUILD_CACHE_TOKEN ?? "");
  }
  async call(method, path, body) {
    const headers = { authorization: `Bearer ${this.token}` };
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
      throw new ServerUnreachableError(`cannot reach the fbuild server at ${this.origin}: ${e.message}`);
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
  async *build(body) {
    const res = await this.call("POST", "/v1/build", { json: body });
    let pending = "";
    for await (const chunk of res.body) {
      pending += chunk.toString();
      let nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.trim()) yield JSON.parse(line);
      }
    }
    if (pending.trim()) yield JSON.parse(pending);
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

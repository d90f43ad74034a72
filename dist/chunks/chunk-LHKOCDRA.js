import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
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

// src/client/jobClient.ts
import { Agent, request } from "node:http";
var JobClient = class {
  constructor(url, token, timeouts = clientTimeouts()) {
    this.url = url;
    this.token = token;
    this.timeouts = timeouts;
    if (url.startsWith("unix:")) this.target = { socketPath: url.replace(/^unix:(\/\/)?/, "") };
    else {
      const u = new URL(url);
      this.target = { host: u.hostname, port: Number(u.port) };
    }
  }
  url;
  token;
  timeouts;
  agent = new Agent({ keepAlive: true });
  target;
  /** The answer's headers, with its body still to read; an error status is thrown with the server's message. */
  call(method, path, json) {
    const payload = json === void 0 ? void 0 : Buffer.from(JSON.stringify(json));
    const headers = this.token ? { authorization: `Bearer ${this.token}` } : {};
    if (payload) Object.assign(headers, { "content-type": "application/json", "content-length": payload.length });
    return new Promise((resolve, reject) => {
      let response;
      const req = request({ ...this.target, agent: this.agent, method, path, headers }, (res) => {
        response = res;
        if ((res.statusCode ?? 500) < 400) {
          resolve(res);
          return;
        }
        readBody(res).then(
          (body) => {
            const message = serverErrorMessage(body.toString());
            reject(new ServerError(res.statusCode ?? 500, `fbuild server: ${message} (HTTP ${res.statusCode})`));
          },
          (e) => reject(this.unreachable(e, "lost"))
        );
      });
      let connectTimer;
      req.on("socket", (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(
          () => req.destroy(new ServerTimeoutError(timeoutMessage(this.url, "connect", this.timeouts.connectMs))),
          this.timeouts.connectMs
        );
        socket.once("connect", () => clearTimeout(connectTimer));
      });
      req.setTimeout(this.timeouts.idleMs, () => {
        const idle = new ServerTimeoutError(timeoutMessage(this.url, "idle", this.timeouts.idleMs));
        if (response) response.destroy(idle);
        else req.destroy(idle);
      });
      req.on("error", (e) => {
        clearTimeout(connectTimer);
        reject(this.unreachable(e, "cannot reach"));
      });
      req.on("close", () => clearTimeout(connectTimer));
      req.end(payload);
    });
  }
  unreachable(e, doing) {
    if (e instanceof ServerUnreachableError) return e;
    return new ServerUnreachableError(`${doing} the fbuild server at ${this.url}: ${e.message}`);
  }
  /** The build's events, without the server's heartbeats. Stopping the iteration cancels the build. */
  async *build(body) {
    const res = await this.call("POST", "/v1/build", body);
    let done = false;
    try {
      yield* buildEventStream(res[Symbol.asyncIterator](), (e) => this.unreachable(e, "lost"));
      done = true;
    } finally {
      if (!done) res.destroy();
    }
  }
  async stats() {
    return JSON.parse((await this.body(await this.call("GET", "/v1/stats"))).toString());
  }
  async flush() {
    await this.body(await this.call("POST", "/v1/flush"));
  }
  async shutdown(mode = "graceful") {
    await this.body(await this.call("POST", "/v1/shutdown", { mode }));
  }
  async body(res) {
    try {
      return await readBody(res);
    } catch (e) {
      throw this.unreachable(e, "lost");
    }
  }
  /** Closes the kept-alive connections (the process may then end at once). */
  async close() {
    this.agent.destroy();
  }
};
function readBody(res) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    res.on("data", (c) => chunks.push(c));
    res.on("end", () => resolve(Buffer.concat(chunks)));
    res.on("error", reject);
  });
}

export {
  JobClient
};

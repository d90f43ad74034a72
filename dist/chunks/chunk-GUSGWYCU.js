import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  isProcessAlive
} from "./chunk-WDI3OBGI.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// server/http/serverLock.ts
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
var CacheDirHeld = class extends UserError {
  constructor(cacheDir, holder) {
    super(
      `another fbuild server (pid ${holder.pid}, ${holder.url}) holds the cache dir ${cacheDir}; use it (FBUILD_CACHE_URL=${holder.url}) or stop it (fbuild stop)`
    );
    this.cacheDir = cacheDir;
    this.holder = holder;
  }
  cacheDir;
  holder;
};
var GUARD_STALE_MS = 5e3;
var ATTEMPTS = 200;
var ServerLock = class _ServerLock {
  constructor(path) {
    this.path = path;
  }
  path;
  static async acquire(cacheDir, info) {
    const dir = join(cacheDir, "v1");
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "server.lock");
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (createComplete(path, JSON.stringify(info))) return new _ServerLock(path);
      const seen = readText(path);
      if (seen === void 0) continue;
      const holder = parseInfo(seen);
      if (holder && isProcessAlive(holder.pid) && await holderIsServing(path, holder)) throw new CacheDirHeld(cacheDir, holder);
      underGuard(`${path}.takeover`, () => {
        if (readText(path) === seen) unlinkSync(path);
      });
    }
    throw new UserError(`could not lock the cache dir ${cacheDir} for the server; try again`);
  }
  /** Records the URL once the server listens. */
  update(info) {
    writeFileSync(this.path, JSON.stringify(info), { mode: 384 });
  }
  release() {
    try {
      unlinkSync(this.path);
    } catch {
    }
  }
};
async function serverOfCacheDir(cacheDir) {
  const text = readText(join(cacheDir, "v1", "server.lock"));
  const holder = text === void 0 ? void 0 : parseInfo(text);
  if (!holder || !isProcessAlive(holder.pid)) return void 0;
  return await healthPid(holder.url) === holder.pid ? holder : void 0;
}
var ServerPresence = class _ServerPresence {
  constructor(path) {
    this.path = path;
  }
  path;
  static announce(cacheDir, info) {
    const dir = join(cacheDir, "v1", "servers");
    mkdirSync(dir, { recursive: true });
    const presence = new _ServerPresence(join(dir, `${info.pid}.json`));
    presence.update(info);
    return presence;
  }
  update(info) {
    writeFileSync(this.path, JSON.stringify(info), { mode: 384 });
  }
  withdraw() {
    try {
      unlinkSync(this.path);
    } catch {
    }
  }
};
async function liveServersOn(cacheDir) {
  const records = [join(cacheDir, "v1", "server.lock")];
  try {
    const dir = join(cacheDir, "v1", "servers");
    records.push(
      ...readdirSync(dir).filter((n) => /^\d+\.json$/.test(n)).map((n) => join(dir, n))
    );
  } catch {
  }
  const live = [];
  for (const path of records) {
    const text = readText(path);
    const info = text === void 0 ? void 0 : parseInfo(text);
    if (info && isProcessAlive(info.pid) && await holderIsServing(path, info)) live.push(info);
  }
  return live;
}
var STARTING_GRACE_MS = 3e4;
var HEALTH_TIMEOUT_MS = 3e3;
async function holderIsServing(path, holder) {
  if (await healthPid(holder.url) === holder.pid) return true;
  try {
    return Date.now() - statSync(path).mtimeMs < STARTING_GRACE_MS;
  } catch {
    return false;
  }
}
function healthPid(url) {
  let target;
  if (url.startsWith("unix://")) target = { socketPath: url.slice("unix://".length), path: "/health" };
  else if (/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) target = { host: "127.0.0.1", port: Number(url.split(":")[2]), path: "/health" };
  else return Promise.resolve(void 0);
  return new Promise((resolveProbe) => {
    const req = http.get({ ...target, timeout: HEALTH_TIMEOUT_MS }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => body = (body + d).slice(0, 4096));
      res.on("end", () => {
        try {
          const pid = JSON.parse(body).pid;
          resolveProbe(typeof pid === "number" ? pid : void 0);
        } catch {
          resolveProbe(void 0);
        }
      });
      res.on("error", () => resolveProbe(void 0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolveProbe(void 0));
  });
}
function createComplete(path, text) {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, text, { mode: 384 });
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if (e.code !== "EEXIST") throw e;
    return false;
  } finally {
    unlinkSync(tmp);
  }
}
function underGuard(guard, fn) {
  if (!createComplete(guard, String(process.pid))) {
    try {
      if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkSync(guard);
    } catch {
    }
    sleepMs(5 + Math.random() * 10);
    return;
  }
  try {
    fn();
  } finally {
    unlinkSync(guard);
  }
}
function readText(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return void 0;
  }
}
function parseInfo(text) {
  try {
    const v = JSON.parse(text);
    return Number.isInteger(v?.pid) && v.pid > 0 ? v : void 0;
  } catch {
    return void 0;
  }
}
function sleepMs(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export {
  CacheDirHeld,
  ServerLock,
  serverOfCacheDir,
  ServerPresence,
  liveServersOn
};

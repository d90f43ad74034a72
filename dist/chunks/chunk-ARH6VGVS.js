import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  errorMessage
} from "./chunk-K5XHDEBM.js";

// server/cache/remoteConfig.ts
var REMOTE_KEY_PREFIX = "fbuild:v1:";
function redisOptionsFor(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new RemoteConfigError(`the remote cache URL is not a URL; use redis://host:6379/0, rediss://\u2026 or unix:///path/to/redis.sock`);
  }
  const password = u.password ? decodeURIComponent(u.password) : u.searchParams.get("password") ?? void 0;
  const username = u.username ? decodeURIComponent(u.username) : void 0;
  const auth = { ...password ? { password } : {}, ...username ? { username } : {} };
  if (u.protocol === "unix:") {
    if (!u.pathname) throw new RemoteConfigError("a unix:// remote cache URL needs the socket path, e.g. unix:///run/redis/redis.sock");
    const db2 = Number(u.searchParams.get("db") ?? 0);
    return { options: { path: decodeURIComponent(u.pathname), db: db2, ...auth }, label: `redis at ${decodeURIComponent(u.pathname)}` };
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") {
    throw new RemoteConfigError(`the remote cache URL scheme ${u.protocol}// is not supported; use redis://, rediss:// or unix://`);
  }
  const db = u.pathname && u.pathname !== "/" ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0)
    throw new RemoteConfigError(`the remote cache URL's database '${u.pathname.slice(1)}' is not a number; use redis://host:6379/0`);
  return {
    options: {
      host: u.hostname || "127.0.0.1",
      port: Number(u.port || 6379),
      db,
      ...auth,
      ...u.protocol === "rediss:" ? { tls: {} } : {}
    },
    label: `redis at ${u.hostname || "127.0.0.1"}:${u.port || 6379}`
  };
}
var RemoteConfigError = class extends Error {
};
function describe(e) {
  return errorMessage(e).split("\n")[0];
}

export {
  REMOTE_KEY_PREFIX,
  redisOptionsFor,
  RemoteConfigError,
  describe
};

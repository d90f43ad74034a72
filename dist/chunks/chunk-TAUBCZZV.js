import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  RemoteConfigError,
  redisOptionsFor
} from "./chunk-ARH6VGVS.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/cli/remoteCacheOption.ts
var REMOTE_CACHE_OPTIONS = {
  "remote-cache": { type: "string" },
  "remote-cache-mode": { type: "string" }
};
function remoteCacheConfig(command, values, env = process.env) {
  const url = values["remote-cache"] ?? (env.FBUILD_REMOTE_CACHE || void 0);
  if (!url) return void 0;
  const mode = values["remote-cache-mode"] ?? (env.FBUILD_REMOTE_CACHE_MODE || "read-write");
  if (mode !== "read" && mode !== "read-write")
    throw new UserError(`${command}: --remote-cache-mode is 'read' or 'read-write', not '${mode}'`);
  try {
    redisOptionsFor(url);
  } catch (e) {
    if (e instanceof RemoteConfigError) throw new UserError(`${command}: ${e.message}`);
    throw e;
  }
  const timeout = env.FBUILD_REMOTE_CACHE_TIMEOUT_MS;
  const timeoutMs = timeout === void 0 || timeout === "" ? void 0 : Number(timeout);
  if (timeoutMs !== void 0 && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new UserError(`${command}: FBUILD_REMOTE_CACHE_TIMEOUT_MS takes a whole number of milliseconds, not '${timeout}'`);
  }
  const namespace = env.FBUILD_REMOTE_CACHE_NAMESPACE || void 0;
  return { url, mode, ...namespace ? { namespace } : {}, ...timeoutMs ? { timeoutMs } : {} };
}

export {
  REMOTE_CACHE_OPTIONS,
  remoteCacheConfig
};

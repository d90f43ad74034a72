import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/client/errors.ts
var ServerUnreachableError = class extends Error {
};
var ServerTimeoutError = class extends ServerUnreachableError {
};
var ServerError = class extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
  status;
};
function serverErrorMessage(body) {
  try {
    return JSON.parse(body).error ?? body;
  } catch {
    return body;
  }
}

// src/client/timeouts.ts
var DEFAULT_CONNECT_TIMEOUT_MS = 5e3;
var DEFAULT_IDLE_TIMEOUT_MS = 6e5;
function clientTimeouts(env = process.env) {
  return {
    connectMs: milliseconds(env, "FBUILD_CONNECT_TIMEOUT_MS", DEFAULT_CONNECT_TIMEOUT_MS),
    idleMs: milliseconds(env, "FBUILD_IDLE_TIMEOUT_MS", DEFAULT_IDLE_TIMEOUT_MS)
  };
}
function milliseconds(env, name, fallback) {
  const text = env[name];
  if (text === void 0 || text === "") return fallback;
  const ms = Number(text);
  if (!Number.isSafeInteger(ms) || ms < 1)
    throw new UserError(`${name} is a whole number of milliseconds (1 or more), not '${text}'; fix or unset it`);
  return ms;
}
function timeoutMessage(url, what, ms) {
  return what === "connect" ? `could not connect to the fbuild server at ${url} within ${ms} ms (FBUILD_CONNECT_TIMEOUT_MS)` : `the fbuild server at ${url} sent nothing for ${ms} ms (FBUILD_IDLE_TIMEOUT_MS)`;
}

export {
  ServerUnreachableError,
  ServerTimeoutError,
  ServerError,
  serverErrorMessage,
  clientTimeouts,
  timeoutMessage
};

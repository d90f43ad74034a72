import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/cli/invocationEnv.ts
import { statSync } from "node:fs";
var SHELL_BOOKKEEPING = /* @__PURE__ */ new Set(["_", "OLDPWD", "SHLVL", "PWD"]);
function invocationEnv(env) {
  return Object.keys(env).filter((k) => !SHELL_BOOKKEEPING.has(k)).sort().map((k) => [k, env[k]]);
}
function fileIdentity(path) {
  try {
    const st = statSync(path ?? "");
    return [path, st.size, st.mtimeMs];
  } catch {
    return [path];
  }
}

export {
  invocationEnv,
  fileIdentity
};

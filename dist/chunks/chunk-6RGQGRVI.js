import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// server/util/childEnv.ts
function childEnv(env = process.env) {
  const out = {};
  for (const [name, value] of Object.entries(env)) if (value !== void 0 && !isSecretName(name)) out[name] = value;
  return out;
}
var SECRET_NAMES = /* @__PURE__ */ new Set([
  "FBUILD_CACHE_TOKEN",
  "FBUILD_REMOTE_CACHE",
  "FBUILD_ACTION_INPUTS",
  "GITHUB_TOKEN",
  "GH_TOKEN",
  "ACTIONS_RUNTIME_TOKEN",
  "ACTIONS_RUNTIME_URL",
  "ACTIONS_RESULTS_URL",
  "ACTIONS_CACHE_URL",
  "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
  "ACTIONS_ID_TOKEN_REQUEST_URL"
]);
function isSecretName(name) {
  const upper = name.toUpperCase();
  if (SECRET_NAMES.has(upper)) return true;
  if (upper.startsWith("INPUT_") && upper.includes("TOKEN")) return true;
  return upper.startsWith("FBUILD_") && !upper.endsWith("_FILE") && /TOKEN|SECRET|PASSWORD|CREDENTIAL/.test(upper);
}

export {
  childEnv,
  isSecretName
};

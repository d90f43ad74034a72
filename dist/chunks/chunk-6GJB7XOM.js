import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/client/token.ts
import { readFileSync } from "node:fs";
function tokenFromEnv(env = process.env) {
  if (env.FBUILD_CACHE_TOKEN) return env.FBUILD_CACHE_TOKEN;
  if (!env.FBUILD_CACHE_TOKEN_FILE) return "";
  try {
    return readFileSync(env.FBUILD_CACHE_TOKEN_FILE, "utf8").trim();
  } catch {
    return "";
  }
}

export {
  tokenFromEnv
};

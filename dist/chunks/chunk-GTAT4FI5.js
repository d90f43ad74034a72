import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// server/util/cacheDir.ts
import { homedir } from "node:os";
import { join, resolve } from "node:path";
function defaultCacheDir(env = process.env) {
  if (env.FBUILD_CACHE_DIR) return resolve(env.FBUILD_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), "fbuild");
  return join(homedir(), ".cache", "fbuild");
}

export {
  defaultCacheDir
};

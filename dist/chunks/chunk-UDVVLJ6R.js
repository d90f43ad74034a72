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

// server/util/pathLookup.ts
import { statSync } from "node:fs";
import { delimiter, join as join2 } from "node:path";
function onPath(name, env) {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const p = join2(dir, name);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
    }
  }
  return void 0;
}

export {
  defaultCacheDir,
  onPath
};

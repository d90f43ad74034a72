import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  BUILD_OPTIONS
} from "./chunk-MLQPJ6HX.js";
import {
  fileIdentity,
  invocationEnv
} from "./chunk-ICD5V67S.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";

// src/cli/upToDateStampName.ts
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
var STAMP_VERSION = 1;
function upToDateStampPath(argv, env = process.env, cwd = process.cwd()) {
  return stampFor(argv, env, cwd)?.path;
}
function stampFor(argv, env, cwd) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, allowPositionals: true, options: BUILD_OPTIONS }));
  } catch {
    return void 0;
  }
  if (values.force || values["keep-objects"] || values.verbose || values["no-cache"]) return void 0;
  if (values.server !== void 0 || env.FBUILD_CACHE_URL) return void 0;
  if (values["remote-cache"] !== void 0 || env.FBUILD_REMOTE_CACHE) return void 0;
  const cacheDir = values["cache-dir"] !== void 0 ? resolve(cwd, values["cache-dir"]) : defaultCacheDir(env);
  const h = createHash("sha256");
  const self = [process.argv[1], fileURLToPath(import.meta.url)].map(fileIdentity);
  const vars = invocationEnv(env);
  h.update(JSON.stringify([STAMP_VERSION, process.execPath, process.version, self, cwd, argv, vars]));
  return { path: join(cacheDir, "uptodate", `${h.digest("hex").slice(0, 40)}.json`), json: values.json };
}

export {
  upToDateStampPath,
  stampFor
};

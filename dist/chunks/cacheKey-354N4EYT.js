import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  libDepKind,
  libDepsDir,
  parseLibDep
} from "./chunk-C7V4EL6C.js";
import {
  systemType
} from "./chunk-4L4JXF2I.js";
import "./chunk-XGHPZKIT.js";
import "./chunk-RYCVMSYB.js";
import "./chunk-DCQF6WKC.js";
import "./chunk-3ZKWZ7A5.js";
import {
  readProjectConfig
} from "./chunk-HXEVDVWT.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-54IFNC2C.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// server/project/libdeps/cacheKey.ts
import { createHash } from "node:crypto";
import { resolve } from "node:path";
var LAYOUT_VERSION = "1";
function libDepsCacheKey(projectDir, envName, sysenv = process.env) {
  const dir = resolve(projectDir);
  const config = readProjectConfig(dir, sysenv);
  const env = config.env(envName);
  const downloaded = env.libDeps.filter((raw) => libDepKind(parseLibDep(raw, dir)) !== "local");
  if (downloaded.length === 0) return void 0;
  const hash = createHash("sha256").update(JSON.stringify([LAYOUT_VERSION, systemType(process.platform, process.arch, sysenv), env.libDeps])).digest("hex");
  const prefix = `fbuild-libdeps-${envName}-`;
  return { key: `${prefix}${hash.slice(0, 20)}`, restoreKeys: [prefix], paths: [libDepsDir(config.dirs, envName)] };
}
export {
  libDepsCacheKey
};

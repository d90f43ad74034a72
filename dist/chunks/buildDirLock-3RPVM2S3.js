import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  BUILD_LOCK_NAME,
  breakBuildDirLock,
  lockBuildDir
} from "./chunk-4V5CH22L.js";
import "./chunk-RRNSNA4T.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  BUILD_LOCK_NAME,
  breakBuildDirLock,
  lockBuildDir
};

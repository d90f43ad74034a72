import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  breakBuildDirLock,
  lockBuildDir
} from "./chunk-NHLDCRCK.js";
import "./chunk-RRNSNA4T.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  breakBuildDirLock,
  lockBuildDir
};

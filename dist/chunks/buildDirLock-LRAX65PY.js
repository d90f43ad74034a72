import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  breakBuildDirLock,
  lockBuildDir
} from "./chunk-XUIFFVX6.js";
import "./chunk-F4DDONBZ.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-3EKYSYMU.js";
export {
  breakBuildDirLock,
  lockBuildDir
};

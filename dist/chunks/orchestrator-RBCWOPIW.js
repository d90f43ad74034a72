import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  BuildFailure,
  FBUILD_BUILD_VERSION,
  build,
  buildWriteDirs,
  chooseEnvironment,
  resolveBuildLibraries
} from "./chunk-JQHVTRVE.js";
import "./chunk-6C3AQXBT.js";
import "./chunk-XUIFFVX6.js";
import "./chunk-5RBELD5X.js";
import "./chunk-GA2YO4KH.js";
import "./chunk-S3VZIIDN.js";
import "./chunk-GBC6LBI6.js";
import "./chunk-6OA7F5MW.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-LYVGUHV4.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-JE24ORFF.js";
import "./chunk-F4DDONBZ.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-3EKYSYMU.js";
export {
  BuildFailure,
  FBUILD_BUILD_VERSION,
  build,
  buildWriteDirs,
  chooseEnvironment,
  resolveBuildLibraries
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-2BRHBCXY.js";
import "./chunk-LGCPYLYN.js";
import "./chunk-RPWNBKSB.js";
import "./chunk-QNSJ7SWV.js";
import "./chunk-KA7MHASO.js";
import "./chunk-AJXIRQRS.js";
import "./chunk-3OLJHU3R.js";
import "./chunk-TZEZG2WZ.js";
import "./chunk-CKJGDJHU.js";
import "./chunk-YZTV6A7P.js";
import "./chunk-VXEOITE5.js";
import "./chunk-AFEGAB3Z.js";
export {
  parseBuildArgs,
  runBuild
};

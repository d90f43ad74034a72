import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-4WFIMBS4.js";
import "./chunk-PU2CGDS7.js";
import "./chunk-6AWG7WYE.js";
import "./chunk-JRHQURA6.js";
import "./chunk-4YDTNHMK.js";
import "./chunk-AJXIRQRS.js";
import "./chunk-X45AQGEN.js";
import "./chunk-TZEZG2WZ.js";
import "./chunk-FSJWPW3M.js";
import "./chunk-YZTV6A7P.js";
import "./chunk-VXEOITE5.js";
import "./chunk-AFEGAB3Z.js";
export {
  parseBuildArgs,
  runBuild
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-3PXIWQFC.js";
import "./chunk-DTCVHR5J.js";
import "./chunk-2JK64QVH.js";
import "./chunk-JRHQURA6.js";
import "./chunk-4YDTNHMK.js";
import "./chunk-AJXIRQRS.js";
import "./chunk-HRGVZPGL.js";
import "./chunk-TZEZG2WZ.js";
import "./chunk-FSJWPW3M.js";
import "./chunk-YZTV6A7P.js";
import "./chunk-VXEOITE5.js";
import "./chunk-AFEGAB3Z.js";
export {
  parseBuildArgs,
  runBuild
};

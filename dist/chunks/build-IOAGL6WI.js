import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-K5YPHV2Z.js";
import "./chunk-3UKL7DGJ.js";
import "./chunk-7OC7KDCW.js";
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

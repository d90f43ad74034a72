import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-HHWXSVJ2.js";
import "./chunk-DT6457GO.js";
import "./chunk-ZDXIGLLX.js";
import "./chunk-JRHQURA6.js";
import "./chunk-4YDTNHMK.js";
import "./chunk-AJXIRQRS.js";
import "./chunk-FWJJG7TI.js";
import "./chunk-TZEZG2WZ.js";
import "./chunk-FSJWPW3M.js";
import "./chunk-YZTV6A7P.js";
import "./chunk-VXEOITE5.js";
import "./chunk-AFEGAB3Z.js";
export {
  parseBuildArgs,
  runBuild
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-H75PYFA6.js";
import "./chunk-WI4UR2FN.js";
import "./chunk-CTCDC3NE.js";
import "./chunk-JRHQURA6.js";
import "./chunk-4YDTNHMK.js";
import "./chunk-AJXIRQRS.js";
import "./chunk-K6EAXAZL.js";
import "./chunk-TZEZG2WZ.js";
import "./chunk-UDVVLJ6R.js";
import "./chunk-YZTV6A7P.js";
import "./chunk-D4GZEASM.js";
import "./chunk-AFEGAB3Z.js";
export {
  parseBuildArgs,
  runBuild
};

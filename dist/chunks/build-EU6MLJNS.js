import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-PV55L46N.js";
import "./chunk-MGFADOYN.js";
import "./chunk-RPWNBKSB.js";
import "./chunk-QNSJ7SWV.js";
import "./chunk-KA7MHASO.js";
import "./chunk-AJXIRQRS.js";
import "./chunk-M7XROULD.js";
import "./chunk-TZEZG2WZ.js";
import "./chunk-CKJGDJHU.js";
import "./chunk-YZTV6A7P.js";
import "./chunk-VXEOITE5.js";
import "./chunk-AFEGAB3Z.js";
export {
  parseBuildArgs,
  runBuild
};

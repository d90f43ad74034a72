import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-X6N5J4UA.js";
import "./chunk-BCAMG2IY.js";
import "./chunk-UZPOLGBI.js";
import "./chunk-TAUBCZZV.js";
import "./chunk-OCE7B6E2.js";
import "./chunk-JK4KHLT4.js";
import "./chunk-DYARRWTB.js";
import "./chunk-PQGTXSCK.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import "./chunk-AR4QESZK.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  parseBuildArgs,
  runBuild
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-5PN7JOBG.js";
import "./chunk-QCLF3AWQ.js";
import "./chunk-U54NPRTO.js";
import "./chunk-3KKJNMKY.js";
import "./chunk-2RYC7IXL.js";
import "./chunk-5NCGAA2I.js";
import "./chunk-UMBCKICF.js";
import "./chunk-DWQYSRNZ.js";
import "./chunk-77G54LGO.js";
import "./chunk-GBC6LBI6.js";
import "./chunk-OHL6CQ7W.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-LCRMA3QP.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-EXAV5JK2.js";
import "./chunk-6GKQLYSE.js";
import "./chunk-YHD7YWB3.js";
import "./chunk-XJORG7XD.js";
import "./chunk-D4GZEASM.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-3EKYSYMU.js";
export {
  parseBuildArgs,
  runBuild
};

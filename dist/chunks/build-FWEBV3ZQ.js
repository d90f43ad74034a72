import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-NWTMWNVN.js";
import "./chunk-SXRT33ZI.js";
import "./chunk-4TQQKO6A.js";
import "./chunk-6AC5VJRH.js";
import "./chunk-BEGE7UVP.js";
import "./chunk-5NCGAA2I.js";
import "./chunk-ZZ3FIF4A.js";
import "./chunk-UPE6R2BM.js";
import "./chunk-5MKDMCZT.js";
import "./chunk-GBC6LBI6.js";
import "./chunk-QTSLKMNQ.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-K5BEMAXH.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-5ZZNOQXT.js";
import "./chunk-FJUJJ6IJ.js";
import "./chunk-YHD7YWB3.js";
import "./chunk-E7MX4PNJ.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-6AEHABOW.js";
import "./chunk-3EKYSYMU.js";
export {
  parseBuildArgs,
  runBuild
};

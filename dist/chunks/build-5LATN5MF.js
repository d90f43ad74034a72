import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-SLSXIQWR.js";
import "./chunk-BMDXYU4B.js";
import "./chunk-4TQQKO6A.js";
import "./chunk-43XMCKQM.js";
import "./chunk-X633I7BA.js";
import "./chunk-5NCGAA2I.js";
import "./chunk-BC5LL5LN.js";
import "./chunk-TYBCM2XZ.js";
import "./chunk-4LOVK2YT.js";
import "./chunk-GBC6LBI6.js";
import "./chunk-VYZNY4O6.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-L3KA7LVU.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-EXAV5JK2.js";
import "./chunk-FJUJJ6IJ.js";
import "./chunk-YHD7YWB3.js";
import "./chunk-CITUT4HV.js";
import "./chunk-D4GZEASM.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-3EKYSYMU.js";
export {
  parseBuildArgs,
  runBuild
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runExamplesPhase
} from "./chunk-W7EF4TSW.js";
import "./chunk-ZXABQCAV.js";
import "./chunk-K6BJMG72.js";
import "./chunk-S42CEHRS.js";
import "./chunk-JBQVCAOJ.js";
import "./chunk-N7O5JONP.js";
import "./chunk-DYUYWDKC.js";
import "./chunk-6GJB7XOM.js";
import "./chunk-DNEDAWEY.js";
import "./chunk-C6THA6K2.js";
import "./chunk-HJM5M4WC.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-7X3D45PD.js";
import "./chunk-F2RSC5UZ.js";
import "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import "./chunk-VTAHD6D5.js";
import "./chunk-M4NEA4G6.js";
import "./chunk-CZYVUOHA.js";
import "./chunk-P32HW7BB.js";
import "./chunk-AR4QESZK.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  runExamplesPhase
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runExamplesPhase
} from "./chunk-IMSNLED4.js";
import "./chunk-6GNURGWH.js";
import "./chunk-K6BJMG72.js";
import "./chunk-3ZKWZ7A5.js";
import "./chunk-QQRZIJHA.js";
import "./chunk-JSFGXPGR.js";
import "./chunk-LHKOCDRA.js";
import "./chunk-APH6TICK.js";
import "./chunk-N7O5JONP.js";
import "./chunk-HXEVDVWT.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-54IFNC2C.js";
import "./chunk-HJM5M4WC.js";
import "./chunk-VGJG4BNB.js";
import "./chunk-F2RSC5UZ.js";
import "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import "./chunk-VTAHD6D5.js";
import "./chunk-M4NEA4G6.js";
import "./chunk-CZYVUOHA.js";
import "./chunk-AR4QESZK.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  runExamplesPhase
};

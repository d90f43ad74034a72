import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runSavePhase
} from "./chunk-SKT7IZNN.js";
import "./chunk-46E4YKKB.js";
import "./chunk-PC52QQXX.js";
import "./chunk-QQRZIJHA.js";
import "./chunk-JSFGXPGR.js";
import "./chunk-LHKOCDRA.js";
import "./chunk-APH6TICK.js";
import "./chunk-N7O5JONP.js";
import "./chunk-HXEVDVWT.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-54IFNC2C.js";
import "./chunk-CLBYT57Z.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-VTAHD6D5.js";
import "./chunk-M4NEA4G6.js";
import "./chunk-OA4IFKWM.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-6RGQGRVI.js";
import "./chunk-AR4QESZK.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  runSavePhase
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runBuildPhase
} from "./chunk-CS7MGTI6.js";
import "./chunk-K6BJMG72.js";
import "./chunk-PC52QQXX.js";
import "./chunk-LHKOCDRA.js";
import "./chunk-APH6TICK.js";
import "./chunk-N7O5JONP.js";
import "./chunk-CLBYT57Z.js";
import "./chunk-M4NEA4G6.js";
import "./chunk-OA4IFKWM.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-6RGQGRVI.js";
import "./chunk-AR4QESZK.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  runBuildPhase
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runSavePhase
} from "./chunks/chunk-SKT7IZNN.js";
import "./chunks/chunk-46E4YKKB.js";
import {
  runStep
} from "./chunks/chunk-Z5CDO6C4.js";
import "./chunks/chunk-PC52QQXX.js";
import "./chunks/chunk-QQRZIJHA.js";
import "./chunks/chunk-JSFGXPGR.js";
import "./chunks/chunk-LHKOCDRA.js";
import "./chunks/chunk-APH6TICK.js";
import "./chunks/chunk-N7O5JONP.js";
import "./chunks/chunk-HXEVDVWT.js";
import "./chunks/chunk-IK4PVOP5.js";
import "./chunks/chunk-5G66G5GG.js";
import "./chunks/chunk-54IFNC2C.js";
import "./chunks/chunk-DAW4H5XO.js";
import "./chunks/chunk-AUZDYZWD.js";
import "./chunks/chunk-CLBYT57Z.js";
import "./chunks/chunk-HJM5M4WC.js";
import "./chunks/chunk-4RDXSJGU.js";
import "./chunks/chunk-VTAHD6D5.js";
import "./chunks/chunk-M4NEA4G6.js";
import "./chunks/chunk-OA4IFKWM.js";
import "./chunks/chunk-WDI3OBGI.js";
import "./chunks/chunk-6RGQGRVI.js";
import "./chunks/chunk-AR4QESZK.js";
import "./chunks/chunk-ARH6VGVS.js";
import "./chunks/chunk-K5XHDEBM.js";
import "./chunks/chunk-ZATFCR4X.js";

// src/action/entries/save.ts
runStep("save", runSavePhase, { mayFail: false });

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runExamplesPhase
} from "./chunks/chunk-IMSNLED4.js";
import {
  runBuildPhase
} from "./chunks/chunk-CS7MGTI6.js";
import "./chunks/chunk-6GNURGWH.js";
import "./chunks/chunk-K6BJMG72.js";
import "./chunks/chunk-3ZKWZ7A5.js";
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
import "./chunks/chunk-VGJG4BNB.js";
import "./chunks/chunk-F2RSC5UZ.js";
import "./chunks/chunk-VLCUNX3C.js";
import "./chunks/chunk-76PWITDS.js";
import "./chunks/chunk-VTAHD6D5.js";
import "./chunks/chunk-M4NEA4G6.js";
import "./chunks/chunk-CZYVUOHA.js";
import "./chunks/chunk-OA4IFKWM.js";
import "./chunks/chunk-WDI3OBGI.js";
import "./chunks/chunk-6RGQGRVI.js";
import "./chunks/chunk-AR4QESZK.js";
import "./chunks/chunk-ARH6VGVS.js";
import "./chunks/chunk-K5XHDEBM.js";
import "./chunks/chunk-ZATFCR4X.js";

// src/action/entries/build.ts
runStep("build", (inputs, ctx, state) => inputs.boards ? runExamplesPhase(inputs, ctx, state) : runBuildPhase(inputs, ctx, state));

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runExamplesPhase
} from "./chunks/chunk-W7EF4TSW.js";
import {
  runBuildPhase
} from "./chunks/chunk-6JAVABKN.js";
import "./chunks/chunk-ZXABQCAV.js";
import "./chunks/chunk-K6BJMG72.js";
import "./chunks/chunk-S42CEHRS.js";
import "./chunks/chunk-PC52QQXX.js";
import "./chunks/chunk-JBQVCAOJ.js";
import "./chunks/chunk-N7O5JONP.js";
import "./chunks/chunk-DYUYWDKC.js";
import "./chunks/chunk-6GJB7XOM.js";
import {
  runStep
} from "./chunks/chunk-3AFTVM5G.js";
import "./chunks/chunk-DNEDAWEY.js";
import "./chunks/chunk-2LOFOVJS.js";
import "./chunks/chunk-4RDXSJGU.js";
import "./chunks/chunk-C6THA6K2.js";
import "./chunks/chunk-HJM5M4WC.js";
import "./chunks/chunk-IK4PVOP5.js";
import "./chunks/chunk-5G66G5GG.js";
import "./chunks/chunk-7X3D45PD.js";
import "./chunks/chunk-F2RSC5UZ.js";
import "./chunks/chunk-VLCUNX3C.js";
import "./chunks/chunk-76PWITDS.js";
import "./chunks/chunk-VTAHD6D5.js";
import "./chunks/chunk-M4NEA4G6.js";
import "./chunks/chunk-CZYVUOHA.js";
import "./chunks/chunk-P32HW7BB.js";
import "./chunks/chunk-WDI3OBGI.js";
import "./chunks/chunk-T4BKT7HW.js";
import "./chunks/chunk-AR4QESZK.js";
import "./chunks/chunk-ARH6VGVS.js";
import "./chunks/chunk-K5XHDEBM.js";
import "./chunks/chunk-ZATFCR4X.js";

// src/action/entries/build.ts
runStep("build", (inputs, ctx, state) => inputs.boards ? runExamplesPhase(inputs, ctx, state) : runBuildPhase(inputs, ctx, state));

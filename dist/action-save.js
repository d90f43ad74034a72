import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runSavePhase
} from "./chunks/chunk-R4AM5RL3.js";
import "./chunks/chunk-RUYGQY3S.js";
import "./chunks/chunk-SRMYOKUS.js";
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
import "./chunks/chunk-VTAHD6D5.js";
import "./chunks/chunk-M4NEA4G6.js";
import "./chunks/chunk-FH5FTLWU.js";
import "./chunks/chunk-JE24ORFF.js";
import "./chunks/chunk-RRNSNA4T.js";
import "./chunks/chunk-P32HW7BB.js";
import "./chunks/chunk-WDI3OBGI.js";
import "./chunks/chunk-T4BKT7HW.js";
import "./chunks/chunk-AR4QESZK.js";
import "./chunks/chunk-ARH6VGVS.js";
import "./chunks/chunk-K5XHDEBM.js";
import "./chunks/chunk-ZATFCR4X.js";

// src/action/entries/save.ts
runStep("save", runSavePhase, { mayFail: false });

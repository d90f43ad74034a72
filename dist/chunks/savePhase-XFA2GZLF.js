import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runSavePhase
} from "./chunk-R4AM5RL3.js";
import "./chunk-RUYGQY3S.js";
import "./chunk-SRMYOKUS.js";
import "./chunk-PC52QQXX.js";
import "./chunk-JBQVCAOJ.js";
import "./chunk-N7O5JONP.js";
import "./chunk-DYUYWDKC.js";
import "./chunk-6GJB7XOM.js";
import "./chunk-DNEDAWEY.js";
import "./chunk-2LOFOVJS.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-C6THA6K2.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-VTAHD6D5.js";
import "./chunk-M4NEA4G6.js";
import "./chunk-FH5FTLWU.js";
import "./chunk-JE24ORFF.js";
import "./chunk-RRNSNA4T.js";
import "./chunk-P32HW7BB.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-T4BKT7HW.js";
import "./chunk-AR4QESZK.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  runSavePhase
};

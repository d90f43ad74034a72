import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  answerUpToDate,
  upToDateStampPath
} from "./chunk-UDTFPEPX.js";
import "./chunk-UZPOLGBI.js";
import "./chunk-TAUBCZZV.js";
import "./chunk-OCE7B6E2.js";
import "./chunk-JK4KHLT4.js";
import "./chunk-MYYGXOC4.js";
import "./chunk-VNH5CSVA.js";
import "./chunk-54IFNC2C.js";
import "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import "./chunk-DQMMCWTH.js";
import "./chunk-JE24ORFF.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-AR4QESZK.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  answerUpToDate,
  upToDateStampPath
};

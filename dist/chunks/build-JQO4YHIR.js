import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runBuild
} from "./chunk-M2BQBXWN.js";
import "./chunk-BCAMG2IY.js";
import "./chunk-MLQPJ6HX.js";
import "./chunk-TAUBCZZV.js";
import "./chunk-EBSC7DO2.js";
import "./chunk-JK4KHLT4.js";
import "./chunk-37W3FPTO.js";
import "./chunk-ICD5V67S.js";
import "./chunk-AF5CJ76L.js";
import "./chunk-6GJB7XOM.js";
import "./chunk-DYARRWTB.js";
import "./chunk-QHSOPCBR.js";
import "./chunk-K6BJMG72.js";
import "./chunk-LHKOCDRA.js";
import "./chunk-APH6TICK.js";
import "./chunk-N7O5JONP.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-AR4QESZK.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  runBuild
};

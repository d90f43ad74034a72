import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  entriesWrittenSince,
  pruneStore
} from "./chunk-4ZT2BZTH.js";
import "./chunk-FGIXBREX.js";
import "./chunk-P32HW7BB.js";
import "./chunk-RRNSNA4T.js";
import "./chunk-OA4IFKWM.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  entriesWrittenSince,
  pruneStore
};

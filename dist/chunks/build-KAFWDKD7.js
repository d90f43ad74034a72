import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-RHZVKMZ5.js";
import "./chunk-PCZUSFFS.js";
import "./chunk-JYW3YASF.js";
import "./chunk-VF5LLQQL.js";
import "./chunk-GBC6LBI6.js";
import "./chunk-TNWG64XI.js";
import "./chunk-J5QMWZXH.js";
import "./chunk-EDIQKN62.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-TG3QSKNZ.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-KARZ775X.js";
import "./chunk-4YDTNHMK.js";
import "./chunk-D4GZEASM.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-3EKYSYMU.js";
export {
  parseBuildArgs,
  runBuild
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-2AZBQKH2.js";
import "./chunk-5DPUSTPP.js";
import "./chunk-LCKHOI6W.js";
import "./chunk-VOMO5M6O.js";
import "./chunk-VTZ7FFED.js";
import "./chunk-6C3AQXBT.js";
import "./chunk-XUIFFVX6.js";
import "./chunk-5NCGAA2I.js";
import "./chunk-5RBELD5X.js";
import "./chunk-K6BJMG72.js";
import "./chunk-GA2YO4KH.js";
import "./chunk-S3VZIIDN.js";
import "./chunk-GBC6LBI6.js";
import "./chunk-6OA7F5MW.js";
import "./chunk-CTQUDFJI.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-ZX4PRISS.js";
import "./chunk-LYVGUHV4.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-NDBPJHEU.js";
import "./chunk-ZEGUMKW3.js";
import "./chunk-F4DDONBZ.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-NCFA66Z3.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-3EKYSYMU.js";
export {
  parseBuildArgs,
  runBuild
};

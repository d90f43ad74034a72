import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-XKYWKCZC.js";
import "./chunk-TAUBCZZV.js";
import "./chunk-4TQQKO6A.js";
import "./chunk-657SQ5NF.js";
import "./chunk-HNLU2HZE.js";
import "./chunk-5NCGAA2I.js";
import "./chunk-F4KZPV7X.js";
import "./chunk-QXPW4BSJ.js";
import "./chunk-XDACPKZN.js";
import "./chunk-GBC6LBI6.js";
import "./chunk-RMBXQLPW.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-6S6SALWU.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-754L2DGK.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-NCFA66Z3.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-3EKYSYMU.js";
export {
  parseBuildArgs,
  runBuild
};

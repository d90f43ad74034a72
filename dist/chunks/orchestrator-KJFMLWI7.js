import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  BuildFailure,
  FBUILD_BUILD_VERSION,
  build,
  buildWriteDirs,
  chooseEnvironment,
  resolveBuildLibraries
} from "./chunk-5UTALVCE.js";
import "./chunk-BW5JDKM5.js";
import "./chunk-GEK572UJ.js";
import "./chunk-VPKORHEW.js";
import "./chunk-POUFS3KG.js";
import "./chunk-XUIFFVX6.js";
import "./chunk-7CBE72BV.js";
import "./chunk-GZN2RP5Y.js";
import "./chunk-ALKMYPIH.js";
import "./chunk-BA5KVCYX.js";
import "./chunk-2W57GLN2.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-2SZTJ3Y7.js";
import "./chunk-PO5ZR4N6.js";
import "./chunk-GBC6LBI6.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-EZPIO55H.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-CZYVUOHA.js";
import "./chunk-JE24ORFF.js";
import "./chunk-F4DDONBZ.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-T4BKT7HW.js";
import "./chunk-AR4QESZK.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-3EKYSYMU.js";
export {
  BuildFailure,
  FBUILD_BUILD_VERSION,
  build,
  buildWriteDirs,
  chooseEnvironment,
  resolveBuildLibraries
};

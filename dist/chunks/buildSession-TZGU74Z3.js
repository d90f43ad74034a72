import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  BuildSession,
  embeddedBackend
} from "./chunk-4S63746Y.js";
import "./chunk-3RCJFSWF.js";
import "./chunk-IOX3AGIO.js";
import "./chunk-U2OVFXTY.js";
import "./chunk-VPKORHEW.js";
import "./chunk-C7V4EL6C.js";
import "./chunk-4L4JXF2I.js";
import "./chunk-XGHPZKIT.js";
import "./chunk-DYARRWTB.js";
import "./chunk-POUFS3KG.js";
import "./chunk-LX2MMNKE.js";
import "./chunk-RYCVMSYB.js";
import "./chunk-4TQWNER7.js";
import "./chunk-DCQF6WKC.js";
import "./chunk-6FV4Q5OU.js";
import "./chunk-4V5CH22L.js";
import "./chunk-3ZKWZ7A5.js";
import "./chunk-HXEVDVWT.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-54IFNC2C.js";
import "./chunk-HJM5M4WC.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-PCLV3DKP.js";
import "./chunk-FGIXBREX.js";
import "./chunk-P32HW7BB.js";
import "./chunk-2PEVJB5Z.js";
import "./chunk-I7BTEATM.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-RRNSNA4T.js";
import "./chunk-CZYVUOHA.js";
import "./chunk-OA4IFKWM.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-6RGQGRVI.js";
import "./chunk-AR4QESZK.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  BuildSession,
  embeddedBackend
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheService
} from "./chunk-6S6SALWU.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-754L2DGK.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-3EKYSYMU.js";
export {
  CacheService
};

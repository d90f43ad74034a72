import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheService
} from "./chunk-TG3QSKNZ.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-KARZ775X.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-3EKYSYMU.js";
export {
  CacheService
};

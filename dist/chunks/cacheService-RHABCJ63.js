import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheService
} from "./chunk-K5BEMAXH.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-5ZZNOQXT.js";
import "./chunk-FJUJJ6IJ.js";
import "./chunk-YHD7YWB3.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-6AEHABOW.js";
import "./chunk-3EKYSYMU.js";
export {
  CacheService
};

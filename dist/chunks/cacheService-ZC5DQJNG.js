import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheService
} from "./chunk-LCRMA3QP.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-EXAV5JK2.js";
import "./chunk-6GKQLYSE.js";
import "./chunk-YHD7YWB3.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-3EKYSYMU.js";
export {
  CacheService
};

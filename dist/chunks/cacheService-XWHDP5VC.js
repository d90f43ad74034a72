import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheService
} from "./chunk-6AWG7WYE.js";
import "./chunk-AJXIRQRS.js";
import "./chunk-FSJWPW3M.js";
import "./chunk-AFEGAB3Z.js";
export {
  CacheService
};

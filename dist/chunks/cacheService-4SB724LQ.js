import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheService
} from "./chunk-2Q57PYBQ.js";
import "./chunk-AJXIRQRS.js";
import "./chunk-AFEGAB3Z.js";
export {
  CacheService
};

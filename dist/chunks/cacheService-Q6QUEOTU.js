import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheService
} from "./chunk-CTCDC3NE.js";
import "./chunk-AJXIRQRS.js";
import "./chunk-UDVVLJ6R.js";
import "./chunk-AFEGAB3Z.js";
export {
  CacheService
};

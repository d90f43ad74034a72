import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheService
} from "./chunk-RPWNBKSB.js";
import "./chunk-AJXIRQRS.js";
import "./chunk-CKJGDJHU.js";
import "./chunk-AFEGAB3Z.js";
export {
  CacheService
};

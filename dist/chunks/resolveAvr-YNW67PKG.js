import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  ARDUINO_AVR_CORE,
  AVR_GCC,
  resolveAvrToolchain,
  toolchainMode,
  toolchainsDirFor
} from "./chunk-7CBE72BV.js";
import "./chunk-BA5KVCYX.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-T4BKT7HW.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-3EKYSYMU.js";
export {
  ARDUINO_AVR_CORE,
  AVR_GCC,
  resolveAvrToolchain,
  toolchainMode,
  toolchainsDirFor
};

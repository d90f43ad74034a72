import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  ARDUINO_AVR_CORE,
  AVR_GCC,
  resolveAvrToolchain,
  toolchainMode,
  toolchainsDirFor
} from "./chunk-4TQWNER7.js";
import "./chunk-DCQF6WKC.js";
import "./chunk-6FV4Q5OU.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-6RGQGRVI.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  ARDUINO_AVR_CORE,
  AVR_GCC,
  resolveAvrToolchain,
  toolchainMode,
  toolchainsDirFor
};

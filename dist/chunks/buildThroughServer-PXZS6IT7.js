import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  buildBodyOf,
  buildThroughServer,
  streamBuild
} from "./chunk-AF5CJ76L.js";
import "./chunk-6GJB7XOM.js";
import "./chunk-K6BJMG72.js";
import "./chunk-LHKOCDRA.js";
import "./chunk-APH6TICK.js";
import "./chunk-N7O5JONP.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  buildBodyOf,
  buildThroughServer,
  streamBuild
};

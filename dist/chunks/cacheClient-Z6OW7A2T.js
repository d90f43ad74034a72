import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheClient
} from "./chunk-Q7UBSOKN.js";
import "./chunk-6GJB7XOM.js";
import "./chunk-DYUYWDKC.js";
import "./chunk-APH6TICK.js";
import {
  ServerError,
  ServerTimeoutError,
  ServerUnreachableError
} from "./chunk-N7O5JONP.js";
import "./chunk-P32HW7BB.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  CacheClient,
  ServerError,
  ServerTimeoutError,
  ServerUnreachableError
};

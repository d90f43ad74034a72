import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  require_undici
} from "./chunk-DYUYWDKC.js";
import "./chunk-ZATFCR4X.js";
export default require_undici();

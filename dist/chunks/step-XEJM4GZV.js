import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  runJobSteps,
  runStep
} from "./chunk-Z5CDO6C4.js";
import "./chunk-JSFGXPGR.js";
import "./chunk-DAW4H5XO.js";
import "./chunk-AUZDYZWD.js";
import "./chunk-HJM5M4WC.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-M4NEA4G6.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  runJobSteps,
  runStep
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  digest128,
  forgetResident,
  ownedAndPrivate,
  readResidentRecord,
  residentClient,
  residentPlaceFor,
  residentServersEnabled,
  residentServersOf,
  stopResidentServers
} from "./chunk-37W3FPTO.js";
import "./chunk-ICD5V67S.js";
import "./chunk-6GJB7XOM.js";
import "./chunk-LHKOCDRA.js";
import "./chunk-APH6TICK.js";
import "./chunk-N7O5JONP.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";
export {
  digest128,
  forgetResident,
  ownedAndPrivate,
  readResidentRecord,
  residentClient,
  residentPlaceFor,
  residentServersEnabled,
  residentServersOf,
  stopResidentServers
};

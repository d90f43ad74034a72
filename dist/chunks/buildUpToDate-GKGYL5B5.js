import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  stampFor
} from "./chunk-DQOIFK4E.js";
import "./chunk-MLQPJ6HX.js";
import "./chunk-TAUBCZZV.js";
import {
  BuildPrinter
} from "./chunk-EBSC7DO2.js";
import "./chunk-JK4KHLT4.js";
import "./chunk-ICD5V67S.js";
import {
  checkUpToDateStamp
} from "./chunk-LX2MMNKE.js";
import "./chunk-RYCVMSYB.js";
import "./chunk-54IFNC2C.js";
import "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import "./chunk-I7BTEATM.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-OA4IFKWM.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-AR4QESZK.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// src/cli/buildUpToDate.ts
function answerUpToDate(argv) {
  const started = performance.now();
  const stamp = stampFor(argv, process.env, process.cwd());
  const answer = stamp ? checkUpToDateStamp(stamp.path) : void 0;
  if (!stamp || !answer) return void 0;
  const printer = new BuildPrinter({ json: stamp.json, verbose: false });
  for (const e of answer.events) printer.handle(e);
  printer.handle({ type: "upToDate", environment: answer.result.environment });
  printer.handle({ type: "done", result: { ...answer.result, durationMs: Math.round(performance.now() - started) } });
  return 0;
}
export {
  answerUpToDate
};

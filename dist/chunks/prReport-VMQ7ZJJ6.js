import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  reportRowFromBuild,
  reportToPullRequest
} from "./chunk-VGJG4BNB.js";
import "./chunk-F2RSC5UZ.js";
import "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import "./chunk-VTAHD6D5.js";
import {
  core_exports
} from "./chunk-M4NEA4G6.js";
import "./chunk-AR4QESZK.js";
import "./chunk-ZATFCR4X.js";

// src/action/prReport.ts
async function postPullRequestReport(inputs, records, baselines, context) {
  if (!inputs.comment || !context) return void 0;
  const rows = records.map((r) => reportRowFromBuild(r.result, baselines[r.environment]));
  const result = await reportToPullRequest({ token: inputs.githubToken, rows, context, log: core_exports });
  return result.posted ? result.url : void 0;
}
export {
  postPullRequestReport
};

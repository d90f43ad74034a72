import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  entriesWrittenSince,
  pruneStore
} from "./chunks/chunk-GD6FKS2S.js";
import {
  installedToolchains,
  reportsDir,
  saveLibDeps,
  storeIndexPath,
  storePaths,
  toolchainsPaths
} from "./chunks/chunk-7JHCKKXX.js";
import "./chunks/chunk-GZN2RP5Y.js";
import "./chunks/chunk-ALKMYPIH.js";
import "./chunks/chunk-BA5KVCYX.js";
import {
  readStatsFile,
  reportRow,
  statsFilePath,
  writeStatsFile
} from "./chunks/chunk-PC52QQXX.js";
import {
  CacheClient
} from "./chunks/chunk-XLMIRRGM.js";
import "./chunks/chunk-NCFA66Z3.js";
import {
  killServerGroup,
  lastLines,
  readLog,
  runStep,
  saveEntry,
  serverExited
} from "./chunks/chunk-T5ICQLYZ.js";
import "./chunks/chunk-2W57GLN2.js";
import {
  formatByteSize
} from "./chunks/chunk-4RDXSJGU.js";
import "./chunks/chunk-2SZTJ3Y7.js";
import "./chunks/chunk-PO5ZR4N6.js";
import "./chunks/chunk-GBC6LBI6.js";
import "./chunks/chunk-OJVVGWCJ.js";
import {
  prContextFromEnv,
  reportRowFromBuild,
  reportToPullRequest
} from "./chunks/chunk-LIGMM2RA.js";
import {
  core_exports,
  endGroup,
  info,
  notice,
  setOutput,
  startGroup,
  summary,
  warning
} from "./chunks/chunk-LVEETRTC.js";
import "./chunks/chunk-7AYED6PR.js";
import "./chunks/chunk-IOY4ULOR.js";
import "./chunks/chunk-JE24ORFF.js";
import "./chunks/chunk-F4DDONBZ.js";
import "./chunks/chunk-WEUVYVWV.js";
import "./chunks/chunk-WDI3OBGI.js";
import "./chunks/chunk-T4BKT7HW.js";
import {
  HIT_RATE_DEFINITION,
  formatHitRate
} from "./chunks/chunk-AR4QESZK.js";
import "./chunks/chunk-ARH6VGVS.js";
import "./chunks/chunk-K5XHDEBM.js";
import "./chunks/chunk-3EKYSYMU.js";

// src/action/savePhase.ts
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// src/action/superseded.ts
async function deleteSupersededEntry(opts) {
  if (!opts.repository || !opts.ref) return { deleted: false, message: "no repository or ref in this job" };
  const url = `${opts.apiUrl.replace(/\/$/, "")}/repos/${opts.repository}/actions/caches?key=${encodeURIComponent(opts.key)}&ref=${encodeURIComponent(opts.ref)}`;
  try {
    const res = await fetch(url, {
      method: "DELETE",
      headers: { authorization: `Bearer ${opts.token}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" },
      signal: AbortSignal.timeout(15e3)
    });
    await res.body?.cancel();
    if (res.ok) return { deleted: true, message: `deleted the superseded entry ${opts.key}` };
    if (res.status === 404) return { deleted: false, message: `the restored entry ${opts.key} is not this ref's (${opts.ref}); kept` };
    if (res.status === 403) {
      return {
        deleted: false,
        message: `cannot delete the superseded entry ${opts.key}: the token may not (give the job 'permissions: actions: write')`
      };
    }
    return { deleted: false, message: `could not delete the superseded entry ${opts.key}: HTTP ${res.status}` };
  } catch (e) {
    return { deleted: false, message: `could not delete the superseded entry ${opts.key}: ${e.message}` };
  }
}

// src/action/summary.ts
var pct = (used, max) => max ? ` (${(used / max * 100).toFixed(1)}%)` : "";
var seconds = (ms) => `${(ms / 1e3).toFixed(2)} s`;
var escape = (s) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
function summaryMarkdown(f) {
  const lines = ["## fbuild", ""];
  lines.push("| env | result | units | hits | misses | uncacheable | hit rate | time saved | build time | flash | RAM |");
  lines.push("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of f.rows) {
    lines.push(
      `| ${r.environment} | ${r.result} | ${r.units} | ${r.hits} | ${r.misses} | ${r.uncacheable} | ${formatHitRate(r)} | ${seconds(r.timeSavedMs)} | ${seconds(r.buildMs)} | ${r.flash ? `${r.flash.used} B${pct(r.flash.used, r.flash.max)}` : "\u2013"} | ${r.ram ? `${r.ram.used} B${pct(r.ram.used, r.ram.max)}` : "\u2013"} |`
    );
  }
  lines.push("", `<sub>${HIT_RATE_DEFINITION}</sub>`, "");
  for (const r of f.rows) {
    if (r.error) lines.push(`**${r.environment} failed:** ${escape(r.error).slice(0, 500)}`, "");
    if (r.storeErrors.length) {
      lines.push(`**${r.environment}: the store failed on ${r.storeErrors.length} (compiled without the cache)**`, "");
      for (const e of r.storeErrors.slice(0, 10)) lines.push(`- ${escape(e.source).slice(0, 200)}: ${escape(e.reason).slice(0, 300)}`);
      if (r.storeErrors.length > 10) lines.push(`- and ${r.storeErrors.length - 10} more`);
      lines.push("");
    }
    if (!r.topMissReasons.length) continue;
    lines.push(`**${r.environment}: why units missed**`, "");
    for (const m of r.topMissReasons) lines.push(`- ${m.count} \xD7 ${escape(m.reason).slice(0, 300)}`);
    lines.push("");
  }
  if (f.server) {
    const s = f.server;
    lines.push(
      `Through the server: ${s.compiles} compiles, ${s.hits} hits, ${s.misses} misses, ${s.uncacheable} uncacheable (hit rate ${formatHitRate(s)})`,
      ""
    );
    const r = s.remote;
    if (r) {
      lines.push(
        `Remote cache (${escape(r.label)}, ${r.mode}): ${r.hits} entries fetched, ${r.misses} not there, ${r.errors} errors, ${r.damaged} damaged and dropped; ${formatByteSize(r.bytesDown)} down, ${formatByteSize(r.bytesUp)} up`,
        ""
      );
    }
  }
  lines.push(`Store restored from: ${f.restoredKey ? `\`${f.restoredKey}\`` : "nothing (cold)"} in ${seconds(f.restoreMs)}`);
  lines.push(`Store saved: ${f.savedKey ? `\`${f.savedKey}\` in ${seconds(f.saveMs ?? 0)}` : f.saveNote}`);
  if (f.archiveNote) lines.push(`Store: ${f.archiveNote}`);
  lines.push("");
  const hits = f.rows.reduce((n, r) => n + r.hits, 0);
  const misses = f.rows.reduce((n, r) => n + r.misses, 0);
  const uncacheable = f.rows.reduce((n, r) => n + r.uncacheable, 0);
  const errors = f.rows.reduce((n, r) => n + r.errors, 0);
  if (hits + misses + uncacheable + errors > 0) {
    lines.push(
      "```mermaid",
      "pie showData title Translation units",
      `  "hits" : ${hits}`,
      `  "misses" : ${misses}`,
      `  "uncacheable" : ${uncacheable}`,
      ...errors ? [`  "store errors" : ${errors}`] : [],
      "```",
      ""
    );
  }
  return lines.join("\n");
}
async function writeSummary(f) {
  try {
    await summary.addRaw(summaryMarkdown(f), true).write();
  } catch (e) {
    warning(`fbuild: could not write the job summary: ${e.message}`);
  }
}

// src/action/prReport.ts
async function postPullRequestReport(inputs, records, baselines, context) {
  if (!inputs.comment || !context) return void 0;
  const rows = records.map((r) => reportRowFromBuild(r.result, baselines[r.environment]));
  const result = await reportToPullRequest({ token: inputs.githubToken, rows, context, log: core_exports });
  return result.posted ? result.url : void 0;
}

// src/action/savePhase.ts
async function runSavePhase(inputs, ctx, stateFile) {
  const state = stateFile.read();
  if (!state) {
    info("fbuild: nothing to save: the setup step did not run in this job");
    return;
  }
  if (state.saved) {
    info("fbuild: the store was already saved in this job");
    return;
  }
  const t0 = performance.now();
  const stopped = await stopServer(state, !state.serverLost);
  const stopMs = performance.now() - t0;
  info(`fbuild: server stopped in ${Math.round(stopMs)} ms${stopped.timings ? ` (${stopped.timings})` : ""}`);
  if (stopped.problem) {
    rmSync(storeIndexPath(state.cacheDir), { force: true });
    info("fbuild: the store index will be rebuilt from the entries (the server did not write it back)");
  }
  let pruneMs = 0;
  const statsPath = statsFilePath(ctx.jobDir);
  const stats = readStatsFile(statsPath);
  if (stopped.stats) stats.cache = stopped.stats;
  const diskFull = stopped.stats?.storeFull;
  if (diskFull) {
    warning(
      `fbuild: the store's disk is full (${diskFull}): caching stopped for this job after the first write that failed; the build went on without it. Free space where the cache dir is, or lower cache-max-size`
    );
  }
  const cacheProblem = (what, e) => {
    const text = `fbuild: ${what}: ${e.message}`;
    if (diskFull && /ENOSPC|EDQUOT/.test(text)) info(text);
    else warning(text);
  };
  const records = Object.values(stats.environments).filter((r) => state.envs.includes(r.environment));
  try {
    writeReports(state, records, ctx);
  } catch (e) {
    cacheProblem("the reports of this job were not kept in the store", e);
  }
  let savedKey;
  let saveMs;
  let saveNote = "";
  let archiveNote;
  const skip = saveSkipReason(inputs, state);
  if (skip) saveNote = skip;
  else {
    const written = entriesWrittenSince(state.cacheDir, state.storeReadyAt);
    if (written === 0)
      saveNote = `skipped: no new entries since ${state.restore.matchedKey ? "the restore" : "the start"}, so the restored store is still current`;
    else {
      const pruneStarted = performance.now();
      try {
        const pruned = await pruneStore({
          cacheDir: state.cacheDir,
          maxBytes: inputs.cacheMaxBytes,
          ...inputs.evictUnused ? { unusedBefore: state.startedAt } : {}
        });
        archiveNote = `${pruned.after.entries} entries, ${formatByteSize(pruned.after.bytes)} (${written} written by this job${pruned.unused ? `, ${pruned.unused} unused dropped` : ""}${pruned.before.entries - pruned.unused > pruned.after.entries ? ", oldest evicted to fit" : ""})`;
      } catch (e) {
        cacheProblem("the store was not pruned (saved as it is)", e);
      }
      pruneMs = performance.now() - pruneStarted;
      const saved = await saveEntry("store", storePaths(state.cacheDir), state.keys.store);
      saveMs = saved.ms;
      if (saved.saved) {
        savedKey = state.keys.store;
        await maybeDeleteSuperseded(inputs, ctx, state);
      } else {
        warning(`fbuild: ${saved.warning}`);
        saveNote = `failed: ${saved.warning}`;
      }
    }
  }
  info(savedKey ? `fbuild: store saved as ${savedKey} in ${saveMs} ms; ${archiveNote}` : `fbuild: store not saved: ${saveNote}`);
  await saveToolchains(inputs, ctx, state);
  if (inputs.cache && inputs.save !== "never") await saveLibDeps(state.libdeps);
  const reportStarted = performance.now();
  setOutput("cache-saved-key", savedKey ?? "");
  stats.store = {
    ...state.restore.matchedKey ? { restoredKey: state.restore.matchedKey } : {},
    ...savedKey ? { savedKey } : { saveSkipped: saveNote },
    restoreMs: state.restore.ms,
    ...saveMs !== void 0 ? { saveMs } : {}
  };
  const rows = records.map((r) => reportRow(r, state.baselines[r.environment]));
  const pr = prContextFromEnv(process.env);
  const commentUrl = await postPullRequestReport(inputs, records, state.baselines, pr);
  setOutput("comment-url", commentUrl ?? "");
  await writeSummary({
    rows,
    ...state.restore.matchedKey ? { restoredKey: state.restore.matchedKey } : {},
    ...savedKey ? { savedKey } : {},
    saveNote,
    restoreMs: state.restore.ms,
    ...saveMs !== void 0 ? { saveMs } : {},
    ...archiveNote ? { archiveNote } : {},
    ...stats.cache ? { server: stats.cache } : {}
  });
  if (state.buildFailed || stopped.problem) printServerLog(state, stopped.problem);
  const ms = (x) => Math.round(x);
  stats.timings = {
    restoreMs: state.restore.ms,
    serverStartMs: state.server?.startMs ?? 0,
    stopMs: ms(stopMs),
    pruneMs: ms(pruneMs),
    saveMs: saveMs ?? 0,
    reportMs: ms(performance.now() - reportStarted)
  };
  stats.sha = pr?.headSha ?? ctx.sha;
  stats.ref = ctx.ref;
  for (const r of records) {
    const baseline = state.baselines[r.environment];
    if (baseline) stats.environments[r.environment] = { ...r, baseline };
  }
  writeStatsFile(statsPath, stats);
  stateFile.update({ saved: true });
}
function saveSkipReason(inputs, state) {
  if (!inputs.cache) return "skipped: cache is false";
  if (inputs.save === "never") return "skipped: save is never";
  if (inputs.save === "on-success" && state.buildFailed) return "skipped: the build failed and save is on-success";
  return void 0;
}
async function stopServer(state, warn) {
  if (!state.server) return {};
  let token;
  try {
    token = readFileSync(state.server.tokenFile, "utf8").trim();
  } catch {
    return { problem: "the server token file is gone" };
  }
  const client = new CacheClient(state.server.url, token);
  let stats;
  let problem;
  const t0 = performance.now();
  let timings = "";
  try {
    await client.flush();
    const t1 = performance.now();
    stats = await client.stats();
    await client.shutdown("graceful");
    timings = `flush ${Math.round(t1 - t0)} ms, stats and shutdown ${Math.round(performance.now() - t1)} ms`;
  } catch (e) {
    problem = `the server did not answer: ${e.message}`;
  } finally {
    await client.close();
  }
  if (!await serverExited(state.server.pid, 1e4)) {
    killServerGroup(state.server.pid);
    problem ??= "the server did not stop within 10 s and was killed";
  }
  if (problem) (warn ? warning : info)(`fbuild: ${problem}`);
  timings += `, exit ${Math.round(performance.now() - t0)} ms after the flush began`;
  return { ...stats ? { stats } : {}, ...problem ? { problem } : {}, timings };
}
function writeReports(state, records, ctx) {
  const dir = reportsDir(state.cacheDir);
  mkdirSync(dir, { recursive: true });
  for (const r of records) {
    if ("error" in r.result || !r.result.ok) continue;
    const report = { ...r.result, sha: ctx.sha, ref: ctx.ref };
    writeFileSync(join(dir, `${r.environment}.json`), JSON.stringify(report, null, 2));
  }
}
async function maybeDeleteSuperseded(inputs, ctx, state) {
  const old = state.restore.matchedKey;
  if (!inputs.deleteSuperseded || !old || old === state.keys.store) return;
  if (!inputs.githubToken) {
    info("fbuild: no github-token, so the superseded store entry is kept");
    return;
  }
  const r = await deleteSupersededEntry({
    apiUrl: ctx.apiUrl,
    repository: ctx.repository,
    token: inputs.githubToken,
    key: old,
    ref: ctx.ref
  });
  if (r.deleted || !/token may not/.test(r.message)) info(`fbuild: ${r.message}`);
  else notice(`fbuild: ${r.message}`);
}
async function saveToolchains(inputs, ctx, state) {
  if (!inputs.cache || inputs.save === "never" || !state.keys.toolchains || state.toolchainsRestore?.exact) return;
  if (!installedToolchains(state.cacheDir).length) return;
  const r = await saveEntry("toolchains", toolchainsPaths(state.cacheDir), state.keys.toolchains);
  if (r.saved) info(`fbuild: toolchains saved as ${state.keys.toolchains} in ${r.ms} ms`);
  else warning(`fbuild: ${r.warning}`);
}
function printServerLog(state, problem) {
  if (!state.server) return;
  const lines = lastLines(readLog(state.server.log), 40);
  startGroup(`fbuild: the server's log, last ${lines.length} lines${problem ? ` (${problem})` : ""}`);
  for (const l of lines) info(l);
  endGroup();
}

// src/action/entries/save.ts
runStep("save", runSavePhase, { mayFail: false });

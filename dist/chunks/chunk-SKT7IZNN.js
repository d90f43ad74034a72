import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  installedToolchains,
  manifestsWrittenSince,
  reportsDir,
  saveLibDeps,
  storeIndexPath,
  storePaths,
  toolchainsPaths
} from "./chunk-46E4YKKB.js";
import {
  readStatsFile,
  reportRow,
  statsFilePath,
  writeStatsFile
} from "./chunk-PC52QQXX.js";
import {
  saveEntry
} from "./chunk-QQRZIJHA.js";
import {
  cacheOverhead,
  stepTimeSoFar,
  withStepTime
} from "./chunk-JSFGXPGR.js";
import {
  JobClient
} from "./chunk-LHKOCDRA.js";
import {
  killServerGroup,
  lastLines,
  readLog,
  serverExited
} from "./chunk-CLBYT57Z.js";
import {
  formatByteSize
} from "./chunk-4RDXSJGU.js";
import {
  prContextFromEnv
} from "./chunk-VTAHD6D5.js";
import {
  endGroup,
  info,
  notice,
  setOutput,
  startGroup,
  summary,
  warning
} from "./chunk-M4NEA4G6.js";
import {
  HIT_RATE_DEFINITION,
  formatHitRate
} from "./chunk-AR4QESZK.js";

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
  if (f.overhead) lines.push(overheadLine(f.overhead));
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
function overheadLine(o) {
  const steps = ["setup", "build", "save"].filter((k) => o.ownMs[k] !== void 0).map((k) => `${k} ${seconds(o.ownMs[k])}`);
  return `Cache overhead: ${seconds(o.ms)} (${steps.join(", ")}: the steps' time without the cache transfers, ${seconds(o.transferMs)}, and the builds themselves, ${seconds(o.buildsMs)})`;
}
async function writeSummary(f) {
  try {
    await summary.addRaw(summaryMarkdown(f), true).write();
  } catch (e) {
    warning(`fbuild: could not write the job summary: ${e.message}`);
  }
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
  const stopping = await askServerToStop(state);
  const skip = saveSkipReason(inputs, state);
  const changedSinceRestore = !stopping.problem && !skip ? manifestsWrittenSince(state.cacheDir, state.storeReadyAt) : void 0;
  let stopMs = 0;
  const finishStop = async () => {
    const stopped2 = await stopping.exited(!state.serverLost);
    stopMs = performance.now() - t0;
    info(`fbuild: server stopped in ${Math.round(stopMs)} ms${stopped2.timings ? ` (${stopped2.timings})` : ""}`);
    return stopped2;
  };
  const waitNow = stopping.problem !== void 0 || (changedSinceRestore ?? 0) > 0;
  const stopped = waitNow ? await finishStop() : { ...stopping, problem: void 0 };
  const stoppedLater = waitNow ? void 0 : finishStop();
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
  if (skip) saveNote = skip;
  else {
    const storePrune = () => import("./storePrune-ZZSBVWV4.js");
    const written = stopped.problem ? (await storePrune()).entriesWrittenSince(state.cacheDir, state.storeReadyAt) : changedSinceRestore ?? 0;
    if (written === 0)
      saveNote = `skipped: no new entries since ${state.restore.matchedKey ? "the restore" : "the start"}, so the restored store is still current`;
    else {
      const pruneStarted = performance.now();
      try {
        const { pruneStore } = await storePrune();
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
  const commentUrl = inputs.comment && pr ? await (await import("./prReport-VMQ7ZJJ6.js")).postPullRequestReport(inputs, records, state.baselines, pr) : void 0;
  setOutput("comment-url", commentUrl ?? "");
  const late = stoppedLater ? await stoppedLater : void 0;
  const saveTime = stepTimeSoFar();
  const steps = saveTime ? withStepTime(state.steps, saveTime) : state.steps ?? [];
  const buildsMs = records.reduce((n, r) => n + ("error" in r.result ? 0 : r.result.durationMs), 0);
  const overhead = steps.length ? cacheOverhead(steps, buildsMs) : void 0;
  if (overhead) setOutput("cache-overhead-ms", String(overhead.ms));
  await writeSummary({
    ...overhead ? { overhead } : {},
    rows,
    ...state.restore.matchedKey ? { restoredKey: state.restore.matchedKey } : {},
    ...savedKey ? { savedKey } : {},
    saveNote,
    restoreMs: state.restore.ms,
    ...saveMs !== void 0 ? { saveMs } : {},
    ...archiveNote ? { archiveNote } : {},
    ...stats.cache ? { server: stats.cache } : {}
  });
  if (state.buildFailed || stopped.problem || late?.problem) printServerLog(state, stopped.problem ?? late?.problem);
  const ms = (x) => Math.round(x);
  stats.timings = {
    restoreMs: state.restore.ms,
    serverStartMs: state.server?.startMs ?? 0,
    stopMs: ms(stopMs),
    pruneMs: ms(pruneMs),
    saveMs: saveMs ?? 0,
    reportMs: ms(performance.now() - reportStarted),
    ...steps.length ? { steps } : {},
    ...overhead ? { cacheOverheadMs: overhead.ms } : {}
  };
  stats.sha = pr?.headSha ?? ctx.sha;
  stats.ref = ctx.ref;
  for (const r of records) {
    const baseline = state.baselines[r.environment];
    if (baseline) stats.environments[r.environment] = { ...r, baseline };
  }
  writeStatsFile(statsPath, stats);
  stateFile.update({ saved: true, steps });
}
function saveSkipReason(inputs, state) {
  if (!inputs.cache) return "skipped: cache is false";
  if (inputs.save === "never") return "skipped: save is never";
  if (inputs.save === "on-success" && state.buildFailed) return "skipped: the build failed and save is on-success";
  return void 0;
}
async function askServerToStop(state) {
  const server = state.server;
  if (!server) return { exited: async () => ({}) };
  let token;
  try {
    token = readFileSync(server.tokenFile, "utf8").trim();
  } catch {
    const problem2 = "the server token file is gone";
    return { problem: problem2, exited: async () => ({ problem: problem2 }) };
  }
  const client = new JobClient(server.url, token);
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
  const exited = async (warn) => {
    let p = problem;
    if (!await serverExited(server.pid, 1e4)) {
      killServerGroup(server.pid);
      p ??= "the server did not stop within 10 s and was killed";
    }
    if (p) (warn ? warning : info)(`fbuild: ${p}`);
    return {
      ...stats ? { stats } : {},
      ...p ? { problem: p } : {},
      timings: `${timings}, exit ${Math.round(performance.now() - t0)} ms after the flush began`
    };
  };
  return { ...stats ? { stats } : {}, ...problem ? { problem } : {}, exited };
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

export {
  runSavePhase
};

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { formatByteSize } from '../../server/util/byteSize.js';
import { JobClient } from '../client/jobClient.js';
import { saveEntry } from './cacheTransfer.js';
import type { ActionInputs } from './inputs.js';
import { reportRow, type EnvRecord, type ReportRow } from './reportRows.js';
import type { RunnerContext } from './runnerContext.js';
import { killServerGroup, lastLines, readLog, serverExited } from './serverProcess.js';
import type { JobState, StateFile, StoredReport } from './state.js';
import { readStatsFile, statsFilePath, writeStatsFile } from './statsFile.js';
import { installedToolchains, manifestsWrittenSince, reportsDir, storeIndexPath, storePaths, toolchainsPaths } from './storePaths.js';
import { deleteSupersededEntry } from './superseded.js';
import { writeSummary } from './summary.js';
import { prContextFromEnv } from './prComment/prContext.js';
import { saveLibDeps } from './libDepsEntries.js';
import { cacheOverhead, stepTimeSoFar, withStepTime } from './stepTimes.js';

/**
 * The save step (and the setup sub-action's post step): stop the server (it flushes), bound the
 * store, save it when it gained entries, save the toolchains once, delete the entry it supersedes,
 * and report. It runs after a failed build too, and nothing in it fails the job.
 */
export async function runSavePhase(inputs: ActionInputs, ctx: RunnerContext, stateFile: StateFile): Promise<void> {
  const state = stateFile.read();
  if (!state) {
    core.info('fbuild: nothing to save: the setup step did not run in this job');
    return;
  }
  if (state.saved) {
    core.info('fbuild: the store was already saved in this job');
    return;
  }
  const t0 = performance.now();
  const stopping = await askServerToStop(state);
  const skip = saveSkipReason(inputs, state);
  // A server that answered has written every entry (the flush): whether the store changed is known
  // now. Its exit (the last index write, the process's end) is waited for at once only when the store
  // is to be archived or rebuilt; otherwise it overlaps the rest of this step and is awaited at its end.
  const changedSinceRestore = !stopping.problem && !skip ? manifestsWrittenSince(state.cacheDir, state.storeReadyAt) : undefined;
  let stopMs = 0;
  const finishStop = async () => {
    const stopped = await stopping.exited(!state.serverLost);
    stopMs = performance.now() - t0;
    core.info(`fbuild: server stopped in ${Math.round(stopMs)} ms${stopped.timings ? ` (${stopped.timings})` : ''}`);
    return stopped;
  };
  const waitNow = stopping.problem !== undefined || (changedSinceRestore ?? 0) > 0;
  const stopped = waitNow ? await finishStop() : { ...stopping, problem: undefined };
  const stoppedLater = waitNow ? undefined : finishStop();
  if (stopped.problem) {
    // A server that did not stop cleanly (killed, crashed) never wrote back its index: what it stored
    // since the restore is on disk but not in the index. Without the index the store is rebuilt from
    // its entries, each verified (a damaged one is dropped; a dead writer's temporary files are swept),
    // so that what is valid is counted, pruned and saved.
    rmSync(storeIndexPath(state.cacheDir), { force: true });
    core.info('fbuild: the store index will be rebuilt from the entries (the server did not write it back)');
  }
  let pruneMs = 0;
  const statsPath = statsFilePath(ctx.jobDir);
  const stats = readStatsFile(statsPath);
  if (stopped.stats) stats.cache = stopped.stats;
  // A full disk is said once, here: the server stopped writing at the first failure, and whatever
  // else fails below for want of room is the same cause (an info line, not another warning).
  const diskFull = stopped.stats?.storeFull;
  if (diskFull) {
    core.warning(
      `fbuild: the store's disk is full (${diskFull}): caching stopped for this job after the first write that failed; ` +
        'the build went on without it. Free space where the cache dir is, or lower cache-max-size',
    );
  }
  const cacheProblem = (what: string, e: unknown) => {
    const text = `fbuild: ${what}: ${(e as Error).message}`;
    if (diskFull && /ENOSPC|EDQUOT/.test(text)) core.info(text);
    else core.warning(text);
  };
  const records = Object.values(stats.environments).filter((r) => state.envs.includes(r.environment));
  try {
    writeReports(state, records, ctx);
  } catch (e) {
    cacheProblem('the reports of this job were not kept in the store', e);
  }

  let savedKey: string | undefined;
  let saveMs: number | undefined;
  let saveNote = '';
  let archiveNote: string | undefined;
  if (skip) saveNote = skip;
  else {
    // The store's code (its index, msgpackr, the lock) is loaded only for a store to rebuild or to
    // prune and save: a warm job whose store gained nothing never loads it.
    const storePrune = () => import('../../server/cache/storePrune.js');
    const written = stopped.problem
      ? (await storePrune()).entriesWrittenSince(state.cacheDir, state.storeReadyAt)
      : (changedSinceRestore ?? 0);
    if (written === 0)
      saveNote = `skipped: no new entries since ${state.restore.matchedKey ? 'the restore' : 'the start'}, so the restored store is still current`;
    else {
      const pruneStarted = performance.now();
      try {
        const { pruneStore } = await storePrune();
        const pruned = await pruneStore({
          cacheDir: state.cacheDir,
          maxBytes: inputs.cacheMaxBytes,
          ...(inputs.evictUnused ? { unusedBefore: state.startedAt } : {}),
        });
        archiveNote =
          `${pruned.after.entries} entries, ${formatByteSize(pruned.after.bytes)} (${written} written by this job` +
          `${pruned.unused ? `, ${pruned.unused} unused dropped` : ''}${pruned.before.entries - pruned.unused > pruned.after.entries ? ', oldest evicted to fit' : ''})`;
      } catch (e) {
        // The entries are whole whatever the index is (a store without a sound index rebuilds it).
        cacheProblem('the store was not pruned (saved as it is)', e);
      }
      pruneMs = performance.now() - pruneStarted;
      const saved = await saveEntry('store', storePaths(state.cacheDir), state.keys.store);
      saveMs = saved.ms;
      if (saved.saved) {
        savedKey = state.keys.store;
        await maybeDeleteSuperseded(inputs, ctx, state);
      } else {
        core.warning(`fbuild: ${saved.warning}`);
        saveNote = `failed: ${saved.warning}`;
      }
    }
  }
  core.info(savedKey ? `fbuild: store saved as ${savedKey} in ${saveMs} ms; ${archiveNote}` : `fbuild: store not saved: ${saveNote}`);
  await saveToolchains(inputs, ctx, state);
  if (inputs.cache && inputs.save !== 'never') await saveLibDeps(state.libdeps);

  const reportStarted = performance.now();
  core.setOutput('cache-saved-key', savedKey ?? '');
  stats.store = {
    ...(state.restore.matchedKey ? { restoredKey: state.restore.matchedKey } : {}),
    ...(savedKey ? { savedKey } : { saveSkipped: saveNote }),
    restoreMs: state.restore.ms,
    ...(saveMs !== undefined ? { saveMs } : {}),
  };

  const rows: ReportRow[] = records.map((r) => reportRow(r, state.baselines[r.environment]));
  const pr = prContextFromEnv(process.env);
  // The GitHub client (@actions/github, about 1 MB of bundle) is loaded only for a comment to post.
  const commentUrl =
    inputs.comment && pr ? await (await import('./prReport.js')).postPullRequestReport(inputs, records, state.baselines, pr) : undefined;
  core.setOutput('comment-url', commentUrl ?? '');
  // The server's end, when it was left to overlap the above (part of this step's time): a server that
  // had to be killed is said now.
  const late = stoppedLater ? await stoppedLater : undefined;
  // This step's time up to its summary, with the earlier steps' (recorded in the state at their ends).
  const saveTime = stepTimeSoFar();
  const steps = saveTime ? withStepTime(state.steps, saveTime) : (state.steps ?? []);
  const buildsMs = records.reduce((n, r) => n + ('error' in r.result ? 0 : r.result.durationMs), 0);
  const overhead = steps.length ? cacheOverhead(steps, buildsMs) : undefined;
  if (overhead) core.setOutput('cache-overhead-ms', String(overhead.ms));
  await writeSummary({
    ...(overhead ? { overhead } : {}),
    rows,
    ...(state.restore.matchedKey ? { restoredKey: state.restore.matchedKey } : {}),
    ...(savedKey ? { savedKey } : {}),
    saveNote,
    restoreMs: state.restore.ms,
    ...(saveMs !== undefined ? { saveMs } : {}),
    ...(archiveNote ? { archiveNote } : {}),
    ...(stats.cache ? { server: stats.cache } : {}),
  });
  if (state.buildFailed || stopped.problem || late?.problem) printServerLog(state, stopped.problem ?? late?.problem);
  const ms = (x: number) => Math.round(x);
  stats.timings = {
    restoreMs: state.restore.ms,
    serverStartMs: state.server?.startMs ?? 0,
    stopMs: ms(stopMs),
    pruneMs: ms(pruneMs),
    saveMs: saveMs ?? 0,
    reportMs: ms(performance.now() - reportStarted),
    ...(steps.length ? { steps } : {}),
    ...(overhead ? { cacheOverheadMs: overhead.ms } : {}),
  };
  // What the fork PR recipe needs to post the same report from the uploaded file.
  stats.sha = pr?.headSha ?? ctx.sha;
  stats.ref = ctx.ref;
  for (const r of records) {
    const baseline = state.baselines[r.environment];
    if (baseline) stats.environments[r.environment] = { ...r, baseline };
  }
  writeStatsFile(statsPath, stats);
  stateFile.update({ saved: true, steps });
}

function saveSkipReason(inputs: ActionInputs, state: JobState): string | undefined {
  if (!inputs.cache) return 'skipped: cache is false';
  if (inputs.save === 'never') return 'skipped: save is never';
  if (inputs.save === 'on-success' && state.buildFailed) return 'skipped: the build failed and save is on-success';
  return undefined;
}

interface Stopping {
  stats?: CacheStatsOf;
  /** The server did not answer (or its token is gone): it is killed when its exit is awaited. */
  problem?: string;
  /** Waits for the server to be gone (killing it after 10 s); says a problem once (a warning, or info after the build's). */
  exited(warn: boolean): Promise<{ stats?: CacheStatsOf; problem?: string; timings?: string }>;
}

/**
 * Flush (every entry written), read the stats and ask the server to shut down; `exited()` then waits
 * for it to be gone (the store is closed then).
 */
async function askServerToStop(state: JobState): Promise<Stopping> {
  const server = state.server;
  if (!server) return { exited: async () => ({}) };
  let token: string;
  try {
    token = readFileSync(server.tokenFile, 'utf8').trim();
  } catch {
    const problem = 'the server token file is gone';
    return { problem, exited: async () => ({ problem }) };
  }
  const client = new JobClient(server.url, token);
  let stats: CacheStatsOf | undefined;
  let problem: string | undefined;
  const t0 = performance.now();
  let timings = '';
  try {
    await client.flush();
    const t1 = performance.now();
    stats = await client.stats();
    await client.shutdown('graceful');
    timings = `flush ${Math.round(t1 - t0)} ms, stats and shutdown ${Math.round(performance.now() - t1)} ms`;
  } catch (e) {
    problem = `the server did not answer: ${(e as Error).message}`;
  } finally {
    await client.close();
  }
  const exited = async (warn: boolean) => {
    let p = problem;
    if (!(await serverExited(server.pid, 10_000))) {
      killServerGroup(server.pid);
      p ??= 'the server did not stop within 10 s and was killed';
    }
    // The build step has warned already when it found the server gone: one warning for the job.
    if (p) (warn ? core.warning : core.info)(`fbuild: ${p}`);
    return {
      ...(stats ? { stats } : {}),
      ...(p ? { problem: p } : {}),
      timings: `${timings}, exit ${Math.round(performance.now() - t0)} ms after the flush began`,
    };
  };
  return { ...(stats ? { stats } : {}), ...(problem ? { problem } : {}), exited };
}

type CacheStatsOf = Awaited<ReturnType<JobClient['stats']>>;

/** The last successful result per env, kept inside the store: the next job's baseline. */
function writeReports(state: JobState, records: EnvRecord[], ctx: RunnerContext): void {
  const dir = reportsDir(state.cacheDir);
  mkdirSync(dir, { recursive: true });
  for (const r of records) {
    if ('error' in r.result || !r.result.ok) continue;
    const report: StoredReport = { ...r.result, sha: ctx.sha, ref: ctx.ref };
    writeFileSync(join(dir, `${r.environment}.json`), JSON.stringify(report, null, 2));
  }
}

async function maybeDeleteSuperseded(inputs: ActionInputs, ctx: RunnerContext, state: JobState): Promise<void> {
  const old = state.restore.matchedKey;
  if (!inputs.deleteSuperseded || !old || old === state.keys.store) return;
  if (!inputs.githubToken) {
    core.info('fbuild: no github-token, so the superseded store entry is kept');
    return;
  }
  const r = await deleteSupersededEntry({
    apiUrl: ctx.apiUrl,
    repository: ctx.repository,
    token: inputs.githubToken,
    key: old,
    ref: ctx.ref,
  });
  if (r.deleted || !/token may not/.test(r.message)) core.info(`fbuild: ${r.message}`);
  else core.notice(`fbuild: ${r.message}`);
}

/** The toolchains entry is keyed by the manifest's hash: saved once, by the first job that installed them. */
async function saveToolchains(inputs: ActionInputs, ctx: RunnerContext, state: JobState): Promise<void> {
  if (!inputs.cache || inputs.save === 'never' || !state.keys.toolchains || state.toolchainsRestore?.exact) return;
  if (!installedToolchains(state.cacheDir).length) return;
  const r = await saveEntry('toolchains', toolchainsPaths(state.cacheDir), state.keys.toolchains);
  if (r.saved) core.info(`fbuild: toolchains saved as ${state.keys.toolchains} in ${r.ms} ms`);
  else core.warning(`fbuild: ${r.warning}`);
}

function printServerLog(state: JobState, problem: string | undefined): void {
  if (!state.server) return;
  const lines = lastLines(readLog(state.server.log), 40);
  core.startGroup(`fbuild: the server's log, last ${lines.length} lines${problem ? ` (${problem})` : ''}`);
  for (const l of lines) core.info(l);
  core.endGroup();
}

// Issue 12's benchmark: the action as a runner runs it (test/helpers/runnerHarness.ts) on
// examples/blink against the cache service emulator on 127.0.0.1: a cold job, then a warm job in
// another workspace, split into restore, server start, build, save and report. The figure to drive
// down is the action's own overhead on the warm job: everything but the transfer and the compiles.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GhCacheEmulator } from '../test/helpers/ghCacheEmulator.ts';
import { prepareAction, type JobResult, type StepRecord } from '../test/helpers/runnerHarness.ts';
import { actionJob, jobFor } from '../test/helpers/actionJobs.ts';
import type { StatsFile } from '../src/action/statsFile.ts';
import { fmtMs, median, table } from './harness.ts';

interface Phases {
  setupStep: number;
  saveStep: number;
  restore: number;
  serverStart: number;
  buildStep: number;
  buildItself: number;
  stopAndPrune: number;
  save: number;
  report: number;
  total: number;
  overhead: number;
  archiveBytes: number;
}

function phasesOf(r: JobResult, archiveBytes: number): Phases {
  if (r.conclusion !== 'success') throw new Error(`the benchmark job failed:\n${r.log}`);
  const inner = r.steps[0]!.inner ?? [];
  const wall = (id: string) => inner.find((s: StepRecord) => s.id === id)?.ms ?? 0;
  const stats = JSON.parse(readFileSync(r.outputs('fbuild')['stats-file']!, 'utf8')) as StatsFile;
  const t = stats.timings!;
  const result = stats.environments.uno!.result;
  const buildItself = 'error' in result ? 0 : result.durationMs;
  const total = wall('node') + wall('setup') + wall('build') + wall('save');
  return {
    setupStep: wall('node') + wall('setup'),
    saveStep: wall('save'),
    restore: t.restoreMs,
    serverStart: t.serverStartMs,
    buildStep: wall('build'),
    buildItself,
    stopAndPrune: t.stopMs + t.pruneMs,
    save: t.saveMs,
    report: t.reportMs,
    total,
    overhead: total - t.restoreMs - t.saveMs - buildItself,
    archiveBytes,
  };
}

export async function actionBench(root: string, iterations: number): Promise<string> {
  const dir = mkdtempSync(join(root, 'action-'));
  const action = await prepareAction(join(dir, 'action'));
  const cold: Phases[] = [];
  const warm: Phases[] = [];
  for (let i = 0; i < iterations; i++) {
    const emulator = await GhCacheEmulator.start();
    try {
      const spec = { fixture: join('..', '..', 'examples', 'blink') };
      const c = await actionJob(jobFor(dir, emulator, spec), action, { environment: 'uno' });
      const size = emulator.finalized()[0]?.size ?? 0;
      cold.push(phasesOf(c, size));
      const w = await actionJob(jobFor(dir, emulator, spec), action, { environment: 'uno' });
      if (w.outputs('fbuild')['hit-rate'] !== '1') throw new Error(`the warm job did not hit everything:\n${w.log}`);
      warm.push(phasesOf(w, size));
    } finally {
      await emulator.close();
    }
  }
  const m = (xs: Phases[], k: keyof Phases) => fmtMs(median(xs.map((x) => x[k])));
  const line = (name: string, xs: Phases[]) => [
    name,
    m(xs, 'setupStep'),
    m(xs, 'restore'),
    m(xs, 'serverStart'),
    m(xs, 'buildStep'),
    m(xs, 'buildItself'),
    m(xs, 'saveStep'),
    m(xs, 'stopAndPrune'),
    m(xs, 'save'),
    m(xs, 'report'),
    m(xs, 'total'),
    m(xs, 'overhead'),
  ];
  return [
    `## The action (issue 12): examples/blink (uno), a cold and a warm job against the cache emulator, medians of ${iterations}\n`,
    table(
      [
        'job',
        'setup step',
        'of it restore',
        'server start',
        'build step',
        'of it the build',
        'save step',
        'of it stop + prune',
        'save',
        'report',
        'total',
        'overhead',
      ],
      [line('cold', cold), line('warm (another workspace)', warm)],
    ),
    '',
    `Archive: ${(median(cold.map((c) => c.archiveBytes)) / 1024).toFixed(0)} KiB (tar + zstd). Overhead = the job's steps minus the ` +
      'transfer (restore, save) minus the build itself: node start-ups, keys, server start and stop, prune, outputs, summary. ' +
      "Server start: from the restore done to the server ready (its process starts during the restore). Emulator on loopback: the transfer figures are not a hosted runner's (about 90 MB/s restore, 120 MB/s save there).",
    '',
  ].join('\n');
}

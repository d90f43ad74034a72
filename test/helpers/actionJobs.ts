// Jobs of the action's scenario tests: a job's directories with a project copied in, the
// emulator's variables for it, and the action as a step.
import { cpSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { GhCacheEmulator, JobIdentity } from './ghCacheEmulator.ts';
import { newJob, runJob, type Job, type JobResult, type Step } from './runnerHarness.ts';
import { copyUnoCoreStore } from './sharedBuilds.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

let runs = 100;

export interface JobSpec {
  /** A fixture under test/fixtures copied into the workspace. */
  fixture: string;
  identity?: Partial<JobIdentity>;
  env?: Record<string, string>;
  /**
   * The job's cache dir starts with a copy of the shared uno core store (sharedBuilds.ts), as a
   * self-hosted runner's does after earlier jobs: the uno core hits, the project's own units and its
   * link miss. Only where the job's build is setup for what the test is about, never where the cold
   * path or the counts from an empty store are the point. Nothing is restored from the emulator by it.
   */
  warmUnoCore?: boolean;
}

/** A new job (its own HOME, workspace and RUNNER_TEMP under `root`), with a fresh run id. */
export function jobFor(root: string, emulator: GhCacheEmulator, spec: JobSpec): Job {
  const dir = mkdtempSync(join(root, 'job-'));
  const runId = String(++runs);
  const job = newJob(dir, {
    ...emulator.envFor({ ref: 'refs/heads/main', actionsWrite: true, ...spec.identity }),
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: runId.padStart(40, '0'),
    ...spec.env,
  });
  cpSync(join(FIXTURES, spec.fixture), job.workspace, { recursive: true });
  if (spec.warmUnoCore) copyUnoCoreStore(spec.env?.FBUILD_CACHE_DIR ?? jobCacheDir(job));
  return job;
}

/** Where the action keeps the store of a job without FBUILD_CACHE_DIR: ~/.cache/fbuild. */
export const jobCacheDir = (job: { home: string }): string => join(job.home, '.cache', 'fbuild');

/** The composite action as the job's one step (plus any steps after it). */
export function actionJob(job: Job, actionDir: string, inputs: Record<string, string>, after: Step[] = []): Promise<JobResult> {
  return runJob(job, [{ id: 'fbuild', uses: actionDir, with: { toolchain: 'system', ...inputs } }, ...after]);
}

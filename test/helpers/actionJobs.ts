// Jobs of the action's scenario tests: a job's directories with a project copied in, the
// emulator's variables for it, and the action as a step.
import { cpSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { GhCacheEmulator, JobIdentity } from './ghCacheEmulator.ts';
import { newJob, runJob, type Job, type JobResult, type Step } from './runnerHarness.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

let runs = 100;

export interface JobSpec {
  /** A fixture under test/fixtures copied into the workspace. */
  fixture: string;
  identity?: Partial<JobIdentity>;
  env?: Record<string, string>;
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
  return job;
}

/** The composite action as the job's one step (plus any steps after it). */
export function actionJob(job: Job, actionDir: string, inputs: Record<string, string>, after: Step[] = []): Promise<JobResult> {
  return runJob(job, [{ id: 'fbuild', uses: actionDir, with: { toolchain: 'system', ...inputs } }, ...after]);
}

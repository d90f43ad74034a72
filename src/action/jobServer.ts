import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { ActionInputs } from './inputs.js';
import type { RunnerContext } from './runnerContext.js';
import { adoptStartedServer, spawnDetachedServer } from './serverProcess.js';
// prContext alone: prComment/index.js brings the GitHub client (@actions/github, about 1 MB of bundle).
import { prContextFromEnv } from './prComment/prContext.js';

export type JobServerStart = ReturnType<typeof spawnDetachedServer>;

/**
 * The job's server process, started: it loads while the keys are made and the store is restored
 * (it needs none of them), and opens the store once told to go, after the restore. Its own module,
 * light, so that the job step can start it before it loads the rest of the setup: the server's
 * start is the longest thing a warm job waits for.
 */
export function startJobServer(inputs: ActionInputs, ctx: RunnerContext): JobServerStart {
  rmSync(join(ctx.jobDir, 'results'), { recursive: true, force: true });
  const opts = {
    cliPath: ctx.cliPath,
    jobDir: ctx.jobDir,
    cacheDir: ctx.cacheDir,
    workspace: ctx.workspace,
    ...(inputs.jobs ? { jobs: inputs.jobs } : {}),
    ...(inputs.remoteCache ? { remote: remoteFor(inputs.remoteCache) } : {}),
    onToken: (t: string) => core.setSecret(t),
  };
  // The composite job step started one beside this process (action.yml); it is this job's, once.
  const given = process.env.FBUILD_JOB_SERVER;
  delete process.env.FBUILD_JOB_SERVER;
  return adoptStartedServer(given, opts) ?? spawnDetachedServer(opts);
}

/** The remote tier's mode: as asked, else read-only on a pull request from a fork (its token is read-only too). */
function remoteFor(remote: NonNullable<ActionInputs['remoteCache']>): { url: string; mode: 'read' | 'read-write' } {
  core.setSecret(remote.url);
  const fork = prContextFromEnv(process.env)?.fork ?? false;
  const mode = remote.mode ?? (fork ? 'read' : 'read-write');
  core.info(
    `fbuild: remote cache ${mode === 'read' ? 'read only' : 'read and write'}${!remote.mode && fork ? ' (a pull request from a fork)' : ''}`,
  );
  return { url: remote.url, mode };
}

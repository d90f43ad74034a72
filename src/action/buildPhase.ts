import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { CacheClient } from '../client/cacheClient.js';
import { projectEnvOf } from '../client/projectEnv.js';
import type { ActionInputs } from './inputs.js';
import { BuildLog } from './buildLog.js';
import { setBuildOutputs } from './outputs.js';
import { reportRow, type EnvRecord } from './reportRows.js';
import type { RunnerContext } from './runnerContext.js';
import type { StateFile } from './state.js';
import { readStatsFile, statsFilePath, writeStatsFile } from './statsFile.js';
import { UserError } from '../../server/util/errors.js';

/**
 * The build step: a thin client that asks the job's server to build each env (the orchestrator runs
 * inside the server, with the cache as a function call) and turns the streamed events into the log,
 * the outputs and the stats file. Returns false when a build failed.
 */
export async function runBuildPhase(inputs: ActionInputs, ctx: RunnerContext, stateFile: StateFile): Promise<boolean> {
  const state = stateFile.read();
  if (!state?.server)
    throw new UserError('fbuild: the setup step did not run in this job (no server); run the action, or fbuild/build-action/setup first');
  const client = new CacheClient(state.server.url, readFileSync(state.server.tokenFile, 'utf8').trim());
  const records: EnvRecord[] = [];
  try {
    for (const environment of state.envs) {
      const log = new BuildLog(environment);
      for await (const e of client.build({
        projectDir: state.projectDir,
        environment,
        toolchain: inputs.toolchain,
        ...(inputs.jobs ? { jobs: inputs.jobs } : {}),
        projectEnv: projectEnvOf(state.projectDir),
      })) {
        log.handle(e);
      }
      records.push(log.record);
    }
  } finally {
    await client.close();
  }
  const statsPath = statsFilePath(ctx.jobDir);
  const stats = readStatsFile(statsPath);
  for (const r of records) stats.environments[r.environment] = r;
  writeStatsFile(statsPath, stats);
  setBuildOutputs(
    records.map((r) => reportRow(r, state.baselines[r.environment])),
    records,
    statsPath,
  );

  const failed = records.filter((r) => !r.result.ok);
  stateFile.update({ buildFailed: failed.length > 0 });
  for (const f of failed) core.error(f.error ?? `fbuild: ${f.environment}: the build failed`);
  return failed.length === 0;
}

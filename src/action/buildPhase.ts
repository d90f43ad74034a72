import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { JobClient, ServerUnreachableError } from '../client/jobClient.js';
import { projectEnvOf } from '../client/projectEnv.js';
import { buildWithoutServer } from './directBuild.js';
import { killServerGroup, serverExited } from './serverProcess.js';
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
 *
 * A server that is gone in the middle (killed, crashed) does not fail the job: caching never does.
 * That env, and every env after it, is built again in this step without the cache, with one warning;
 * the save step then keeps what the server had stored (see savePhase).
 */
export async function runBuildPhase(inputs: ActionInputs, ctx: RunnerContext, stateFile: StateFile): Promise<boolean> {
  const state = stateFile.read();
  if (!state?.server)
    throw new UserError('fbuild: the setup step did not run in this job (no server); run the action, or fbuild/build-action/setup first');
  const client = new JobClient(state.server.url, readFileSync(state.server.tokenFile, 'utf8').trim());
  const records: EnvRecord[] = [];
  let serverLost: string | undefined;
  try {
    for (const environment of state.envs) {
      let log = new BuildLog(environment);
      if (!serverLost) {
        try {
          for await (const e of client.build({
            projectDir: state.projectDir,
            environment,
            toolchain: inputs.toolchain,
            ...(inputs.jobs ? { jobs: inputs.jobs } : {}),
            projectEnv: projectEnvOf(state.projectDir),
          })) {
            log.handle(e);
          }
        } catch (e) {
          if (!(e instanceof ServerUnreachableError)) throw e;
          serverLost = e.message;
          // Dead, or stuck (no heartbeat within the idle timeout): it is stopped for good with its
          // compilers, which outlive it, so that nothing of it writes in the build dir while the env
          // is built again.
          killServerGroup(state.server.pid);
          core.warning(
            `fbuild: the cache server is gone (${e.message}) during the build of ${environment}; ` +
              `building ${environment}${environment === state.envs.at(-1) ? '' : ' and the envs after it'} again without the cache`,
          );
        }
      }
      if (serverLost) {
        log = new BuildLog(environment);
        await buildWithoutServer(inputs, ctx, state.projectDir, environment, log, await serverExited(state.server.pid, 1000));
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
  stateFile.update({ buildFailed: failed.length > 0, ...(serverLost ? { serverLost } : {}) });
  for (const f of failed) core.error(f.error ?? `fbuild: ${f.environment}: the build failed`);
  return failed.length === 0;
}

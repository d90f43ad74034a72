import type { ActionInputs } from './inputs.js';
import type { BuildLog } from './buildLog.js';
import type { RunnerContext } from './runnerContext.js';

/**
 * An env built in the build step's own process with no cache: what the step falls back to when the
 * job's server is gone in the middle of the build (killed by the OOM killer or a user, crashed).
 * The same orchestrator and toolchains as in the server, the DirectBackend (compilers run directly,
 * nothing read from or written to the store, which the dead server may have left mid-write), and the
 * same events into the same BuildLog, so the log, the outputs and the summary read as usual.
 * Loaded on demand: a job whose server lives never loads the engine into this step.
 */
export async function buildWithoutServer(
  inputs: ActionInputs,
  ctx: RunnerContext,
  projectDir: string,
  environment: string,
  log: BuildLog,
  /** The server is known to be dead: its lock on the env's build dir is broken, not waited out. */
  serverDead: boolean,
): Promise<void> {
  const { BuildSession } = await import('../../server/engine/buildSession.js');
  const { toolchainsDirFor } = await import('../../server/toolchains/resolveAvr.js');
  if (serverDead) {
    const { breakBuildDirLock } = await import('../../server/engine/buildDirLock.js');
    const { buildWriteDirs } = await import('../../server/engine/orchestrator.js');
    breakBuildDirLock(buildWriteDirs({ projectDir, environment })[0]!.path);
  }
  const session = await BuildSession.open({
    cache: false,
    ...(inputs.jobs ? { jobs: inputs.jobs } : {}),
    toolchain: inputs.toolchain,
    toolchainsDir: toolchainsDirFor(process.env, ctx.cacheDir),
    fbuildCommand: [process.execPath, ctx.cliPath],
    wrapperEnv: () => ({}),
  });
  try {
    await session.run({ projectDir, environment, toolchain: inputs.toolchain, noCache: true }, (e) => log.handle(e));
  } finally {
    await session.close('force');
  }
}

// The setup sub-action's main, and with the argument `job` the composite action's job step: setup,
// build and save in one process (see runJobSteps). The build and save code is imported only then.
//
// The job step starts the job's server before it loads anything else of the setup: the server's
// own start (a Node process loading the engine) is what a warm job waits for longest, so every
// module this process loads before spawning it is waited for twice. Only the inputs, the runner's
// facts and the spawn are loaded first; a mistake in the inputs is left for the setup to report.
//
// Loading the build's code while the restore runs was tried: the job's wall time did not measurably
// change against the emulator (the module load and the restore's own work share the CPU), and its
// cost then hid inside the transfer time, so the "cache overhead" figure would under-count it.
import { inputGetter, readInputs, type ActionInputs } from '../inputs.js';
import { runnerContext, type RunnerContext } from '../runnerContext.js';
import { startJobServer, type JobServerStart } from '../jobServer.js';

if (process.argv[2] === 'job') {
  let early: { inputs: ActionInputs; ctx: RunnerContext; server: JobServerStart } | undefined;
  try {
    const inputs = readInputs(inputGetter());
    const ctx = runnerContext();
    early = { inputs, ctx, server: startJobServer(inputs, ctx) };
  } catch {
    // The job step reads the inputs again and says what is wrong with them.
  }
  const [{ runSetup }, { runJobSteps }] = await Promise.all([import('../setupPhase.js'), import('../step.js')]);
  runJobSteps(
    {
      setup: (inputs, ctx, state) => runSetup(inputs, ctx, state, early?.server),
      build: async (inputs, ctx, state) =>
        inputs.boards
          ? (await import('../examples/examplesPhase.js')).runExamplesPhase(inputs, ctx, state)
          : (await import('../buildPhase.js')).runBuildPhase(inputs, ctx, state),
      save: async (inputs, ctx, state) => (await import('../savePhase.js')).runSavePhase(inputs, ctx, state),
    },
    early,
  );
} else {
  const [{ runSetup }, { runStep }] = await Promise.all([import('../setupPhase.js'), import('../step.js')]);
  runStep('setup', runSetup, { mayFail: true, freshState: true });
}

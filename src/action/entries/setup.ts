// The setup sub-action's main, and with the argument `job` the composite action's job step: setup,
// build and save in one process (see runJobSteps). The build and save code is imported only then.
//
// Loading it while the restore runs was tried: the job's wall time did not measurably change against
// the emulator (the module load and the restore's own work share the CPU), and its cost then hid
// inside the transfer time, so the "cache overhead" figure would under-count it.
import { runSetup } from '../setupPhase.js';
import { runJobSteps, runStep } from '../step.js';

if (process.argv[2] === 'job')
  runJobSteps({
    setup: runSetup,
    build: async (inputs, ctx, state) =>
      inputs.boards
        ? (await import('../examples/examplesPhase.js')).runExamplesPhase(inputs, ctx, state)
        : (await import('../buildPhase.js')).runBuildPhase(inputs, ctx, state),
    save: async (inputs, ctx, state) => (await import('../savePhase.js')).runSavePhase(inputs, ctx, state),
  });
else runStep('setup', runSetup, { mayFail: true, freshState: true });

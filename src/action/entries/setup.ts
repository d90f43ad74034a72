// The setup sub-action's main, and with the argument `job` the composite action's job step: setup,
// build and save in one process (see runJobSteps). The build and save code is imported only then.
//
// Loading it while the restore runs was tried: the job's wall time did not measurably change against
// the emulator (the module load and the restore's own work share the CPU), and its cost then hid
// inside the transfer time, so the "cache overhead" figure would under-count it. It is loaded once
// the restore is done, while the server opens the store: this process only waits for the server
// then, and the load no longer follows the wait.
import type { ActionInputs } from '../inputs.js';
import { runSetup } from '../setupPhase.js';
import { runJobSteps, runStep } from '../step.js';

if (process.argv[2] === 'job') {
  let build: ReturnType<typeof loadBuild> | undefined;
  let save: ReturnType<typeof loadSave> | undefined;
  runJobSteps({
    setup: (inputs, ctx, state) =>
      runSetup(inputs, ctx, state, () => {
        build = loadBuild(inputs);
        save = loadSave();
        // A module that fails to load says so when its step awaits it, not as an unhandled rejection now.
        build.catch(() => undefined);
        save.catch(() => undefined);
      }),
    build: async (inputs, ctx, state) => (await (build ?? loadBuild(inputs)))(inputs, ctx, state),
    save: async (inputs, ctx, state) => (await (save ?? loadSave()))(inputs, ctx, state),
  });
} else runStep('setup', runSetup, { mayFail: true, freshState: true });

function loadBuild(inputs: ActionInputs) {
  return inputs.boards
    ? import('../examples/examplesPhase.js').then((m) => m.runExamplesPhase)
    : import('../buildPhase.js').then((m) => m.runBuildPhase);
}

function loadSave() {
  return import('../savePhase.js').then((m) => m.runSavePhase);
}

// The setup sub-action's main, and with the argument `job` the composite action's job step: setup,
// build and save in one process (see runJobSteps). The build and save code is imported only then,
// while the setup's transfers run (this process waits for them then).
import { runSetup } from '../setupPhase.js';
import { runJobSteps, runStep } from '../step.js';

if (process.argv[2] === 'job') {
  let later: Promise<[typeof import('../buildPhase.js'), typeof import('../savePhase.js')]> | undefined;
  const load = () => (later ??= Promise.all([import('../buildPhase.js'), import('../savePhase.js')]));
  runJobSteps({
    setup: (inputs, ctx, state) => runSetup(inputs, ctx, state, () => void load().catch(() => undefined)),
    build: async (inputs, ctx, state) =>
      inputs.boards
        ? (await import('../examples/examplesPhase.js')).runExamplesPhase(inputs, ctx, state)
        : (await load())[0].runBuildPhase(inputs, ctx, state),
    save: async (inputs, ctx, state) => (await load())[1].runSavePhase(inputs, ctx, state),
  });
} else runStep('setup', runSetup, { mayFail: true, freshState: true });

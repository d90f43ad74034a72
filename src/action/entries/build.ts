// The build step of action.yml: the envs, or in library CI mode (input `boards`) the library's examples.
import { runBuildPhase } from '../buildPhase.js';
import { runExamplesPhase } from '../examples/examplesPhase.js';
import { runStep } from '../step.js';

runStep('build', (inputs, ctx, state) => (inputs.boards ? runExamplesPhase(inputs, ctx, state) : runBuildPhase(inputs, ctx, state)));

// The build step of action.yml.
import { runBuildPhase } from '../buildPhase.js';
import { runStep } from '../step.js';

runStep('build', runBuildPhase);

// The setup step of action.yml, and the setup sub-action's main.
import { runSetup } from '../setupPhase.js';
import { runStep } from '../step.js';

runStep('setup', runSetup, { mayFail: true, freshState: true });

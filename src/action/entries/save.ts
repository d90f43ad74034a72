// The save step of action.yml, the save sub-action, and the setup sub-action's post step.
import { runSavePhase } from '../savePhase.js';
import { runStep } from '../step.js';

runStep('save', runSavePhase, { mayFail: false });

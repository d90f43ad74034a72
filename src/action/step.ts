import * as core from '@actions/core';
import { UserError } from '../../server/util/errors.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { runnerContext, type RunnerContext } from './runnerContext.js';
import { StateFile } from './state.js';

/**
 * An input by name: composite steps get them all as one JSON object (`toJSON(inputs)` in
 * FBUILD_ACTION_INPUTS, since a composite's `run:` steps get no INPUT_* variables); a JavaScript
 * action (the setup sub-action, its post) gets INPUT_* from the runner.
 */
function inputGetter(): (name: string) => string {
  let composite: Record<string, unknown> | undefined;
  if (process.env.FBUILD_ACTION_INPUTS) composite = JSON.parse(process.env.FBUILD_ACTION_INPUTS) as Record<string, unknown>;
  return (name) => (composite ? String(composite[name] ?? '') : core.getInput(name));
}

/**
 * Runs one of the action's steps: inputs and runner facts read once, a user's mistake printed as one
 * line, and the process ended when the step is done (a cache call abandoned at its deadline must not
 * keep it alive). `mayFail: false` (the save step) turns every failure into a warning.
 */
export function runStep(
  name: string,
  body: (inputs: ActionInputs, ctx: RunnerContext, state: StateFile) => Promise<unknown>,
  opts: { mayFail: boolean; freshState?: boolean } = { mayFail: true },
): void {
  const run = async () => {
    const inputs = readInputs(inputGetter());
    const ctx = runnerContext();
    const state = opts.freshState ? new StateFile(`${ctx.jobDir}/state.json`) : StateFile.locate(ctx.jobDir);
    return body(inputs, ctx, state);
  };
  run()
    .then(
      (ok) => {
        if (ok === false) process.exitCode = 1;
      },
      (e: unknown) => {
        const message = e instanceof UserError ? e.message : `fbuild ${name}: internal error: ${(e as Error)?.stack ?? String(e)}`;
        if (opts.mayFail) core.setFailed(message);
        else core.warning(message);
      },
    )
    .finally(() => process.exit());
}

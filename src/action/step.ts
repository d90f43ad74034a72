import * as core from '@actions/core';
import { UserError } from '../../server/util/errors.js';
import { inputGetter, readInputs, type ActionInputs } from './inputs.js';
import { runnerContext, type RunnerContext } from './runnerContext.js';
import { StateFile } from './state.js';
import { beginStep, stepTimeSoFar, withStepTime, type StepName } from './stepTimes.js';

/**
 * Runs one of the action's steps: inputs and runner facts read once, a user's mistake printed as one
 * line, and the process ended when the step is done (a cache call abandoned at its deadline must not
 * keep it alive). `mayFail: false` (the save step) turns every failure into a warning.
 */
export function runStep(
  name: StepName,
  body: (inputs: ActionInputs, ctx: RunnerContext, state: StateFile) => Promise<unknown>,
  opts: { mayFail: boolean; freshState?: boolean } = { mayFail: true },
): void {
  const run = async () => {
    beginStep(name);
    const inputs = readInputs(inputGetter());
    const ctx = runnerContext();
    const state = opts.freshState ? new StateFile(`${ctx.jobDir}/state.json`) : StateFile.locate(ctx.jobDir);
    try {
      return await body(inputs, ctx, state);
    } finally {
      if (name !== 'save') recordStepTime(state);
    }
  };
  run()
    .then(
      (ok) => {
        if (ok === false) process.exitCode = 1;
      },
      (e: unknown) => failed(name, e, opts.mayFail),
    )
    .finally(() => process.exit());
}

/**
 * The composite action's job step: setup, build and save in one process, so a job starts Node once
 * instead of three times (each start, with its modules, was about a sixth of a warm job's overhead).
 * The save runs whatever happened before it, as the separate save step ran `if: always()`; the
 * output `finished` tells action.yml's fallback save step (for a process killed or cancelled before
 * its save was done) that it has nothing left to do.
 */
export function runJobSteps(
  phases: {
    setup: (inputs: ActionInputs, ctx: RunnerContext, state: StateFile) => Promise<unknown>;
    build: (inputs: ActionInputs, ctx: RunnerContext, state: StateFile) => Promise<boolean>;
    save: (inputs: ActionInputs, ctx: RunnerContext, state: StateFile) => Promise<void>;
  },
  /** The inputs and runner facts when the entry has read them already (to start the server first). */
  read?: { inputs: ActionInputs; ctx: RunnerContext },
): void {
  const run = async () => {
    beginStep('setup');
    let inputs: ActionInputs;
    let ctx: RunnerContext;
    try {
      inputs = read?.inputs ?? readInputs(inputGetter());
      ctx = read?.ctx ?? runnerContext();
    } catch (e) {
      failed('setup', e, true);
      return;
    }
    const state = new StateFile(`${ctx.jobDir}/state.json`);
    let ok: boolean;
    try {
      await phases.setup(inputs, ctx, state);
      recordStepTime(state);
      beginStep('build');
      try {
        ok = await phases.build(inputs, ctx, state);
      } finally {
        recordStepTime(state);
      }
    } catch (e) {
      ok = false;
      failed(current(), e, true);
    }
    beginStep('save');
    try {
      await phases.save(inputs, ctx, state);
    } catch (e) {
      failed('save', e, false);
    }
    if (!ok) process.exitCode = 1;
  };
  run()
    .catch((e: unknown) => failed('save', e, false))
    .finally(() => {
      core.setOutput('finished', 'true');
      process.exit();
    });
}

function current(): StepName {
  return stepTimeSoFar()?.step ?? 'setup';
}

function failed(name: string, e: unknown, mayFail: boolean): void {
  const message = e instanceof UserError ? e.message : `fbuild ${name}: internal error: ${(e as Error)?.stack ?? String(e)}`;
  if (mayFail) core.setFailed(message);
  else core.warning(message);
}

/** The step's time into the state (when there is one: a setup that failed early leaves none). */
function recordStepTime(state: StateFile): void {
  const t = stepTimeSoFar();
  const s = state.read();
  if (!t || !s) return;
  try {
    state.update({ steps: withStepTime(s.steps, t) });
  } catch {
    // only a figure of the summary lost
  }
}

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  beginStep,
  stepTimeSoFar,
  withStepTime
} from "./chunk-JSFGXPGR.js";
import {
  inputGetter,
  readInputs,
  runnerContext
} from "./chunk-DAW4H5XO.js";
import {
  exportVariable,
  getState,
  saveState,
  setFailed,
  setOutput,
  warning
} from "./chunk-M4NEA4G6.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/action/state.ts
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
var StateFile = class _StateFile {
  constructor(path) {
    this.path = path;
  }
  path;
  static locate(jobDir) {
    return new _StateFile(process.env.FBUILD_ACTION_STATE || getState("state-file") || join(jobDir, "state.json"));
  }
  /** Makes the file findable by later steps and by this action's post step. */
  publish() {
    exportVariable("FBUILD_ACTION_STATE", this.path);
    saveState("state-file", this.path);
  }
  read() {
    try {
      return JSON.parse(readFileSync(this.path, "utf8"));
    } catch {
      return void 0;
    }
  }
  write(state) {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, JSON.stringify(state, null, 2));
    renameSync(`${this.path}.tmp`, this.path);
  }
  update(change) {
    const state = { ...this.read(), ...change };
    this.write(state);
    return state;
  }
};

// src/action/step.ts
function runStep(name, body, opts = { mayFail: true }) {
  const run = async () => {
    beginStep(name);
    const inputs = readInputs(inputGetter());
    const ctx = runnerContext();
    const state = opts.freshState ? new StateFile(`${ctx.jobDir}/state.json`) : StateFile.locate(ctx.jobDir);
    try {
      return await body(inputs, ctx, state);
    } finally {
      if (name !== "save") recordStepTime(state);
    }
  };
  run().then(
    (ok) => {
      if (ok === false) process.exitCode = 1;
    },
    (e) => failed(name, e, opts.mayFail)
  ).finally(() => process.exit());
}
function runJobSteps(phases, read) {
  const run = async () => {
    beginStep("setup");
    let inputs;
    let ctx;
    try {
      inputs = read?.inputs ?? readInputs(inputGetter());
      ctx = read?.ctx ?? runnerContext();
    } catch (e) {
      failed("setup", e, true);
      return;
    }
    const state = new StateFile(`${ctx.jobDir}/state.json`);
    let ok;
    try {
      await phases.setup(inputs, ctx, state);
      recordStepTime(state);
      beginStep("build");
      try {
        ok = await phases.build(inputs, ctx, state);
      } finally {
        recordStepTime(state);
      }
    } catch (e) {
      ok = false;
      failed(current(), e, true);
    }
    beginStep("save");
    try {
      await phases.save(inputs, ctx, state);
    } catch (e) {
      failed("save", e, false);
    }
    if (!ok) process.exitCode = 1;
  };
  run().catch((e) => failed("save", e, false)).finally(() => {
    setOutput("finished", "true");
    process.exit();
  });
}
function current() {
  return stepTimeSoFar()?.step ?? "setup";
}
function failed(name, e, mayFail) {
  const message = e instanceof UserError ? e.message : `fbuild ${name}: internal error: ${e?.stack ?? String(e)}`;
  if (mayFail) setFailed(message);
  else warning(message);
}
function recordStepTime(state) {
  const t = stepTimeSoFar();
  const s = state.read();
  if (!t || !s) return;
  try {
    state.update({ steps: withStepTime(s.steps, t) });
  } catch {
  }
}

export {
  runStep,
  runJobSteps
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  beginStep,
  stepTimeSoFar,
  withStepTime
} from "./chunk-ACVR6QNX.js";
import {
  findBoard,
  findEsp32Board,
  unknownBoardHint
} from "./chunk-HJM5M4WC.js";
import {
  parseByteSize
} from "./chunk-4RDXSJGU.js";
import {
  exportVariable,
  getInput,
  getState,
  saveState,
  setFailed,
  setOutput,
  warning
} from "./chunk-M4NEA4G6.js";
import {
  RemoteConfigError,
  redisOptionsFor
} from "./chunk-ARH6VGVS.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/action/examples/examplesInputs.ts
function examplesInputs(get) {
  const boards = get("boards").split(/[\s,]+/).filter(Boolean);
  for (const b of boards) {
    if (!/^[A-Za-z0-9_.-]+$/.test(b))
      throw new UserError(`input 'boards' has '${b}'; allowed: board ids such as uno, megaatmega2560, esp32dev`);
  }
  const examples = get("examples").split(/[\n,]+/).map((e) => e.trim()).filter(Boolean);
  if (examples.length && !boards.length)
    throw new UserError("input 'examples' needs 'boards': the boards to build the library's examples for, e.g. boards: uno");
  return boards.length ? { boards: [...new Set(boards)], examples } : {};
}
function examplesTargets(boards) {
  const platforms = boards.map((b) => {
    if (findBoard(b)) return "atmelavr";
    if (findEsp32Board(b)) return "espressif32";
    throw new UserError(`input 'boards' has '${b}', a board fbuild does not build for; ${unknownBoardHint(b)}`);
  });
  return { envs: boards, platforms };
}

// src/action/inputs.ts
function oneOf(get, name, allowed, fallback) {
  const value = get(name).trim() || fallback;
  if (!allowed.includes(value)) {
    throw new UserError(`input '${name}' is '${value}'; allowed values: ${allowed.join(", ")}`);
  }
  return value;
}
function bool(get, name, fallback) {
  const value = get(name).trim().toLowerCase();
  if (!value) return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new UserError(`input '${name}' is '${get(name).trim()}'; allowed values: true, false`);
}
function remoteCacheInput(get) {
  const url = get("remote-cache").trim();
  const modeText = get("remote-cache-mode").trim();
  const mode = modeText ? oneOf(get, "remote-cache-mode", ["read", "read-write"], "read-write") : void 0;
  if (!url) return {};
  try {
    redisOptionsFor(url);
  } catch (e) {
    if (e instanceof RemoteConfigError) throw new UserError(`input 'remote-cache': ${e.message}`);
    throw e;
  }
  return { remoteCache: { url, ...mode ? { mode } : {} } };
}
function readInputs(get) {
  const environments = get("environment").split(/[\s,]+/).map((e) => e.trim()).filter(Boolean);
  for (const e of environments) {
    if (!/^[A-Za-z0-9_.-]+$/.test(e))
      throw new UserError(`input 'environment' has '${e}'; allowed: env names of platformio.ini (letters, digits, _ . -)`);
  }
  const jobsText = get("jobs").trim();
  let jobs;
  if (jobsText) {
    jobs = Number(jobsText);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UserError(`input 'jobs' is '${jobsText}'; allowed values: a whole number of 1 or more`);
  }
  const sizeText = get("cache-max-size").trim() || "1G";
  const cacheMaxBytes = parseByteSize(sizeText);
  if (!cacheMaxBytes) throw new UserError(`input 'cache-max-size' is '${sizeText}'; allowed values: a size such as 500M, 1G or 2GiB`);
  const keySuffix = get("key-suffix").trim();
  if (keySuffix && !/^[A-Za-z0-9._-]+$/.test(keySuffix)) {
    throw new UserError(`input 'key-suffix' is '${keySuffix}'; allowed: letters, digits and . _ -`);
  }
  return {
    environments,
    projectDir: get("project-dir").trim() || ".",
    toolchain: oneOf(get, "toolchain", ["auto", "pinned", "system"], "auto"),
    ...jobs !== void 0 ? { jobs } : {},
    cache: bool(get, "cache", true),
    cacheMaxBytes,
    save: oneOf(get, "save", ["always", "on-success", "never"], "always"),
    evictUnused: bool(get, "evict-unused", false),
    keySuffix,
    deleteSuperseded: bool(get, "delete-superseded", true),
    comment: bool(get, "comment", true),
    githubToken: get("github-token").trim(),
    ...remoteCacheInput(get),
    ...examplesInputs(get)
  };
}

// src/action/runnerContext.ts
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
function runnerContext(env = process.env) {
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const temp = resolve(env.RUNNER_TEMP ?? join(workspace, "..", "_temp"));
  const userDir = env.FBUILD_CACHE_DIR;
  return {
    workspace,
    temp,
    jobDir: join(temp, "fbuild-action"),
    cacheDir: userDir ? resolve(userDir) : join(homedir(), ".cache", "fbuild"),
    cachePathSpec: userDir ? resolve(userDir) : "~/.cache/fbuild",
    runId: env.GITHUB_RUN_ID ?? "0",
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? "1",
    ref: env.GITHUB_REF ?? "",
    sha: env.GITHUB_SHA ?? "",
    repository: env.GITHUB_REPOSITORY ?? "",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    os: (env.RUNNER_OS ?? process.platform).toLowerCase().replace("darwin", "macos"),
    arch: (env.RUNNER_ARCH ?? process.arch).toLowerCase(),
    cliPath: join(dirname(resolve(process.argv[1] ?? ".")), "cli.js")
  };
}

// src/action/state.ts
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname as dirname2, join as join2 } from "node:path";
var StateFile = class _StateFile {
  constructor(path) {
    this.path = path;
  }
  path;
  static locate(jobDir) {
    return new _StateFile(process.env.FBUILD_ACTION_STATE || getState("state-file") || join2(jobDir, "state.json"));
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
    mkdirSync(dirname2(this.path), { recursive: true });
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
function inputGetter() {
  let composite;
  if (process.env.FBUILD_ACTION_INPUTS) composite = JSON.parse(process.env.FBUILD_ACTION_INPUTS);
  return (name) => composite ? String(composite[name] ?? "") : getInput(name);
}
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
function runJobSteps(phases) {
  const run = async () => {
    beginStep("setup");
    let inputs;
    let ctx;
    try {
      inputs = readInputs(inputGetter());
      ctx = runnerContext();
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
  examplesTargets,
  runStep,
  runJobSteps
};

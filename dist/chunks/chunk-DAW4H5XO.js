import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  examplesInputs
} from "./chunk-AUZDYZWD.js";
import {
  parseByteSize
} from "./chunk-4RDXSJGU.js";
import {
  getInput
} from "./chunk-M4NEA4G6.js";
import {
  RemoteConfigError,
  redisOptionsFor
} from "./chunk-ARH6VGVS.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

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
function inputGetter() {
  let composite;
  if (process.env.FBUILD_ACTION_INPUTS) composite = JSON.parse(process.env.FBUILD_ACTION_INPUTS);
  return (name) => composite ? String(composite[name] ?? "") : getInput(name);
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

export {
  readInputs,
  inputGetter,
  runnerContext
};

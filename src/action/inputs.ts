import * as core from '@actions/core';
import { parseByteSize } from '../../server/util/byteSize.js';
import { UserError } from '../../server/util/errors.js';
import { redisOptionsFor, RemoteConfigError } from '../../server/cache/remoteConfig.js';
import { examplesInputs } from './examples/examplesInputs.js';

export type SaveWhen = 'always' | 'on-success' | 'never';
export type ToolchainInput = 'auto' | 'pinned' | 'system';

/** The action's inputs, checked once. Every phase (setup, build, save) reads them the same way. */
export interface ActionInputs {
  /** Empty: the project's `default_envs` (or its only env). */
  environments: string[];
  projectDir: string;
  toolchain: ToolchainInput;
  jobs?: number;
  cache: boolean;
  cacheMaxBytes: number;
  save: SaveWhen;
  evictUnused: boolean;
  keySuffix: string;
  deleteSuperseded: boolean;
  comment: boolean;
  githubToken: string;
  /** A shared Redis tier for the job's server; `mode` undefined: read-write, or read on fork PRs. */
  remoteCache?: { url: string; mode?: 'read' | 'read-write' };
  /** Library CI (see examples/examplesInputs.ts): the boards to build the library's examples for; absent: build the envs. */
  boards?: string[];
  /** Globs choosing the examples; empty: every one. */
  examples?: string[];
}

/** Reads one input by its name in action.yml (core.getInput: `INPUT_<NAME>`), '' when not given. */
export type InputGetter = (name: string) => string;

function oneOf<T extends string>(get: InputGetter, name: string, allowed: readonly T[], fallback: T): T {
  const value = get(name).trim() || fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UserError(`input '${name}' is '${value}'; allowed values: ${allowed.join(', ')}`);
  }
  return value as T;
}

function bool(get: InputGetter, name: string, fallback: boolean): boolean {
  const value = get(name).trim().toLowerCase();
  if (!value) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UserError(`input '${name}' is '${get(name).trim()}'; allowed values: true, false`);
}

function remoteCacheInput(get: InputGetter): Pick<ActionInputs, 'remoteCache'> {
  const url = get('remote-cache').trim();
  const modeText = get('remote-cache-mode').trim();
  const mode = modeText ? oneOf(get, 'remote-cache-mode', ['read', 'read-write'] as const, 'read-write') : undefined;
  if (!url) return {};
  try {
    redisOptionsFor(url);
  } catch (e) {
    if (e instanceof RemoteConfigError) throw new UserError(`input 'remote-cache': ${e.message}`);
    throw e;
  }
  return { remoteCache: { url, ...(mode ? { mode } : {}) } };
}

/** Checks every input; a bad one is one line naming the input and what it accepts. */
export function readInputs(get: InputGetter): ActionInputs {
  const environments = get('environment')
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  for (const e of environments) {
    if (!/^[A-Za-z0-9_.-]+$/.test(e))
      throw new UserError(`input 'environment' has '${e}'; allowed: env names of platformio.ini (letters, digits, _ . -)`);
  }
  const jobsText = get('jobs').trim();
  let jobs: number | undefined;
  if (jobsText) {
    jobs = Number(jobsText);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UserError(`input 'jobs' is '${jobsText}'; allowed values: a whole number of 1 or more`);
  }
  const sizeText = get('cache-max-size').trim() || '1G';
  const cacheMaxBytes = parseByteSize(sizeText);
  if (!cacheMaxBytes) throw new UserError(`input 'cache-max-size' is '${sizeText}'; allowed values: a size such as 500M, 1G or 2GiB`);
  const keySuffix = get('key-suffix').trim();
  // A key may not hold commas (the cache service splits on them); keep it to safe characters.
  if (keySuffix && !/^[A-Za-z0-9._-]+$/.test(keySuffix)) {
    throw new UserError(`input 'key-suffix' is '${keySuffix}'; allowed: letters, digits and . _ -`);
  }
  return {
    environments,
    projectDir: get('project-dir').trim() || '.',
    toolchain: oneOf(get, 'toolchain', ['auto', 'pinned', 'system'] as const, 'auto'),
    ...(jobs !== undefined ? { jobs } : {}),
    cache: bool(get, 'cache', true),
    cacheMaxBytes,
    save: oneOf(get, 'save', ['always', 'on-success', 'never'] as const, 'always'),
    evictUnused: bool(get, 'evict-unused', false),
    keySuffix,
    deleteSuperseded: bool(get, 'delete-superseded', true),
    comment: bool(get, 'comment', true),
    githubToken: get('github-token').trim(),
    ...remoteCacheInput(get),
    ...examplesInputs(get),
  };
}

/**
 * An input by name: composite steps get them all as one JSON object (`toJSON(inputs)` in
 * FBUILD_ACTION_INPUTS, since a composite's `run:` steps get no INPUT_* variables); a JavaScript
 * action (the setup sub-action, its post) gets INPUT_* from the runner.
 */
export function inputGetter(): (name: string) => string {
  let composite: Record<string, unknown> | undefined;
  if (process.env.FBUILD_ACTION_INPUTS) composite = JSON.parse(process.env.FBUILD_ACTION_INPUTS) as Record<string, unknown>;
  return (name) => (composite ? String(composite[name] ?? '') : core.getInput(name));
}

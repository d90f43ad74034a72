import type { LibDepsEntryState } from './libDepsEntries.js';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as core from '@actions/core';
import type { JsonBuildResult } from '../../server/protocol/wire.js';
import type { CacheKeys } from './keys.js';
import type { StepTime } from './stepTimes.js';

/** What one phase leaves for the next (no secrets: the token stays in its 0600 file). */
export interface JobState {
  envs: string[];
  projectDir: string;
  keys: CacheKeys;
  cacheDir: string;
  /** The cache dir as given to @actions/cache (see RunnerContext): the save must use the restore's. */
  cachePathSpec: string;
  /** When the store was in place (restored or not): entries written after it are this job's. */
  storeReadyAt: number;
  /** The setup step's start: entries not used since are this job's unused ones. */
  startedAt: number;
  restore: TransferRecord & { matchedKey?: string; exact: boolean };
  toolchainsRestore?: TransferRecord & { exact: boolean };
  /** Each env's downloaded libraries (lib_deps), restored as entries of their own. */
  libdeps?: LibDepsEntryState[];
  server?: { url: string; pid: number; tokenFile: string; log: string; startMs: number };
  /** The previous job's reports per env, as restored (the PR report's baseline). */
  baselines: Record<string, StoredReport>;
  buildFailed?: boolean;
  /** Set by the build step when the server was gone in the middle (it warned; it built without it). */
  serverLost?: string;
  saved?: boolean;
  /** Each step's own time, recorded at its end (see stepTimes.ts). */
  steps?: StepTime[];
}

export interface TransferRecord {
  ms: number;
  bytes?: number;
  warning?: string;
}

/** `<cacheDir>/reports/<env>.json`: the last build's result, kept inside the store. */
export type StoredReport = JsonBuildResult & { sha: string; ref: string };

/**
 * The state between the action's steps: a JSON file in the job's RUNNER_TEMP. Composite steps find
 * it through `FBUILD_ACTION_STATE` (exported with GITHUB_ENV by the setup step); a node24 post step
 * also has it in GITHUB_STATE, which the runner gives back to the same action's post.
 */
export class StateFile {
  constructor(readonly path: string) {}

  static locate(jobDir: string): StateFile {
    return new StateFile(process.env.FBUILD_ACTION_STATE || core.getState('state-file') || join(jobDir, 'state.json'));
  }

  /** Makes the file findable by later steps and by this action's post step. */
  publish(): void {
    core.exportVariable('FBUILD_ACTION_STATE', this.path);
    core.saveState('state-file', this.path);
  }

  read(): JobState | undefined {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as JobState;
    } catch {
      return undefined;
    }
  }

  write(state: JobState): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, JSON.stringify(state, null, 2));
    renameSync(`${this.path}.tmp`, this.path);
  }

  update(change: Partial<JobState>): JobState {
    const state = { ...this.read()!, ...change };
    this.write(state);
    return state;
  }
}

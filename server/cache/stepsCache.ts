import type { Outcome } from '../protocol/wire.js';
import { rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { KeyHasher } from './hash.js';
import { PathNormalizer } from './compilerArgs.js';

/** One command of a cached sequence (a link, then objcopy, then size). */
export interface StepCommand {
  command: string;
  args: string[];
}

/**
 * A sequence of commands cached as one unit, keyed by the content of its inputs rather than by
 * a depfile: the link step. Every step must succeed; a hit writes the declared outputs and replays
 * each step's stdout.
 */
export interface StepsRequest {
  /** Names the unit in miss explanations, e.g. `link .fbuild/build/uno/firmware.elf`. */
  label: string;
  steps: StepCommand[];
  /** Files whose content decides the result, as they are written in the steps' arguments. */
  inputs: string[];
  /** Files the steps write that a hit must restore. */
  outputs: string[];
  cwd: string;
  workspaceRoot: string;
  env?: NodeJS.ProcessEnv;
  /** Cancels the sequence: the running step is killed, the next ones never start, nothing is stored. */
  signal?: AbortSignal;
}

export interface StepsResult {
  exitCode: number;
  /** stdout of each step, in order. */
  stdout: Buffer[];
  stderr: Buffer;
  outcome: Outcome;
  reason?: string;
  savedMs?: number;
}

/** The arguments as they go into the key: inputs by position, workspace paths relative. */
export function stepKeyArgs(req: StepsRequest, paths: PathNormalizer): string[][] {
  const inputIndex = new Map(req.inputs.map((p, i) => [p, i]));
  const root = paths.workspaceRoot + '/';
  return req.steps.map((s) =>
    s.args.map((a) => {
      const i = inputIndex.get(a);
      if (i !== undefined) return `@input${i}`;
      return a.split(root).join('$WS/');
    }),
  );
}

export function stepsFlagsKey(label: string, identities: string[], keyArgs: string[][], cwd: string): string {
  const h = new KeyHasher('fbuild-steps-flags-v1').field(label).field(cwd);
  identities.forEach((id, i) => h.field(id).fields(keyArgs[i]!));
  return h.hex();
}

/** Runs the steps in order through the pool, stopping at the first that fails. */
export async function runStepSequence(
  pool: {
    run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<{ exitCode: number; stdout: Buffer; stderr: Buffer }>;
  },
  req: StepsRequest,
  env: NodeJS.ProcessEnv,
): Promise<{ exitCode: number; stdout: Buffer[]; stderr: Buffer }> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let exitCode = 0;
  // The steps write their outputs afresh, as make would: `ar rc` adds to an archive that is there.
  for (const out of req.outputs) rmSync(isAbsolute(out) ? out : join(req.cwd, out), { force: true });
  for (const step of req.steps) {
    const r = await pool.run(step.command, step.args, req.cwd, env, req.signal);
    stdout.push(r.stdout);
    stderr.push(r.stderr);
    exitCode = r.exitCode;
    if (exitCode !== 0) break;
  }
  return { exitCode, stdout, stderr: Buffer.concat(stderr) };
}

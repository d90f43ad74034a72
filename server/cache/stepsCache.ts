import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Outcome } from '../protocol/wire.js';
import { PathNormalizer } from './compilerArgs.js';
import { CompilerNotFoundError, type CompilerIdentities } from './compilerIdentity.js';
import type { CompilerPool } from './compilerPool.js';
import type { FileHasher } from './fileHasher.js';
import { KeyHasher } from './hash.js';
import type { StatsRecorder } from './stats.js';
import type { CacheStore, StoredSteps } from './store.js';
import { errorMessage } from '../util/errors.js';

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
  /**
   * Build without the bytes: the content hash of each input that is not on disk, by position in
   * `inputs` (undefined: read the file). The key is the same as with the files written.
   */
  inputHashes?: (string | undefined)[];
  /**
   * Called on a miss, before anything runs, to write the inputs `inputHashes` stood for; the sequence
   * is then looked up again with the key taken from the files, and run if that misses too.
   */
  materializeInputs?: () => Promise<void>;
  /** Outputs a hit does not write (archives, which nothing reads when the link hits); a miss writes all. */
  skipOnHit?: string[];
}

export interface StepsResult {
  exitCode: number;
  /** stdout of each step, in order. */
  stdout: Buffer[];
  stderr: Buffer;
  outcome: Outcome;
  reason?: string;
  savedMs?: number;
  /** On a hit: the entry came from the remote tier. */
  remote?: boolean;
  /** The store key of the sequence (a hit's, or a miss's that was stored). */
  key?: string;
}

/** The arguments as they go into the key: inputs by position, workspace paths relative. */
export function stepKeyArgs(req: StepsRequest, paths: PathNormalizer): string[][] {
  const inputIndex = new Map(req.inputs.map((p, i) => [p, i]));
  const root = paths.workspaceRoot + '/';
  // The root followed by `=` too: a prefix map of the checkout (`-fdebug-prefix-map=<root>=.`).
  const mapped = '=' + paths.workspaceRoot + '=';
  return req.steps.map((s) =>
    s.args.map((a) => {
      const i = inputIndex.get(a);
      if (i !== undefined) return `@input${i}`;
      return a.split(root).join('$WS/').split(mapped).join('=$WS=');
    }),
  );
}

export function stepsFlagsKey(label: string, identities: string[], keyArgs: string[][], cwd: string): string {
  const h = new KeyHasher('fbuild-steps-flags-v1').field(label).field(cwd);
  identities.forEach((id, i) => h.field(id).fields(keyArgs[i]!));
  return h.hex();
}

/** What the steps cache shares with the CacheService that owns it. */
export interface StepsCacheDeps {
  store: CacheStore;
  identities: CompilerIdentities;
  hasher: FileHasher;
  pool: CompilerPool;
  stats: StatsRecorder;
  isClosed(): boolean;
}

/**
 * The cache of step sequences (an archive, the link, objcopy, size): keyed by the tools, their
 * arguments with workspace paths made relative, and the content of the declared inputs, so the link
 * of a firmware whose objects did not change is a hit. A hit writes the declared outputs (with their
 * file modes) and replays each step's stdout. Its entries live in the same store as the compiles,
 * under the pseudo-source `$STEPS:<label>`, so they are evicted and archived with them.
 */
export class StepsCache {
  constructor(private readonly deps: StepsCacheDeps) {}

  async run(req: StepsRequest): Promise<StepsResult> {
    if (this.deps.isClosed()) throw new Error('CacheService is shut down');
    const { store, identities: ids, hasher } = this.deps;
    const started = performance.now();
    const env = req.env ?? process.env;
    const paths = new PathNormalizer(resolve(req.workspaceRoot), req.cwd);
    const label = req.label.split(paths.workspaceRoot + '/').join('');
    let key: string;
    let flags: string;
    let identities: string[];
    try {
      identities = req.steps.map((s) => ids.identify(ids.resolveCompiler(s.command, req.cwd, env)));
      flags = stepsFlagsKey(label, identities, stepKeyArgs(req, paths), paths.normalize(req.cwd));
      const h = new KeyHasher('fbuild-steps-v2').field(flags);
      req.inputs.forEach((input, i) => {
        const known = req.inputHashes?.[i];
        if (known !== undefined) return void h.field(known);
        const d = hasher.digest(resolve(req.cwd, input));
        if (!d) throw new Error(`step input missing: ${input}`);
        h.field(d.hash);
      });
      key = h.hex();
    } catch (e) {
      if (e instanceof CompilerNotFoundError) return this.runUncached(req, env, 'uncacheable', 'compiler not found');
      return this.runUncached(req, env, 'error', errorMessage(e));
    }
    const pending = store.get(key);
    const read = pending instanceof Promise ? await pending : pending;
    const manifest = read.status === 'found' ? read.entry.results[0] : undefined;
    // Only the blob of the result used is read (and verified); one that is gone or damaged is a miss.
    const loaded = manifest ? store.load(manifest) : undefined;
    const stored = loaded?.status === 'found' ? { ...manifest!, ...loaded.outputs } : undefined;
    const steps = stored?.steps;
    const byPath = new Map(steps?.outputs.map((o) => [o.path, o]));
    if (stored && steps && req.outputs.every((o) => byPath.has(paths.normalize(resolve(req.cwd, o))))) {
      const skipped = new Set(req.skipOnHit);
      for (const o of req.outputs) {
        if (skipped.has(o)) continue;
        const file = resolve(req.cwd, o);
        const out = byPath.get(paths.normalize(file))!;
        writeFileSync(file, out.content);
        // A linked program must stay executable.
        chmodSync(file, out.mode);
      }
      store.touch(key);
      const ms = performance.now() - started;
      this.deps.stats.recordHit(ms, ms, stored.compileMs);
      this.deps.stats.record('hit', undefined);
      return {
        exitCode: 0,
        stdout: req.steps.map((_, i) => Buffer.from(steps.stdout[i] ?? new Uint8Array())),
        stderr: Buffer.from(stored.stderr),
        outcome: 'hit',
        key,
        savedMs: stored.compileMs,
        ...(read.status === 'found' && read.remote ? { remote: true } : {}),
      };
    }
    if (req.materializeInputs && req.inputHashes?.some((h) => h !== undefined)) {
      // The steps read files: write the ones that were not, then key by what is on disk.
      await req.materializeInputs();
      return this.run({ ...req, inputHashes: undefined, materializeInputs: undefined });
    }
    const reason = read.status === 'damaged' || (loaded && loaded.status !== 'found') ? 'damaged entry' : this.explainMiss(label, flags);
    const t0 = performance.now();
    const result = await runStepSequence(this.deps.pool, req, env);
    // A cancelled sequence's outputs are whatever the killed tools left: never stored.
    if (req.signal?.aborted) return this.count(result, 'uncacheable', 'cancelled');
    if (result.exitCode !== 0) return this.count(result, 'uncacheable', 'link failed');
    try {
      const record: StoredSteps = {
        outputs: req.outputs.map((o) => {
          const file = resolve(req.cwd, o);
          return { path: paths.normalize(file), mode: statSync(file).mode & 0o777, content: readFileSync(file) };
        }),
        stdout: result.stdout,
      };
      await store.put({
        contextKey: key,
        source: `$STEPS:${label}`,
        compiler: identities[0] ?? '',
        flags,
        results: [
          {
            resultKey: key,
            files: [],
            object: new Uint8Array(),
            stdout: new Uint8Array(),
            stderr: result.stderr,
            compileMs: performance.now() - t0,
            createdAt: Date.now(),
            steps: record,
          },
        ],
      });
    } catch (e) {
      return this.count(result, 'error', `store: ${errorMessage(e)}`);
    }
    return { ...this.count(result, 'miss', reason), key };
  }

  private explainMiss(label: string, flags: string): string {
    const others = this.deps.store.entriesForSource(`$STEPS:${label}`);
    if (others.length === 0) return 'new';
    return others.some((o) => o.flags === flags) ? 'objects changed' : 'flags changed';
  }

  private async runUncached(req: StepsRequest, env: NodeJS.ProcessEnv, outcome: Outcome, reason: string): Promise<StepsResult> {
    return this.count(await runStepSequence(this.deps.pool, req, env), outcome, reason);
  }

  private count(r: Omit<StepsResult, 'outcome'>, outcome: Outcome, reason?: string): StepsResult {
    this.deps.stats.record(outcome, reason);
    return { ...r, outcome, ...(reason ? { reason } : {}) };
  }
}

/** Runs the steps in order through the pool, stopping at the first that fails. */
export async function runStepSequence(
  pool: {
    run(
      command: string,
      args: readonly string[],
      cwd: string,
      env: NodeJS.ProcessEnv,
      signal?: AbortSignal,
    ): Promise<{ exitCode: number; stdout: Buffer; stderr: Buffer }>;
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

import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CompileRequest, CompileResult } from '../cache/cacheService.js';
import type { StepsRequest, StepsResult } from '../cache/stepsCache.js';
import { UserError } from '../util/errors.js';
import { readProjectConfig } from '../project/platformioIni.js';
import type { AvrToolchain } from '../toolchains/avrToolchain.js';
import { buildFingerprint, checkFingerprint, saveFingerprint } from './fingerprint.js';
import { buildStats } from './buildStats.js';
import { lockBuildDir } from './buildDirLock.js';
import { throwIfCancelled } from './cancellation.js';
import { ArtifactStaging } from './publishArtifacts.js';
import type { BuildStats, FirmwareSize, ProgressEvent, UnitOutcome } from '../protocol/wire.js';
import { avrTarget } from '../targets/avrTarget.js';
import { nativeTarget } from '../targets/nativeTarget.js';
import { findEsp32Board } from '../targets/boards.js';
import { esp32Target } from '../targets/esp32Target.js';
import type { EnvConfig } from '../project/platformioIni.js';
import type { BuildTarget } from '../targets/target.js';
import { resolveEsp32Packages } from '../toolchains/resolveEsp32.js';
import type { ToolchainMode } from '../toolchains/resolveAvr.js';

/** What the orchestrator needs from a cache: CacheService is one; a no-cache or wrapped backend another. */
export interface CompileBackend {
  compile(req: CompileRequest): Promise<CompileResult>;
  link(req: StepsRequest): Promise<StepsResult>;
}

export interface BuildOptions {
  projectDir: string;
  environment?: string;
  backend: CompileBackend;
  env?: NodeJS.ProcessEnv;
  /** Skip the whole-build fingerprint check (always compile). */
  force?: boolean;
  /** Which toolchain: resolved by the caller (`--toolchain`); default the system one. */
  toolchain?: (env: NodeJS.ProcessEnv) => Promise<AvrToolchain>;
  /** `--toolchain` for an esp32 board's packages (the pinned ones, installed if missing, unless `system`). */
  toolchainMode?: ToolchainMode;
  onEvent?: (e: ProgressEvent) => void;
  /** Cancels the build: its compilers are killed, nothing is published after it, it throws BuildCancelled. */
  signal?: AbortSignal;
}

export interface BuildResult {
  environment: string;
  ok: boolean;
  /** Nothing changed since the last successful build: nothing was compiled. */
  upToDate: boolean;
  /** The linked program (`elf`) and, for a board, the image to flash (`hex`; empty for native). */
  artifacts: { elf: string; hex: string };
  size: FirmwareSize;
  stats: BuildStats;
  durationMs: number;
}

/** A build that ran but failed (compile error, link error, too big): its result and one line to print. */
export class BuildFailure extends UserError {
  constructor(
    message: string,
    readonly result: BuildResult,
  ) {
    super(message, 1);
  }
}


export const FBUILD_BUILD_VERSION = '1';

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const projectDir = resolve(opts.projectDir);
  const processEnv = opts.env ?? process.env;
  const config = readProjectConfig(projectDir, processEnv);
  const envName = chooseEnvironment(config.envNames, config.defaultEnvs, opts.environment);
  const envConfig = config.env(envName);
  const buildDir = join('.fbuild', 'build', envName);
  mkdirSync(join(projectDir, buildDir), { recursive: true });
  const release = await lockBuildDir(join(projectDir, buildDir), {
    environment: envName,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onWait: () => opts.onEvent?.({ type: 'waiting', environment: envName, dir: join(projectDir, buildDir) }),
  });
  try {
    return await buildLocked(opts, { started, projectDir, processEnv, envName, envConfig, buildDir });
  } finally {
    await release();
  }
}

/** The build itself, once this build holds the build dir. */
async function buildLocked(opts: BuildOptions, ctx: LockedBuild): Promise<BuildResult> {
  const { started, projectDir, processEnv, envName, envConfig, buildDir } = ctx;
  const { signal } = opts;
  // The file clock's time (a file changed after it was not necessarily what this build read).
  const startedWall = Date.now();
  const target = await targetFor(opts, projectDir, buildDir, envConfig, processEnv);
  const { artifacts } = target;

  const fingerprint = buildFingerprint({ projectDir, envConfig, parts: target.fingerprintParts, tools: target.tools, version: FBUILD_BUILD_VERSION });
  if (!opts.force) {
    const previous = checkFingerprint<BuildResult>(join(projectDir, buildDir, 'fingerprint.json'), fingerprint, projectDir);
    if (previous) {
      const result: BuildResult = { ...previous, upToDate: true, stats: buildStats([], undefined), durationMs: performance.now() - started };
      opts.onEvent?.({ type: 'upToDate', environment: envName });
      return result;
    }
  }

  const units = target.planUnits();
  opts.onEvent?.({ type: 'start', environment: envName, units: units.length + 1, toolchain: target.description });
  for (const u of units) mkdirSync(join(projectDir, dirname(u.object)), { recursive: true });

  let done = 0;
  const outcomes: UnitOutcome[] = new Array(units.length);
  const results = await Promise.all(
    units.map(async (u, i) => {
      const r = await opts.backend.compile({ compiler: u.compiler, args: u.args, cwd: projectDir, workspaceRoot: projectDir, env: processEnv, ...(signal ? { signal } : {}) });
      if (signal?.aborted) return r; // a killed compiler's complaints are not the user's errors
      const unit: UnitOutcome = { source: u.source, object: u.object, outcome: r.outcome, exitCode: r.exitCode, ...(r.reason ? { reason: r.reason } : {}) };
      outcomes[i] = unit;
      opts.onEvent?.({ type: 'unit', index: ++done, total: units.length, unit, stdout: r.stdout.toString(), stderr: r.stderr.toString() });
      return r;
    }),
  );
  throwIfCancelled(signal, envName);
  const failed = outcomes.filter((o) => o.exitCode !== 0);
  const emptySize = { flash: 0, ram: 0, flashMax: target.limits.flashMax, ramMax: target.limits.ramMax };
  if (failed.length) {
    const result = finish(envName, false, artifacts, emptySize, undefined, started, results);
    throw new BuildFailure(
      `compile failed in ${failed.length} file${failed.length > 1 ? 's' : ''} (${failed.map((f) => f.source).slice(0, 3).join(', ')}${failed.length > 3 ? ', ...' : ''}); fix the errors above and build again`,
      result,
    );
  }

  const objects = units.map((u) => u.object);
  const outputs = [artifacts.elf, ...(artifacts.hex ? [artifacts.hex] : []), ...(target.extraOutputs ?? [])];
  const staging = new ArtifactStaging(projectDir, buildDir, outputs);
  const linked = await opts.backend.link({
    label: `link ${artifacts.elf}`,
    steps: staging.redirect(target.linkSteps(objects)),
    inputs: [...objects, ...(target.extraInputs ?? [])],
    outputs: staging.stagedOutputs,
    cwd: projectDir,
    workspaceRoot: projectDir,
    env: processEnv,
    ...(signal ? { signal } : {}),
  });
  throwIfCancelled(signal, envName);
  opts.onEvent?.({ type: 'link', outcome: linked.outcome, exitCode: linked.exitCode, stderr: linked.stderr.toString(), ...(linked.reason ? { reason: linked.reason } : {}) });
  if (linked.exitCode !== 0) {
    staging.removePublished();
    const result = finish(envName, false, artifacts, emptySize, linked, started, results);
    throw new BuildFailure(target.explainLinkFailure(linked.stderr.toString()) ?? `link failed for ${envName}; see the linker's messages above`, result);
  }
  const size = target.size(linked.stdout);
  const { limits } = target;
  const tooBig = limits.flashMax && size.flash > limits.flashMax ? 'flash' : limits.ramMax && size.ram > limits.ramMax ? 'RAM' : undefined;
  const result = finish(envName, !tooBig, artifacts, size, linked, started, results);
  throwIfCancelled(signal, envName);
  // The fingerprint last: it vouches for the published artifacts.
  staging.publish();
  if (tooBig) {
    const used = tooBig === 'flash' ? size.flash : size.ram;
    const max = tooBig === 'flash' ? limits.flashMax : limits.ramMax;
    throw new BuildFailure(
      `firmware too big for ${limits.name}: ${tooBig} ${used} of ${max} bytes (${Math.round((used / max) * 100)}%); make the code or its data smaller`,
      result,
    );
  }
  saveFingerprint(join(projectDir, buildDir, 'fingerprint.json'), fingerprint, projectDir, units.map((u) => u.object.replace(/\.o$/, '.d')), outputs, result, startedWall);
  return result;
}

interface LockedBuild {
  started: number;
  projectDir: string;
  processEnv: NodeJS.ProcessEnv;
  envName: string;
  envConfig: EnvConfig;
  buildDir: string;
}

/** The board decides: native, an esp32 board, else an AVR board (which checks the board id). */
async function targetFor(opts: BuildOptions, projectDir: string, buildDir: string, env: EnvConfig, processEnv: NodeJS.ProcessEnv): Promise<BuildTarget> {
  if (env.platform === 'native') return nativeTarget({ projectDir, buildDir, env, processEnv });
  const esp32 = env.board ? findEsp32Board(env.board) : undefined;
  if (esp32) {
    if (env.platform && !/espressif32/.test(env.platform)) {
      throw new UserError(`env '${env.name}': platform '${env.platform}' does not match board '${esp32.id}' (platform espressif32); set platform = espressif32`);
    }
    if (env.framework && env.framework !== 'arduino') throw new UserError(`env '${env.name}': framework '${env.framework}' is not supported; set framework = arduino`);
    const packages = await resolveEsp32Packages({ mode: opts.toolchainMode ?? 'auto', env: processEnv });
    return esp32Target({ projectDir, buildDir, env, board: esp32, packages });
  }
  return avrTarget({ projectDir, buildDir, env, toolchain: opts.toolchain ? await opts.toolchain(processEnv) : undefined, processEnv });
}

function finish(
  environment: string,
  ok: boolean,
  artifacts: { elf: string; hex: string },
  size: BuildResult['size'],
  link: StepsResult | undefined,
  started: number,
  results: CompileResult[],
): BuildResult {
  return {
    environment,
    ok,
    upToDate: false,
    artifacts,
    size,
    stats: buildStats(results, link),
    durationMs: Math.round(performance.now() - started),
  };
}

export function chooseEnvironment(envNames: string[], defaultEnvs: string[], requested?: string): string {
  if (requested) return requested; // config.env() reports an unknown one with the known list
  if (defaultEnvs.length) return defaultEnvs[0]!;
  if (envNames.length === 1) return envNames[0]!;
  if (envNames.length === 0) throw new UserError('platformio.ini has no [env:NAME] section; add one, e.g. [env:uno] with board = uno');
  throw new UserError(`several environments in platformio.ini (${envNames.join(', ')}); choose one with -e, e.g. -e ${envNames[0]}`);
}



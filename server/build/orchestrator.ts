import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { CompileRequest, CompileResult } from '../cache/cacheService.js';
import type { StepsRequest, StepsResult } from '../cache/cachedSteps.js';
import { UserError } from '../../src/errors.js';
import { findBoard, knownBoards, type AvrBoard } from './boards.js';
import { readProjectConfig, type EnvConfig } from './platformioIni.js';
import { inoToCpp } from './inoToCpp.js';
import { resolveLibraries, type Library } from './libraries.js';
import { applySrcFilter, listFiles, SOURCE_EXTENSIONS } from './sourceFilter.js';
import { systemAvrToolchain, type AvrToolchain } from './toolchain.js';
import { buildFingerprint, checkFingerprint, saveFingerprint } from './fingerprint.js';
import { parseAvrSize } from './firmwareSize.js';
import { buildStats, type BuildStats } from './buildStats.js';

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
  onEvent?: (e: BuildEvent) => void;
}

export interface BuildResult {
  environment: string;
  ok: boolean;
  /** Nothing changed since the last successful build: nothing was compiled. */
  upToDate: boolean;
  artifacts: { elf: string; hex: string };
  size: { flash: number; ram: number; flashMax: number; ramMax: number };
  stats: BuildStats;
  durationMs: number;
}

export interface UnitOutcome {
  source: string;
  object: string;
  outcome: CompileResult['outcome'];
  reason?: string;
  exitCode: number;
}

export type BuildEvent =
  | { type: 'start'; environment: string; units: number; toolchain: string }
  | { type: 'unit'; index: number; total: number; unit: UnitOutcome; stdout: string; stderr: string }
  | { type: 'link'; outcome: StepsResult['outcome']; reason?: string; exitCode: number; stderr: string }
  | { type: 'upToDate'; environment: string }
  | { type: 'done'; result: BuildResult };

/** A build that ran but failed (compile error, link error, too big): its result and one line to print. */
export class BuildFailure extends UserError {
  constructor(
    message: string,
    readonly result: BuildResult,
  ) {
    super(message, 1);
  }
}

interface Unit {
  source: string; // as passed to the compiler: workspace-relative, or absolute outside it
  object: string; // workspace-relative
  compiler: string;
  args: string[];
}

export const FBUILD_BUILD_VERSION = '1';

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const projectDir = resolve(opts.projectDir);
  const processEnv = opts.env ?? process.env;
  const config = readProjectConfig(projectDir, processEnv);
  const envName = chooseEnvironment(config.envNames, config.defaultEnvs, opts.environment);
  const envConfig = config.env(envName);
  const board = checkBoard(envConfig);
  const toolchain = opts.toolchain ? await opts.toolchain(processEnv) : systemAvrToolchain(processEnv);
  const buildDir = join('.fbuild', 'build', envName);
  const elf = join(buildDir, 'firmware.elf');
  const hex = join(buildDir, 'firmware.hex');
  mkdirSync(join(projectDir, buildDir), { recursive: true });

  const fingerprint = buildFingerprint({ projectDir, envConfig, toolchain, board, version: FBUILD_BUILD_VERSION });
  if (!opts.force) {
    const previous = checkFingerprint<BuildResult>(join(projectDir, buildDir, 'fingerprint.json'), fingerprint, projectDir);
    if (previous) {
      const result: BuildResult = { ...previous, upToDate: true, stats: buildStats([], undefined), durationMs: performance.now() - started };
      opts.onEvent?.({ type: 'upToDate', environment: envName });
      opts.onEvent?.({ type: 'done', result });
      return result;
    }
  }

  const units = planUnits(projectDir, buildDir, envConfig, board, toolchain);
  opts.onEvent?.({ type: 'start', environment: envName, units: units.length + 1, toolchain: toolchain.description });
  for (const u of units) mkdirSync(join(projectDir, dirname(u.object)), { recursive: true });

  let done = 0;
  const outcomes: UnitOutcome[] = new Array(units.length);
  const results = await Promise.all(
    units.map(async (u, i) => {
      const r = await opts.backend.compile({ compiler: u.compiler, args: u.args, cwd: projectDir, workspaceRoot: projectDir, env: processEnv });
      const unit: UnitOutcome = { source: u.source, object: u.object, outcome: r.outcome, exitCode: r.exitCode, ...(r.reason ? { reason: r.reason } : {}) };
      outcomes[i] = unit;
      opts.onEvent?.({ type: 'unit', index: ++done, total: units.length, unit, stdout: r.stdout.toString(), stderr: r.stderr.toString() });
      return r;
    }),
  );
  const failed = outcomes.filter((o) => o.exitCode !== 0);
  const emptySize = { flash: 0, ram: 0, flashMax: board.flashMax, ramMax: board.ramMax };
  if (failed.length) {
    const result = finish(envName, false, { elf, hex }, emptySize, outcomes, undefined, started, results);
    throw new BuildFailure(
      `compile failed in ${failed.length} file${failed.length > 1 ? 's' : ''} (${failed.map((f) => f.source).slice(0, 3).join(', ')}${failed.length > 3 ? ', ...' : ''}); fix the errors above and build again`,
      result,
    );
  }

  const objects = units.map((u) => u.object);
  const linked = await opts.backend.link({
    label: `link ${elf}`,
    steps: [
      { command: toolchain.gcc, args: ['-Os', '-flto', '-fuse-linker-plugin', '-Wl,--gc-sections', `-mmcu=${board.mcu}`, '-o', elf, ...objects, '-lm'] },
      { command: toolchain.objcopy, args: ['-O', 'ihex', '-R', '.eeprom', elf, hex] },
      { command: toolchain.size, args: ['-A', elf] },
    ],
    inputs: objects,
    outputs: [elf, hex],
    cwd: projectDir,
    workspaceRoot: projectDir,
    env: processEnv,
  });
  opts.onEvent?.({ type: 'link', outcome: linked.outcome, exitCode: linked.exitCode, stderr: linked.stderr.toString(), ...(linked.reason ? { reason: linked.reason } : {}) });
  if (linked.exitCode !== 0) {
    const result = finish(envName, false, { elf, hex }, emptySize, outcomes, linked, started, results);
    const overflow = /region [`']?(\w+)'? overflowed by (\d+) bytes/.exec(linked.stderr.toString());
    if (overflow) {
      throw new BuildFailure(
        `firmware too big for ${board.name}: it does not fit in ${overflow[1] === 'text' ? 'flash' : 'RAM'} (over by ${overflow[2]} bytes, says the linker); make the code or its data smaller`,
        result,
      );
    }
    throw new BuildFailure(`link failed for ${envName}; see the linker's messages above`, result);
  }
  const sizes = parseAvrSize(linked.stdout[2]?.toString() ?? '');
  const size = { flash: sizes.flash, ram: sizes.ram, flashMax: board.flashMax, ramMax: board.ramMax };
  const tooBig = size.flash > board.flashMax ? 'flash' : size.ram > board.ramMax ? 'RAM' : undefined;
  const result = finish(envName, !tooBig, { elf, hex }, size, outcomes, linked, started, results);
  if (tooBig) {
    const used = tooBig === 'flash' ? size.flash : size.ram;
    const max = tooBig === 'flash' ? board.flashMax : board.ramMax;
    throw new BuildFailure(
      `firmware too big for ${board.name}: ${tooBig} ${used} of ${max} bytes (${Math.round((used / max) * 100)}%); make the code or its data smaller`,
      result,
    );
  }
  saveFingerprint(join(projectDir, buildDir, 'fingerprint.json'), fingerprint, projectDir, units.map((u) => u.object.replace(/\.o$/, '.d')), [elf, hex], result);
  opts.onEvent?.({ type: 'done', result });
  return result;
}

function finish(
  environment: string,
  ok: boolean,
  artifacts: { elf: string; hex: string },
  size: BuildResult['size'],
  outcomes: UnitOutcome[],
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

function checkBoard(env: EnvConfig): AvrBoard {
  if (!env.board) throw new UserError(`env '${env.name}' has no board; add e.g. board = uno to [env:${env.name}]`);
  const board = findBoard(env.board);
  if (!board) throw new UserError(`unknown board '${env.board}' in env '${env.name}'; supported boards: ${knownBoards().join(', ')}`);
  if (env.platform && env.platform !== board.platform) {
    throw new UserError(`env '${env.name}': platform '${env.platform}' does not match board '${board.id}' (platform ${board.platform}); set platform = ${board.platform}`);
  }
  if (env.framework && env.framework !== 'arduino') {
    throw new UserError(`env '${env.name}': framework '${env.framework}' is not supported; set framework = arduino`);
  }
  return board;
}

/** Every translation unit of the build, with its full compile command. */
function planUnits(projectDir: string, buildDir: string, env: EnvConfig, board: AvrBoard, tc: AvrToolchain): Unit[] {
  const srcDir = join(projectDir, 'src');
  const srcFiles = applySrcFilter(listFiles(srcDir), env.buildSrcFilter);
  const inoFiles = srcFiles.filter((f) => f.endsWith('.ino') && !f.includes('/'));
  const srcSources = srcFiles.filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e)));
  if (inoFiles.length === 0 && srcSources.length === 0) {
    throw new UserError(`no source files in ${join(projectDir, 'src')}; add src/main.cpp or a .ino sketch`);
  }

  const projectSources: string[] = srcSources.map((f) => `src/${f}`);
  if (inoFiles.length) {
    // The sketch is one C++ unit, written into the build dir only when it changes.
    const sketchName = basename(projectDir);
    const cpp = inoToCpp(
      inoFiles.map((f) => ({ path: `src/${f}`, text: readFileSync(join(srcDir, f), 'utf8') })),
      inoFiles.some((f) => f === `${sketchName}.ino`) ? sketchName : undefined,
    );
    const rel = join(buildDir, 'sketch', `${basename(inoFiles[0]!, '.ino')}.ino.cpp`);
    const abs = join(projectDir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    if (!existsSync(abs) || readFileSync(abs, 'utf8') !== cpp) writeFileSync(abs, cpp);
    projectSources.unshift(rel);
  }

  const core = join(tc.frameworkDir, 'cores', board.core);
  const variant = join(tc.frameworkDir, 'variants', board.variant);
  const { libraries } = resolveLibraries({
    projectDir,
    frameworkLibrariesDir: join(tc.frameworkDir, 'libraries'),
    projectFiles: [...projectSources, ...srcFiles.filter((f) => /\.(h|hpp|ino)$/.test(f)).map((f) => `src/${f}`)].map((p) => join(projectDir, p)),
    libDeps: env.libDeps,
    libIgnore: env.libIgnore,
  });

  const rel = (p: string) => {
    const r = relative(projectDir, p);
    return r.startsWith('..') ? p : r.split(sep).join('/');
  };
  const frameworkIncludes = [core, variant].map((p) => `-I${p}`);
  const libIncludes = libraries.map((l) => `-I${rel(l.includeDir)}`);
  const projectIncludes = [...(existsSync(join(projectDir, 'include')) ? ['-Iinclude'] : []), '-Isrc'];
  const common = [
    `-mmcu=${board.mcu}`, `-DF_CPU=${board.fCpu}`, '-DARDUINO=10808', `-D${board.boardDefine}`, '-DARDUINO_ARCH_AVR',
    '-Os', '-w', '-ffunction-sections', '-fdata-sections', '-MMD', '-flto', ...tc.extraFlags,
  ];
  // `build_unflags` removes default flags, as in PlatformIO (e.g. `-w` to see warnings).
  const unflags = new Set((env.raw.build_unflags ?? []).flatMap((l) => l.split(/\s+/)).filter(Boolean));
  const unit = (source: string, object: string, includes: string[]): Unit => {
    const isC = source.endsWith('.c');
    const isAsm = source.endsWith('.S');
    const lang = isC ? ['-std=gnu11', '-fno-fat-lto-objects'] : isAsm ? ['-x', 'assembler-with-cpp'] : ['-std=gnu++11', '-fpermissive', '-fno-exceptions', '-fno-threadsafe-statics'];
    return {
      source,
      object,
      compiler: isC || isAsm ? tc.gcc : tc.gxx,
      args: ['-c', ...[...common, ...lang].filter((f) => !unflags.has(f)), ...env.buildFlags, `-frandom-seed=${object}`, ...includes, source, '-o', object],
    };
  };
  const objectFor = (group: string, relPath: string) => `${buildDir}/${group}/${relPath.replace(/^\.\.\//, '')}.o`;

  const units: Unit[] = [];
  for (const s of projectSources) units.push(unit(s, objectFor('src', s.replace(/^src\//, '').replace(/^\.fbuild\/build\/[^/]+\/sketch\//, '')), [...projectIncludes, ...libIncludes, ...frameworkIncludes]));
  for (const lib of libraries) {
    const libInc = libIncludes;
    for (const s of lib.sources) units.push(unit(rel(s), objectFor(`lib/${lib.name}`, relative(lib.includeDir, s).split(sep).join('/')), [...libInc, ...frameworkIncludes]));
  }
  for (const f of listFiles(core).filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e)))) {
    units.push(unit(join(core, f), objectFor('core', f), frameworkIncludes));
  }
  for (const f of listFiles(variant).filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e)))) {
    units.push(unit(join(variant, f), objectFor('variant', f), frameworkIncludes));
  }
  return units;
}

export type { Library };

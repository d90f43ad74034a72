import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import pLimit from 'p-limit';
import { delimiter, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CompileRequest, CompileResult, DeferredOutputs } from '../cache/cacheService.js';
import type { StepsRequest, StepsResult } from '../cache/stepsCache.js';
import { CompileSession } from '../cache/compileSession.js';
import type { WholeBuildCandidate, WholeBuildRecords } from '../cache/wholeBuildRecords.js';
import { listFiles } from '../project/sourceFilter.js';
import {
  inputFiles,
  listingsHold,
  makeCandidate,
  readMeta,
  recordKey,
  resolvedDirs,
  sourceShown,
  writeOutputs,
  type RecordedUnit,
} from './wholeBuild.js';
import { embeddedFiles, searchDirsOf } from '../cache/unitInputs.js';
import { UserError } from '../util/errors.js';
import { usesBuildTimeInputs, withBuildTimeValues } from '../project/buildTimeOptions.js';
import { readProjectConfig } from '../project/platformioIni.js';
import type { AvrToolchain } from '../toolchains/avrToolchain.js';
import { buildFingerprint, checkFingerprint, saveFingerprint } from './fingerprint.js';
import { buildStats } from './buildStats.js';
import type { JsonBuildResult, ProgressEvent, ResolvedLibrary, UnitOutcome } from '../protocol/wire.js';
import { installLibDeps } from '../project/libdeps/installLibDeps.js';
import { offlineFromEnv } from '../project/libdeps/offline.js';
import { BUILD_LOCK_NAME, lockBuildDir } from './buildDirLock.js';
import { projectWorkspaceRoot } from './projectWorkspace.js';
import { buildWriteTargets, checkUnderBuildDir, type WriteTarget } from './writeBoundary.js';
import { throwIfCancelled } from './cancellation.js';
import { ArtifactStaging } from './publishArtifacts.js';
import { buildRecordPath, readBuildRecord, writeBuildRecord } from './buildRecord.js';
import { prepareAvrTarget } from '../targets/avrTarget.js';
import { nativeTarget } from '../targets/nativeTarget.js';
import { findEsp32Board } from '../targets/boards.js';
import { esp32Target } from '../targets/esp32Target.js';
import type { EnvConfig, ProjectDirs } from '../project/platformioIni.js';
import type { BuildTarget } from '../targets/target.js';
import { resolveEsp32Packages } from '../toolchains/resolveEsp32.js';
import { toolchainsDirFor, type ToolchainMode } from '../toolchains/resolveAvr.js';
import { treePaths, watchPaths, type UpToDateFacts } from './upToDateStamp.js';
import { libDepKind, localPath, parseLibDep } from '../project/libDepsSpec.js';

/** What the orchestrator needs from a cache: CacheService is one; a no-cache or wrapped backend another. */
export interface CompileBackend {
  compile(req: CompileRequest): Promise<CompileResult>;
  link(req: StepsRequest): Promise<StepsResult>;
  /** Whole-build records in the backend's store (wholeBuild.ts); a backend without a store has none. */
  wholeBuild?: WholeBuildRecords;
}

export interface BuildOptions {
  projectDir: string;
  environment?: string;
  backend: CompileBackend;
  env?: NodeJS.ProcessEnv;
  /** The variables `platformio.ini` is read with (`PLATFORMIO_*`, `${sysenv.*}`); default `env`. */
  projectEnv?: NodeJS.ProcessEnv;
  /** Translation units compiling at once (at most the backend's own limit); default all of them. */
  jobs?: number;
  /** Skip the whole-build fingerprint check (always compile). */
  force?: boolean;
  /**
   * Write every object, depfile and archive, as a build without a cache would (and the ones an
   * earlier build left in the store). Default: a warm build writes only the firmware (buildRecord.ts).
   */
  keepObjects?: boolean;
  /**
   * Make the lookups a build makes before it plans (the up-to-date check, the whole-build record's
   * key and inputs, hashed) and stop there: nothing is built or written, and the build dir's lock is not taken. A resident
   * server's warm-up (src/cli/residentStart.ts): its first build from another checkout then runs code
   * that has run, not code V8 meets for the first time.
   */
  lookupOnly?: boolean;
  /** Which toolchain: resolved by the caller (`--toolchain`); default the system one. */
  toolchain?: (env: NodeJS.ProcessEnv) => Promise<AvrToolchain>;
  /** `--toolchain` for an esp32 board's packages (the pinned ones, installed if missing, unless `system`). */
  toolchainMode?: ToolchainMode;
  /** Where pinned packages live (`<cache dir>/toolchains` unless `$FBUILD_TOOLCHAINS_DIR`). */
  toolchainsDir?: string;
  /** Never download lib_deps (`--offline`); default `$FBUILD_OFFLINE`. */
  offline?: boolean;
  onEvent?: (e: ProgressEvent) => void;
  /**
   * Told, after a successful build or an up-to-date one, what a later process needs to answer "up to
   * date" without this machinery (upToDateStamp.ts); not called when the answer depends on more than
   * files (a `!command` flag, a clock variable, a toolchain fallback that retries an install).
   */
  onUpToDateFacts?: (facts: UpToDateFacts) => void;
  /** Cancels the build: its compilers are killed, nothing is published after it, it throws BuildCancelled. */
  signal?: AbortSignal;
}

/** What a build returns: the shape of the wire's result, with artifact paths relative to the project. */
export type BuildResult = JsonBuildResult;

/** A build that ran but failed (compile error, link error, too big): its result and one line to print. */
export class BuildFailure extends UserError {
  constructor(
    message: string,
    readonly result: BuildResult,
  ) {
    super(message, 1);
  }
}

export const FBUILD_BUILD_VERSION = '2';

type ProjectRef = Pick<BuildOptions, 'projectDir' | 'environment' | 'env' | 'projectEnv'>;

/** The project's config and the env's build dir, read and not created. */
function readProject(opts: ProjectRef) {
  const projectDir = resolve(opts.projectDir);
  const processEnv = opts.env ?? process.env;
  const config = readProjectConfig(projectDir, opts.projectEnv ?? processEnv);
  const envName = chooseEnvironment(config.envNames, config.defaultEnvs, opts.environment);
  const buildDir = buildDirOf(projectDir, config.dirs.build, envName);
  return { projectDir, processEnv, config, envName, buildDir };
}

/**
 * Where a build of the env writes or deletes (see writeBoundary.ts), as configured: symlinks not
 * followed, so a caller that guards where builds may write resolves them itself.
 * Throws the build's own UserError for a project that cannot be read.
 */
export function buildWriteDirs(opts: ProjectRef): WriteTarget[] {
  const { projectDir, config, envName, buildDir } = readProject(opts);
  return buildWriteTargets({
    projectDir,
    buildDir,
    libDepsEnvDir: join(config.dirs.libdeps, envName),
    libDeps: config.env(envName).libDeps,
  });
}

/** The project and its env: read before the build dir is locked (the lock lives in it). */
function locateProject(opts: BuildOptions) {
  // Files changed from here on may not be what this build read (upToDateFacts).
  const readStartedWall = Date.now();
  const project = readProject(opts);
  // `!command` flags run and build variables expand here, once, for the build (not when the config is read).
  const envConfig = withBuildTimeValues(project.config.env(project.envName), {
    projectDir: project.projectDir,
    dirs: project.config.dirs,
    buildDir: resolve(project.projectDir, project.buildDir),
    processEnv: project.processEnv,
  });
  mkdirSync(join(project.projectDir, project.buildDir), { recursive: true });
  return { ...project, envConfig, readStartedWall };
}

type LocatedProject = ReturnType<typeof locateProject>;

/**
 * Runs `work` while this process holds the env's build dir: one build (or lib_deps install) of a
 * project and env at a time, across processes; a second one waits and says so once.
 */
async function withBuildDir<T>(opts: BuildOptions, located: LocatedProject, work: () => Promise<T>): Promise<T> {
  const { projectDir, buildDir, envName } = located;
  const release = await lockBuildDir(join(projectDir, buildDir), {
    environment: envName,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onWait: () => opts.onEvent?.({ type: 'waiting', environment: envName, dir: join(projectDir, buildDir) }),
  });
  try {
    return await work();
  } finally {
    await release();
  }
}

/** The env's target and its lib_deps installed: what a build and `fbuild libs resolve` both start from. */
async function prepareProject(opts: BuildOptions, located: LocatedProject) {
  const { projectDir, processEnv, config, envConfig, buildDir } = located;
  // Options fbuild cannot honour or does not know: one warning line each, and the build goes on.
  for (const message of projectWarnings(config.warnings, envConfig)) opts.onEvent?.({ type: 'warning', message });
  const { target, toolchainFallback } = await targetFor(opts, projectDir, buildDir, config.dirs, envConfig, processEnv);
  // lib_deps are installed before anything is fingerprinted or planned: the libdeps dir is an input.
  const libraries = await installLibDeps({
    projectDir,
    dirs: config.dirs,
    env: envConfig,
    ...(target.frameworkLibrariesDir ? { frameworkLibrariesDir: target.frameworkLibrariesDir } : {}),
    offline: opts.offline ?? offlineFromEnv(processEnv),
    ...(processEnv.FBUILD_REGISTRY_URL ? { registry: { apiUrl: processEnv.FBUILD_REGISTRY_URL } } : {}),
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  });
  return { target, libraries, toolchainFallback };
}

/** What the env's lib_deps resolve to, installed (downloaded if needed) as for a build, without building. */
export async function resolveBuildLibraries(opts: BuildOptions): Promise<{ environment: string; libraries: ResolvedLibrary[] }> {
  const located = locateProject(opts);
  const { libraries } = await withBuildDir(opts, located, () => prepareProject(opts, located));
  return { environment: located.envName, libraries };
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const located = locateProject(opts);
  // A lookup writes nothing, so it takes no lock: a build of this dir never waits for one.
  if (opts.lookupOnly) return buildLocked(opts, located, started);
  return withBuildDir(opts, located, () => buildLocked(opts, located, started));
}

/** The build itself, once this build holds the build dir. */
async function buildLocked(opts: BuildOptions, located: LocatedProject, started: number): Promise<BuildResult> {
  const { projectDir, processEnv, config, envName, envConfig, buildDir } = located;
  const { signal } = opts;
  const { target, libraries, toolchainFallback } = await prepareProject(opts, located);
  // Paths are keyed from the project dir, widened to the folders beside it that it refers to (../shared).
  const workspaceRoot = projectWorkspaceRoot(projectDir, config.dirs, envConfig);
  // The file clock's time (a file changed after it was not necessarily what this build read). Taken
  // after the lib_deps install: what it wrote is an input of this build, not an edit made during it.
  const startedWall = Date.now();
  const { artifacts } = target;
  const finish = (ok: boolean, size: BuildResult['size'], link: StepsResult | undefined, results: CompileResult[]): BuildResult => ({
    environment: envName,
    ok,
    upToDate: false,
    artifacts,
    size,
    stats: buildStats(results, link),
    durationMs: Math.round(performance.now() - started),
    ...(libraries.length ? { libraries } : {}),
  });

  // The project's boards dir too: a board file there decides the flags (and a new one can shadow the platform's board).
  const trees = [
    config.dirs.src,
    config.dirs.include,
    config.dirs.lib,
    join(config.dirs.libdeps, envName),
    ...envConfig.libExtraDirs,
    config.dirs.boards,
  ];
  // Listed once, for the fingerprint, the whole-build record's key and the fingerprint saved after.
  const listings = trees.map((t) => listFiles(resolve(projectDir, t)));
  const fingerprint = buildFingerprint({
    projectDir,
    envConfig,
    parts: target.fingerprintParts,
    tools: target.tools,
    version: FBUILD_BUILD_VERSION,
    trees,
    listings,
  });
  // A build that succeeded (or found nothing to do) leaves what a later process needs to answer "up to date" at once.
  const reportUpToDate = (result: BuildResult) =>
    reportUpToDateFacts(
      opts,
      located,
      { target, fingerprint, trees, toolchainFallback },
      {
        ...result,
        upToDate: true,
        stats: buildStats([], undefined),
      },
    );
  const recordPath = buildRecordPath(projectDir, buildDir);
  const record = readBuildRecord(recordPath);
  let upToDate = false;
  // Up to date, unless the objects are asked for and the last build left some in the store.
  if (!opts.force && !(opts.keepObjects && record.deferred.length > 0)) {
    const previous = checkFingerprint<BuildResult>(join(projectDir, buildDir, 'fingerprint.json'), fingerprint, projectDir);
    upToDate = previous !== undefined;
    if (previous && !opts.lookupOnly) {
      const result: BuildResult = {
        ...previous,
        upToDate: true,
        stats: buildStats([], undefined),
        durationMs: performance.now() - started,
      };
      if (libraries.length) result.libraries = libraries;
      reportUpToDate(result);
      opts.onEvent?.({ type: 'upToDate', environment: envName });
      return result;
    }
  }

  // One per build: each header and the compiler are checked once for all units, not once per unit.
  const session = new CompileSession();
  const records = opts.backend.wholeBuild;
  // What the build hashed (its session, the cache's stat cache), for the fingerprint not to read it again.
  const known = records ? { known: (abs: string) => records.digest(abs, session) } : {};
  const wholeKey = records
    ? recordKey({
        records,
        session,
        projectDir,
        workspaceRoot,
        version: FBUILD_BUILD_VERSION,
        envName,
        envConfig,
        dirs: config.dirs,
        buildDir,
        parts: target.fingerprintParts,
        tools: target.tools,
        extraConfigs: config.extraConfigs,
        trees,
        listings,
      })
    : undefined;
  if (opts.lookupOnly) {
    if (records && wholeKey) {
      const found = await records.find(wholeKey, workspaceRoot, projectDir, session, true);
      const meta = 'hit' in found ? readMeta(found.hit.meta) : undefined;
      if (meta) listingsHold(meta, projectDir, workspaceRoot);
    }
    // Nothing built: no size to report.
    return { ...finish(true, { flash: 0, ram: 0, flashMax: 0, ramMax: 0 }, undefined, []), upToDate };
  }
  // A build from another checkout (or of sources this one had before): the store's record of a
  // build of exactly these inputs gives the firmware without planning or per-unit lookups. Not
  // with --force (compile through the cache) nor --keep-objects (those are written unit by unit).
  if (records && wholeKey && !opts.force && !opts.keepObjects) {
    const found = await records.find(wholeKey, workspaceRoot, projectDir, session);
    if ('hit' in found) {
      const fromRecord = useRecord(found.hit, found.remote === true);
      if (fromRecord) {
        // From the remote tier: its units' entries come down too, as a per-unit hit's would (a later
        // edit, link miss or materialize finds them in the local store, with or without the tier).
        if (found.remote) await records.promote(fromRecord.keys);
        return fromRecord.result;
      }
    }
  }

  const units = target.planUnits();
  for (const message of target.notices ?? []) opts.onEvent?.({ type: 'warning', message });
  opts.onEvent?.({ type: 'start', environment: envName, units: units.length + 1, toolchain: target.description });
  checkUnderBuildDir(
    join(projectDir, buildDir),
    units.map((u) => join(projectDir, dirname(u.object))),
  );
  for (const dir of new Set(units.map((u) => dirname(u.object)))) mkdirSync(join(projectDir, dir), { recursive: true });

  let done = 0;
  const outcomes: UnitOutcome[] = new Array(units.length);
  const limit = pLimit(opts.jobs ?? Math.max(1, units.length));
  const compileUnit = (u: (typeof units)[number], deferOutputs: boolean) =>
    opts.backend.compile({
      compiler: u.compiler,
      args: u.args,
      cwd: projectDir,
      workspaceRoot,
      env: processEnv,
      session,
      ...(deferOutputs ? { deferOutputs } : {}),
      ...(signal ? { signal } : {}),
    });
  /** A unit's outcome, recorded for the result and told to the caller. */
  const report = (i: number, r: CompileResult, index: number) => {
    const u = units[i]!;
    const unit: UnitOutcome = {
      source: u.source,
      object: u.object,
      outcome: r.outcome,
      exitCode: r.exitCode,
      ...(r.reason ? { reason: r.reason } : {}),
    };
    outcomes[i] = unit;
    opts.onEvent?.({ type: 'unit', index, total: units.length, unit, stdout: r.stdout.toString(), stderr: r.stderr.toString() });
  };
  // The units whose hit wrote nothing: their objects are in the store only (build without the bytes).
  const deferred = new DeferredUnits(units, projectDir);
  const results = await Promise.all(
    units.map(async (u, i) => {
      const r = await limit(() => compileUnit(u, !opts.keepObjects));
      if (r.deferred) deferred.add(i, r.deferred);
      if (signal?.aborted) return r; // a killed compiler's complaints are not the user's errors
      report(i, r, ++done);
      return r;
    }),
  );
  // From here on the build dir's record says which of the build's files are only in the store.
  let deferredArchives: string[] = [];
  try {
    return await linkAndPublish();
  } finally {
    writeBuildRecord(recordPath, projectDir, record, [...deferred.paths(), ...deferredArchives]);
  }

  async function linkAndPublish(): Promise<BuildResult> {
    throwIfCancelled(signal, envName);
    const failed = outcomes.filter((o) => o.exitCode !== 0);
    const emptySize = { flash: 0, ram: 0, flashMax: target.limits.flashMax, ramMax: target.limits.ramMax };
    if (failed.length) {
      const result = finish(false, emptySize, undefined, labelled(results, units));
      throw new BuildFailure(
        `compile failed in ${failed.length} file${failed.length > 1 ? 's' : ''} (${failed
          .map((f) => f.source)
          .slice(0, 3)
          .join(', ')}${failed.length > 3 ? ', ...' : ''}); fix the errors above and build again`,
        result,
      );
    }

    const objects = units.map((u) => u.object);
    // Files embedded by `.incbin` (with LTO the link assembles them) and the include dirs: inputs of
    // the link and of the fingerprint that no depfile names. A deferred unit has no depfile on disk:
    // its cache entry says what it embeds.
    const writtenDepfiles = units.filter((_, i) => !deferred.has(i)).map((u) => depfileOf(u.object));
    const embedded = [...new Set([...embeddedFiles(projectDir, writtenDepfiles), ...deferred.embedded()])];
    const searchDirs = [...new Set(units.flatMap((u) => searchDirsOf(u.args, projectDir)))];
    // The archives are made inside the cached link: a link that hits restores them with the firmware.
    const plan = target.linkSteps(units);
    const written = target.afterLink?.outputs ?? [];
    const linkOutputs = [artifacts.elf, ...(artifacts.hex ? [artifacts.hex] : []), ...(target.extraOutputs ?? []), ...plan.archives].filter(
      (o) => !written.includes(o),
    );
    const outputs = [...linkOutputs, ...written];
    const staging = new ArtifactStaging(projectDir, buildDir, outputs);
    const stagedOf = new Map(outputs.map((o, i) => [o, staging.stagedOutputs[i]!]));
    const stagedArchives = plan.archives.map((a) => stagedOf.get(a)!);
    const linkStarted = performance.now();
    const linked = await opts.backend.link({
      label: `link ${artifacts.elf}`,
      steps: staging.redirect(plan.steps),
      inputs: [...objects, ...(target.extraInputs ?? []), ...embedded],
      outputs: staging.stagedOutputs.slice(0, linkOutputs.length),
      cwd: projectDir,
      workspaceRoot,
      env: processEnv,
      ...(signal ? { signal } : {}),
      ...(deferred.size > 0
        ? {
            inputHashes: [
              ...units.map((_, i) => deferred.objectHash(i)),
              ...(target.extraInputs ?? []).map(() => undefined),
              ...embedded.map(() => undefined),
            ],
            // The link missed: it reads files, so the deferred objects are written (by hitting again,
            // or compiling again if the store lost them since).
            materializeInputs: async () => {
              const indices = deferred.indices();
              const again = await Promise.all(indices.map((i) => limit(() => compileUnit(units[i]!, false))));
              throwIfCancelled(signal, envName);
              // A unit whose hit read no blob, and whose blob the store has lost since, compiled now:
              // it counts, and is shown, as what it turned out to be.
              again.forEach((r, k) => {
                if (r.outcome === 'hit') return;
                const i = indices[k]!;
                results[i] = r;
                report(i, r, units.length);
              });
              const bad = again.findIndex((r) => r.exitCode !== 0);
              if (bad >= 0) {
                const unit = units[indices[bad]!]!;
                throw new BuildFailure(
                  `could not write ${unit.object} for the link: ${again[bad]!.stderr.toString().trim().split('\n')[0] || 'compile failed'}; build again with --force`,
                  finish(false, emptySize, undefined, labelled(results, units)),
                );
              }
              deferred.clear();
            },
          }
        : {}),
      // The archives stay in the store when the link hits, unless the objects are asked for.
      ...(opts.keepObjects ? {} : { skipOnHit: stagedArchives }),
    });
    const linkMs = performance.now() - linkStarted;
    throwIfCancelled(signal, envName);
    opts.onEvent?.({
      type: 'link',
      outcome: linked.outcome,
      exitCode: linked.exitCode,
      stderr: linked.stderr.toString(),
      ...(linked.reason ? { reason: linked.reason } : {}),
    });
    if (linked.exitCode !== 0) {
      staging.removePublished();
      const result = finish(false, emptySize, linked, labelled(results, units));
      throw new BuildFailure(
        target.explainLinkFailure(linked.stderr.toString()) ?? `link failed for ${envName}; see the linker's messages above`,
        result,
      );
    }
    if (target.afterLink) {
      try {
        target.afterLink.write((file) => resolve(projectDir, stagedOf.get(file) ?? file));
      } catch (e) {
        staging.removePublished();
        throw e;
      }
    }
    const size = target.size(linked.stdout);
    const { limits } = target;
    const tooBig =
      limits.flashMax && size.flash > limits.flashMax ? 'flash' : limits.ramMax && size.ram > limits.ramMax ? 'RAM' : undefined;
    const result = finish(!tooBig, size, linked, labelled(results, units));
    throwIfCancelled(signal, envName);
    // An archive the link did not write (a hit) is in the store only: not published, recorded as deferred.
    const skipped = opts.keepObjects || linked.outcome !== 'hit' ? [] : plan.archives;
    deferredArchives = skipped;
    // The fingerprint last: it vouches for the published artifacts.
    staging.publish(skipped);
    if (tooBig) {
      const used = tooBig === 'flash' ? size.flash : size.ram;
      const max = tooBig === 'flash' ? limits.flashMax : limits.ramMax;
      throw new BuildFailure(
        `firmware too big for ${limits.name}: ${tooBig} ${used} of ${max} bytes (${Math.round((used / max) * 100)}%); make the code or its data smaller`,
        result,
      );
    }
    saveFingerprint(
      join(projectDir, buildDir, 'fingerprint.json'),
      fingerprint,
      projectDir,
      // A deferred unit has no depfile: what it read comes from its cache entry instead.
      units.filter((_, i) => !deferred.has(i)).map((u) => depfileOf(u.object)),
      outputs.filter((o) => !skipped.includes(o)),
      result,
      startedWall,
      { trees, listings, files: [...config.extraConfigs, ...embedded, ...deferred.inputs()], searchDirs, ...known },
    );
    reportUpToDate(result);
    if (records && wholeKey)
      await saveRecord(
        records,
        wholeKey,
        linked,
        linkMs,
        size,
        plan.archives,
        outputs.filter((o) => !plan.archives.includes(o)),
        searchDirs,
      );
    return result;
  }

  /**
   * Stores this build's whole-build record, when every unit and the link could be served from the
   * store to another checkout. Never fails the build: a record that cannot be made or stored is none.
   */
  async function saveRecord(
    records: WholeBuildRecords,
    key: string,
    linked: StepsResult,
    linkMs: number,
    size: BuildResult['size'],
    archives: string[],
    firmware: string[],
    searchDirs: string[],
  ): Promise<void> {
    if ((linked.outcome !== 'hit' && linked.outcome !== 'miss') || !linked.key) return;
    const recorded: RecordedUnit[] = [];
    for (let i = 0; i < units.length; i++) {
      const r = results[i]!;
      if ((r.outcome !== 'hit' && r.outcome !== 'miss') || !r.recorded) return;
      recorded.push({
        source: units[i]!.source,
        object: units[i]!.object,
        files: r.recorded.files,
        portable: r.recorded.portable,
        savedMs: r.savedMs ?? r.recorded.compileMs,
        stdout: r.stdout.toString(),
        stderr: r.stderr.toString(),
        contextKey: r.recorded.contextKey,
      });
    }
    try {
      const candidate = makeCandidate({
        records,
        session,
        projectDir,
        workspaceRoot,
        buildDir,
        units: recorded,
        link: { savedMs: linked.savedMs ?? linkMs, stderr: linked.stderr.toString(), key: linked.key },
        size,
        archives,
        notices: target.notices ?? [],
        searchDirs,
        files: [config.path, ...config.extraConfigs, ...(target.extraInputs ?? [])].map((f) => resolve(projectDir, f)),
        trees,
        listings,
        outputs: firmware,
        readOutput: (o) => {
          const abs = join(projectDir, o);
          return { content: readFileSync(abs), mode: statSync(abs).mode & 0o777 };
        },
        startedWall,
      });
      if ('none' in candidate) return;
      await records.save(key, buildDir, candidate);
    } catch {
      // A record is a speed-up: the build succeeded without it, and the next one plans as usual.
    }
  }

  /**
   * A hit of the store's whole-build record: the firmware written from it, the build dir recorded as
   * a bytes-less build of every unit (its objects, depfiles and archives in the store), the
   * fingerprint saved, the units and the link reported as the hits they are. Undefined when the
   * record cannot be used here (then the build plans and looks its units up as usual).
   */
  function useRecord(hit: WholeBuildCandidate, remote: boolean): { result: BuildResult; keys: string[] } | undefined {
    const meta = readMeta(hit.meta);
    if (!meta || meta.units.some((u) => isAbsolute(u.object) || u.object.startsWith('..'))) return undefined;
    if (!listingsHold(meta, projectDir, workspaceRoot)) return undefined;
    throwIfCancelled(signal, envName);
    // What the build dir held of an older build at these paths goes first: only the firmware is written.
    const deferredPaths = [...meta.units.flatMap((u) => [u.object, depfileOf(u.object)]), ...meta.archives];
    writeBuildRecord(recordPath, projectDir, record, deferredPaths);
    const written = writeOutputs(hit, projectDir, workspaceRoot, buildDir);
    if (!written) return undefined;
    for (const message of meta.notices) opts.onEvent?.({ type: 'warning', message });
    opts.onEvent?.({ type: 'start', environment: envName, units: meta.units.length + 1, toolchain: target.description });
    const counted = meta.units.map((u, i) => {
      const source = sourceShown(u.source, projectDir, workspaceRoot);
      const unit: UnitOutcome = { source, object: u.object, outcome: 'hit', exitCode: 0 };
      opts.onEvent?.({ type: 'unit', index: i + 1, total: meta.units.length, unit, stdout: u.stdout ?? '', stderr: u.stderr ?? '' });
      return { outcome: 'hit' as const, savedMs: u.savedMs, source, ...(remote ? { remote } : {}) };
    });
    opts.onEvent?.({ type: 'link', outcome: 'hit', exitCode: 0, stderr: meta.link.stderr ?? '' });
    const result: BuildResult = {
      environment: envName,
      ok: true,
      upToDate: false,
      artifacts,
      size: meta.size,
      stats: buildStats(counted, { outcome: 'hit', savedMs: meta.link.savedMs, ...(remote ? { remote } : {}) }),
      durationMs: Math.round(performance.now() - started),
      ...(libraries.length ? { libraries } : {}),
    };
    saveFingerprint(join(projectDir, buildDir, 'fingerprint.json'), fingerprint, projectDir, [], written, result, startedWall, {
      trees,
      listings,
      files: [...config.extraConfigs, ...inputFiles(hit, projectDir, workspaceRoot)],
      searchDirs: resolvedDirs(meta.searchDirs, projectDir, workspaceRoot),
      ...known,
    });
    records!.touch(meta.keys);
    records!.recordHits([...meta.units, meta.link]);
    reportUpToDate(result);
    return { result, keys: meta.keys };
  }
}

/** The depfile a unit's compile writes beside its object (`-MD`: the object's name with `.d`). */
const depfileOf = (object: string): string => object.replace(/\.o$/, '.d');

/** The units of a build whose compile hit without writing anything, and what stands for their files. */
class DeferredUnits {
  private readonly byIndex = new Map<number, DeferredOutputs>();

  constructor(
    private readonly units: { object: string }[],
    private readonly projectDir: string,
  ) {}

  add(i: number, d: DeferredOutputs): void {
    this.byIndex.set(i, d);
  }

  get size(): number {
    return this.byIndex.size;
  }

  has(i: number): boolean {
    return this.byIndex.has(i);
  }

  objectHash(i: number): string | undefined {
    return this.byIndex.get(i)?.objectHash;
  }

  indices(): number[] {
    return [...this.byIndex.keys()].sort((a, b) => a - b);
  }

  clear(): void {
    this.byIndex.clear();
  }

  /** Their objects and depfiles (project-relative). */
  paths(): string[] {
    return this.indices().flatMap((i) => {
      const o = this.units[i]!.object;
      return [o, depfileOf(o)];
    });
  }

  /** The files their `.incbin` directives embed (absolute). */
  embedded(): string[] {
    return [...this.byIndex.values()].flatMap((d) => d.embedded);
  }

  /** Every file they read, project-relative where inside the project (as their depfiles would say). */
  inputs(): string[] {
    const out = new Set<string>();
    for (const d of this.byIndex.values()) {
      for (const abs of d.inputs) {
        const r = relative(this.projectDir, abs);
        out.add(r.startsWith('..') || isAbsolute(r) ? abs : r.split(sep).join('/'));
      }
    }
    return [...out];
  }
}

/** The board decides: native, an esp32 board, else an AVR board (which checks the board id). */
async function targetFor(
  opts: BuildOptions,
  projectDir: string,
  buildDir: string,
  dirs: ProjectDirs,
  env: EnvConfig,
  processEnv: NodeJS.ProcessEnv,
): Promise<{ target: BuildTarget; toolchainFallback: boolean }> {
  if (env.platform === 'native') return { target: nativeTarget({ projectDir, buildDir, dirs, env, processEnv }), toolchainFallback: false };
  const esp32 = env.board ? findEsp32Board(env.board) : undefined;
  if (esp32) {
    if (env.platform && env.platform !== 'espressif32') {
      throw new UserError(
        `env '${env.name}': platform '${env.platform}' does not match board '${esp32.id}' (platform espressif32); set platform = espressif32`,
      );
    }
    if (env.framework && env.framework !== 'arduino')
      throw new UserError(`env '${env.name}': framework '${env.framework}' is not supported; set framework = arduino`);
    const packages = await resolveEsp32Packages({
      mode: opts.toolchainMode ?? 'auto',
      env: processEnv,
      ...(opts.toolchainsDir ? { toolchainsDir: opts.toolchainsDir } : {}),
    });
    return { target: esp32Target({ projectDir, buildDir, dirs, env, board: esp32, packages }), toolchainFallback: false };
  }
  const toolchain = opts.toolchain ? await opts.toolchain(processEnv) : undefined;
  const target = await prepareAvrTarget({
    projectDir,
    buildDir,
    dirs,
    env,
    toolchain,
    processEnv,
    ...(opts.toolchainsDir ? { toolchainsDir: opts.toolchainsDir } : {}),
    offline: opts.offline ?? offlineFromEnv(processEnv),
  });
  // auto mode on the system toolchain: the pinned install is retried later, which no file shows.
  return { target, toolchainFallback: (opts.toolchainMode ?? 'auto') === 'auto' && toolchain?.kind === 'system' };
}

/**
 * What a later process needs to answer "up to date" at once (upToDateStamp.ts): besides the
 * fingerprint, the files and folders the configuration and the toolchain were read from, as they
 * were when this build read them. Nothing when the answer could change with no file changing.
 */
function reportUpToDateFacts(
  opts: BuildOptions,
  located: LocatedProject,
  built: { target: BuildTarget; fingerprint: ReturnType<typeof buildFingerprint>; trees: string[]; toolchainFallback: boolean },
  upToDateResult: BuildResult,
): void {
  if (!opts.onUpToDateFacts || built.toolchainFallback) return;
  const { projectDir, config, envConfig, processEnv, buildDir, readStartedWall } = located;
  if (usesBuildTimeInputs(envConfig)) return;
  const iniDir = dirname(config.path);
  const patterns = config.extraConfigPatterns.map((p) => resolve(iniDir, p.startsWith('~') ? join(homedir(), p.slice(1)) : p));
  const glob = /[*?[]/;
  // A wildcard in a folder name: a new match could appear in a folder nobody watches.
  if (patterns.some((p) => glob.test(dirname(p)))) return;
  // Local lib_deps (a path, file://, symlink://): the build refreshes its copy, or reads them in place.
  const localLibs: string[] = [];
  try {
    for (const raw of envConfig.libDeps) {
      const spec = parseLibDep(raw, projectDir);
      if (libDepKind(spec) !== 'local') continue;
      const paths = treePaths(localPath(spec, projectDir));
      if (!paths) return;
      localLibs.push(...paths);
    }
  } catch {
    return; // a spec the install already judged; no stamp rather than a guess
  }
  const watch = watchPaths(
    [
      config.path,
      ...config.extraConfigs,
      ...patterns.map((p) => (glob.test(p) ? dirname(p) : p)),
      // The boards dir's files are the fingerprint's (it is one of the trees); the folder itself,
      // created or not, is watched here.
      config.dirs.boards,
      ...built.target.tools,
      // Files the target read into its configuration (an esp32 partition table), and the project's
      // place for a partitions file named by the ini, which would shadow the framework's.
      ...(built.target.extraInputs ?? []).map((f) => resolve(projectDir, f)),
      ...(envConfig.raw['board_build.partitions'] ?? []).map((f) => resolve(projectDir, f.trim())),
      // Where tools are looked up: a compiler put earlier on PATH, or a package installed, changes the toolchain.
      ...(processEnv.PATH ?? '')
        .split(delimiter)
        .filter((d) => d !== '')
        .map((d) => resolve(d)),
      opts.toolchainsDir ?? toolchainsDirFor(processEnv),
      ...localLibs,
    ],
    readStartedWall,
  );
  opts.onUpToDateFacts({
    projectDir,
    fingerprint: join(projectDir, buildDir, 'fingerprint.json'),
    lock: join(projectDir, buildDir, BUILD_LOCK_NAME),
    configKey: built.fingerprint.configKey,
    trees: built.trees,
    packageDirs: built.fingerprint.packageDirs ?? [],
    watch,
    result: upToDateResult,
  });
}

/** `<build_dir>/<env>`, workspace-relative when inside the project (so another checkout gets the same keys). */
function buildDirOf(projectDir: string, buildRoot: string, envName: string): string {
  const r = relative(projectDir, join(buildRoot, envName));
  return r.startsWith('..') || isAbsolute(r) ? join(buildRoot, envName) : r.split(sep).join('/');
}

/**
 * What PlatformIO would warn about, and what fbuild cannot do: `extra_scripts` are SCons scripts,
 * run by PlatformIO's builder; fbuild has none, so each is named and not run.
 */
function projectWarnings(configWarnings: string[], env: EnvConfig): string[] {
  return [
    ...configWarnings,
    ...env.warnings,
    ...env.extraScripts.map(
      (s) =>
        `extra_scripts: ${s} was not run (fbuild does not run SCons scripts); a build that needs what it makes will fail below; docs/PLATFORMIO.md lists the platformio.ini lines that replace common scripts (defines, flags, build_src_filter, version macros)`,
    ),
  ];
}

/** Each compile result with its unit's source, for the stats to name uncacheable units. */
function labelled(results: CompileResult[], units: { source: string }[]): (CompileResult & { source: string })[] {
  return results.map((r, i) => ({ ...r, source: units[i]!.source }));
}

export function chooseEnvironment(envNames: string[], defaultEnvs: string[], requested?: string): string {
  if (requested) return requested; // config.env() reports an unknown one with the known list
  if (defaultEnvs.length) return defaultEnvs[0]!;
  if (envNames.length === 1) return envNames[0]!;
  if (envNames.length === 0) throw new UserError('platformio.ini has no [env:NAME] section; add one, e.g. [env:uno] with board = uno');
  throw new UserError(`several environments in platformio.ini (${envNames.join(', ')}); choose one with -e, e.g. -e ${envNames[0]}`);
}

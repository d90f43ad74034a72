import { availableParallelism } from 'node:os';
import { CacheService } from '../cache/cacheService.js';
import { CompilerPool } from '../cache/compilerPool.js';
import type { RemoteCacheConfig } from '../cache/remoteConfig.js';
import type { BuildEvent, ProgressEvent, ResolvedLibrary } from '../protocol/wire.js';
import { resolveAvrToolchain, type NoticeDetail, type ToolchainMode } from '../toolchains/resolveAvr.js';
import { runBuildToEvents } from './buildEvents.js';
import { DirectBackend } from './directBackend.js';
import type { WriteTarget } from './writeBoundary.js';
import { buildWriteDirs, resolveBuildLibraries, type BuildOptions, type CompileBackend } from './orchestrator.js';
import { WrappedBackend } from './wrappedBackend.js';

export type BackendKind = 'embedded' | 'wrapped';

/** The embedded backend: compiles and step sequences (the link) are function calls into the CacheService. */
export function embeddedBackend(service: CacheService): CompileBackend {
  return { compile: (r) => service.compile(r), link: (r) => service.steps.run(r), wholeBuild: service.wholeBuild };
}

export interface BuildSessionOptions {
  /** The store's directory; default the user's cache dir. */
  cacheDir?: string;
  maxBytes?: number;
  /** Compiler processes at once. */
  jobs?: number;
  /** false: no store at all (`--no-cache`): every build runs its compilers directly. */
  cache?: boolean;
  /** The default toolchain mode of this session's builds (a build request may name its own). */
  toolchain: ToolchainMode;
  /** Where pinned packages live (`<cache dir>/toolchains` unless `$FBUILD_TOOLCHAINS_DIR`). */
  toolchainsDir?: string;
  /** How to start `fbuild` for the wrapped backend's per-unit wrappers. */
  fbuildCommand: string[];
  /** Where the wrappers send their compiles: the server's URL and token, or the cache dir. */
  wrapperEnv: () => Record<string, string>;
  onNotice?: (message: string, more?: NoticeDetail) => void;
  /** A shared remote tier behind the local store. */
  remote?: RemoteCacheConfig;
}

/** One build as a front end asks for it (the CLI's flags, a /v1/build body). */
export interface BuildRequest {
  projectDir: string;
  environment?: string;
  jobs?: number;
  noCache?: boolean;
  force?: boolean;
  /** Write every object, depfile and archive (default: a warm build writes only the firmware). */
  keepObjects?: boolean;
  /** Look the build up and write nothing (a resident server's warm-up; see BuildOptions.lookupOnly). */
  lookupOnly?: boolean;
  backend?: BackendKind;
  toolchain?: ToolchainMode;
  /** Never download lib_deps; default `$FBUILD_OFFLINE`. */
  offline?: boolean;
  /** The variables `platformio.ini` is read with (a client's, through the server); default this process's. */
  projectEnv?: Record<string, string>;
  /** Cancels the build: its compilers are killed and nothing more is written. */
  signal?: AbortSignal;
  /** Where to record how a later process answers "up to date" without a session (upToDateStamp.ts). */
  upToDateStamp?: string;
  /** This build's notices (a server sends them to its client); default the session's. */
  onNotice?: (message: string, more?: NoticeDetail) => void;
}

/**
 * Everything a front end needs to run builds: the CacheService opened once, the backends, the
 * toolchain resolution. The CLI opens one per command, the server one for its lifetime; nothing
 * else builds these parts.
 */
export class BuildSession {
  private wrapped: WrappedBackend | undefined;
  private direct: DirectBackend | undefined;
  private readonly embedded: CompileBackend | undefined;

  private constructor(
    private readonly opts: BuildSessionOptions,
    /** Undefined when the session has no cache (`--no-cache`). */
    readonly service: CacheService | undefined,
    readonly jobs: number,
  ) {
    if (service) this.embedded = embeddedBackend(service);
  }

  static async open(opts: BuildSessionOptions): Promise<BuildSession> {
    const jobs = opts.jobs ?? availableParallelism();
    const service =
      opts.cache === false
        ? undefined
        : await CacheService.start({
            jobs,
            ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
            ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
            ...(opts.remote ? { remote: opts.remote } : {}),
          });
    return new BuildSession(opts, service, jobs);
  }

  /** The backend a build runs its compiles through. */
  backend(kind: BackendKind = 'embedded', noCache = false): CompileBackend {
    if (noCache || !this.service || !this.embedded) return (this.direct ??= new DirectBackend(this.jobs));
    if (kind === 'embedded') return this.embedded;
    this.wrapped ??= new WrappedBackend({
      fbuildCommand: this.opts.fbuildCommand,
      wrapperEnv: this.opts.wrapperEnv(),
      pool: new CompilerPool(this.jobs),
      linker: this.embedded,
    });
    return this.wrapped;
  }

  /** Runs one build and reports it as events; returns its exit code. */
  run(req: BuildRequest, emit: (e: BuildEvent) => void): Promise<number> {
    // The remote tier's trouble since the last build (e.g. unreachable at start), then this build's:
    // one warning per build, just before its result. Not to a lookup (a server's warm-up, whose
    // events nobody reads): the warning waits for the next build.
    if (req.lookupOnly) return runBuildToEvents(this.buildOptions(req), emit, req.upToDateStamp);
    const before = this.service?.takeRemoteWarning();
    const withWarnings = (e: BuildEvent) => {
      if (e.type === 'done') {
        const message = before ?? this.service?.takeRemoteWarning();
        if (message) emit({ type: 'warning', message });
      }
      emit(e);
    };
    return runBuildToEvents(this.buildOptions(req), withWarnings, req.upToDateStamp);
  }

  /** What the request's lib_deps resolve to, installed as a build would install them, without building. */
  resolveLibraries(
    req: BuildRequest,
    onEvent?: (e: ProgressEvent) => void,
  ): Promise<{ environment: string; libraries: ResolvedLibrary[] }> {
    return resolveBuildLibraries({ ...this.buildOptions(req), ...(onEvent ? { onEvent } : {}) });
  }

  /** Where a build of the request would write (its build and lib_deps dirs); see buildWriteDirs. */
  writeDirs(req: Pick<BuildRequest, 'projectDir' | 'environment' | 'projectEnv'>): WriteTarget[] {
    return buildWriteDirs({
      projectDir: req.projectDir,
      ...(req.environment ? { environment: req.environment } : {}),
      ...(req.projectEnv ? { projectEnv: req.projectEnv } : {}),
    });
  }

  private buildOptions(req: BuildRequest): Omit<BuildOptions, 'onEvent'> {
    const mode = req.toolchain ?? this.opts.toolchain;
    const { toolchainsDir } = this.opts;
    const onNotice = req.onNotice ?? this.opts.onNotice;
    return {
      projectDir: req.projectDir,
      ...(req.environment ? { environment: req.environment } : {}),
      ...(req.jobs ? { jobs: req.jobs } : {}),
      backend: this.backend(req.backend, req.noCache),
      force: req.force ?? false,
      ...(req.keepObjects ? { keepObjects: true } : {}),
      ...(req.lookupOnly ? { lookupOnly: true } : {}),
      toolchain: (env) =>
        resolveAvrToolchain({ mode, env, ...(toolchainsDir ? { toolchainsDir } : {}), ...(onNotice ? { onNotice } : {}) }),
      toolchainMode: mode,
      ...(toolchainsDir ? { toolchainsDir } : {}),
      ...(req.offline !== undefined ? { offline: req.offline } : {}),
      ...(req.projectEnv ? { projectEnv: req.projectEnv } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    };
  }

  /** Processes started so far: compilers by the cache, wrappers by the wrapped backend. */
  processes(): { compilers: number; wrappers: number } {
    return { compilers: this.service?.pool.spawned ?? 0, wrappers: this.wrapped?.wrappersStarted ?? 0 };
  }

  /** Kills every compiler and wrapper this session started (a forced shutdown). */
  killAll(): void {
    this.service?.pool.killAll();
    this.direct?.pool.killAll();
    this.wrapped?.killAll();
  }

  /** Closes the store; a store that could not be saved comes back as warnings, never as an error. */
  async close(mode: 'graceful' | 'force' = 'graceful'): Promise<{ warnings: string[] }> {
    return (await this.service?.shutdown(mode)) ?? { warnings: [] };
  }
}

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCacheDir } from '../../server/util/cacheDir.js';
import { BuildSession } from '../../server/engine/buildSession.js';
import { offlineFromEnv } from '../../server/project/libdeps/installLibDeps.js';
import { toolchainsDirFor, type NoticeDetail, type ToolchainMode } from '../../server/toolchains/resolveAvr.js';
import type { BuildEvent } from '../../server/protocol/wire.js';
import { tokenFromEnv } from '../client/token.js';
import { projectEnvOf } from '../client/projectEnv.js';
import { UserError } from '../../server/util/errors.js';
import { BUILD_USAGE } from './usage.js';
import { remoteCacheConfig } from './remoteCacheOption.js';
import { BUILD_OPTIONS } from './buildOptions.js';
import { upToDateStampPath } from './buildUpToDate.js';
import type { RemoteCacheConfig } from '../../server/cache/remoteConfig.js';
import { BuildPrinter } from './buildPrinter.js';
import { storeMaxBytes } from './maxSize.js';
import { onStopSignal, signalExitCode, type StopSignal } from './stopSignals.js';

interface BuildCliOptions {
  projectDir: string;
  environment?: string;
  cacheDir?: string;
  maxBytes?: number;
  jobs?: number;
  noCache: boolean;
  force: boolean;
  keepObjects: boolean;
  verbose: boolean;
  json: boolean;
  backend: 'embedded' | 'wrapped';
  server?: string;
  toolchain: ToolchainMode;
  offline: boolean;
  remote?: RemoteCacheConfig;
}

export function parseBuildArgs(argv: string[]): BuildCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: BUILD_OPTIONS,
    });
  } catch (e) {
    throw new UserError(`fbuild build: ${(e as Error).message.split('\n')[0]}; usage: ${BUILD_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild build: one project directory at most; usage: ${BUILD_USAGE}`);
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UserError(`fbuild build: --jobs takes a whole number of 1 or more, not '${values.jobs}'`);
  }
  const backend = values.backend ?? process.env.FBUILD_BACKEND ?? 'embedded';
  if (backend !== 'embedded' && backend !== 'wrapped')
    throw new UserError(`fbuild build: --backend is 'embedded' or 'wrapped', not '${backend}'`);
  const toolchain = values.toolchain ?? process.env.FBUILD_TOOLCHAIN ?? 'auto';
  if (toolchain !== 'auto' && toolchain !== 'pinned' && toolchain !== 'system') {
    throw new UserError(`fbuild build: --toolchain is auto, pinned or system, not '${toolchain}'`);
  }
  const remote = remoteCacheConfig('fbuild build', values);
  const maxBytes = storeMaxBytes('fbuild build', values['max-size']);
  return {
    ...(remote ? { remote } : {}),
    projectDir: resolve(positionals[0] ?? '.'),
    backend,
    toolchain,
    ...(values.server !== undefined ? { server: values.server } : {}),
    ...(values.environment !== undefined ? { environment: values.environment } : {}),
    ...(values['cache-dir'] !== undefined ? { cacheDir: resolve(values['cache-dir']) } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    noCache: values['no-cache'],
    force: values.force,
    keepObjects: values['keep-objects'],
    verbose: values.verbose,
    json: values.json,
    offline: values.offline || offlineFromEnv(process.env),
  };
}

/**
 * `fbuild build`. Embedded by default: the orchestrator calls the cache in this process. With
 * `--server URL` or FBUILD_CACHE_URL it is a thin client of the server, which runs the same build.
 * `--backend wrapped` compiles each unit through an `fbuild cc` process instead (for comparison).
 */
export async function runBuild(argv: string[]): Promise<number> {
  const opts = parseBuildArgs(argv);
  const printer = new BuildPrinter({ json: opts.json, verbose: opts.verbose });
  const emit = (e: BuildEvent) => printer.handle(e);
  const url = opts.server ?? process.env.FBUILD_CACHE_URL;
  if (url) return buildThroughServer(url, opts, emit);
  const stamp = upToDateStampPath(argv);

  const session = await BuildSession.open({
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
    cache: !opts.noCache,
    ...(opts.remote ? { remote: opts.remote } : {}),
    toolchain: opts.toolchain,
    // --cache-dir moves the toolchains with the cache, as the README says.
    toolchainsDir: toolchainsDirFor(process.env, opts.cacheDir),
    fbuildCommand: [process.execPath, ...process.execArgv, process.argv[1]!],
    // In-process wrappers: each `fbuild cc` opens the same store (it is safe for several processes).
    wrapperEnv: () => ({ FBUILD_CACHE_DIR: opts.cacheDir ?? defaultCacheDir() }),
    onNotice: noticePrinter(opts.verbose),
  });
  // Ctrl-C or SIGTERM: the build stops its compilers and writes nothing more, and the command exits
  // 130 or 143 as a shell reports that signal (a second signal ends it outright).
  const cancel = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const removeHandlers = onStopSignal((signal) => {
    stoppedBy = signal;
    cancel.abort();
  });
  try {
    const code = await session.run(
      {
        projectDir: opts.projectDir,
        ...(opts.environment ? { environment: opts.environment } : {}),
        backend: opts.backend,
        force: opts.force,
        ...(opts.keepObjects ? { keepObjects: true } : {}),
        offline: opts.offline,
        signal: cancel.signal,
        ...(stamp ? { upToDateStamp: stamp } : {}),
      },
      emit,
    );
    return stoppedBy && code === signalExitCode('SIGINT') ? signalExitCode(stoppedBy) : code;
  } finally {
    removeHandlers();
    for (const w of (await session.close('graceful')).warnings) process.stderr.write(`fbuild: warning: ${w}\n`);
  }
}

async function buildThroughServer(url: string, opts: BuildCliOptions, emit: (e: BuildEvent) => void): Promise<number> {
  // The HTTP client (undici) is loaded only here: it is a third of an embedded build's module load.
  const { CacheClient, ServerError, ServerTimeoutError, ServerUnreachableError } = await import('../client/cacheClient.js');
  const client = new CacheClient(url, tokenFromEnv());
  let exitCode = 0;
  try {
    for await (const e of client.build({
      projectDir: opts.projectDir,
      ...(opts.environment ? { environment: opts.environment } : {}),
      ...(opts.jobs ? { jobs: opts.jobs } : {}),
      noCache: opts.noCache,
      force: opts.force,
      ...(opts.keepObjects ? { keepObjects: true } : {}),
      backend: opts.backend,
      toolchain: opts.toolchain,
      ...(opts.offline ? { offline: true } : {}),
      projectEnv: projectEnvOf(opts.projectDir),
    })) {
      if (e.type === 'error') exitCode = e.exitCode;
      emit(e);
    }
  } catch (e) {
    if (e instanceof ServerTimeoutError) {
      throw new UserError(
        `fbuild build: ${e.message}; check that it is running ('fbuild stats'), raise the timeout, or unset FBUILD_CACHE_URL to build without it`,
      );
    }
    // A request the server refused (403 outside the roots, 400): its message names the fix, and
    // starting a server would not help.
    if (e instanceof ServerError && e.status < 500) throw new UserError(`fbuild build: ${e.message}`);
    if (e instanceof ServerUnreachableError || e instanceof ServerError) {
      throw new UserError(`fbuild build: ${e.message}; start it with 'fbuild serve' or unset FBUILD_CACHE_URL to build without it`);
    }
    throw e;
  } finally {
    await client.close();
  }
  return exitCode;
}

/** Notices on stderr: a repeated one only with --verbose, which also adds the details. */
export function noticePrinter(verbose: boolean): (message: string, more?: NoticeDetail) => void {
  return (message, more) => {
    if (more?.repeat && !verbose) return;
    process.stderr.write(`fbuild: notice: ${message}\n`);
    if (verbose && more?.detail) process.stderr.write(`fbuild: notice: ${more.detail}\n`);
  };
}

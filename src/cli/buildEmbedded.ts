import { defaultCacheDir } from '../../server/util/cacheDir.js';
import { BuildSession } from '../../server/engine/buildSession.js';
import { toolchainsDirFor } from '../../server/toolchains/resolveAvr.js';
import type { BuildEvent } from '../../server/protocol/wire.js';
import type { BuildCliOptions } from './buildOptions.js';
import { upToDateStampPath } from './upToDateStampName.js';
import { onStopSignal, signalExitCode, type StopSignal } from './stopSignals.js';

/** `fbuild build` in this process: a build session of its own over the cache dir's store. */
export async function buildEmbedded(argv: string[], opts: BuildCliOptions, emit: (e: BuildEvent) => void): Promise<number> {
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
    // Printed as a server's client prints them: the same lines whichever way the build ran.
    onNotice: (message, more) => emit({ type: 'notice', message, ...more }),
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

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  storeMaxBytes
} from "./chunk-BCAMG2IY.js";
import {
  onStopSignal,
  signalExitCode
} from "./chunk-PVGKLRTN.js";
import {
  BUILD_OPTIONS,
  upToDateStampPath
} from "./chunk-5NMK7W26.js";
import {
  remoteCacheConfig
} from "./chunk-TAUBCZZV.js";
import {
  BuildPrinter
} from "./chunk-OCE7B6E2.js";
import {
  BuildSession
} from "./chunk-APHZVBFG.js";
import {
  offlineFromEnv
} from "./chunk-PJ76C2N2.js";
import {
  toolchainsDirFor
} from "./chunk-5DN753T6.js";
import {
  tokenFromEnv
} from "./chunk-6GJB7XOM.js";
import {
  BUILD_USAGE
} from "./chunk-PQGTXSCK.js";
import {
  projectEnvOf
} from "./chunk-K6BJMG72.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/cli/build.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";
function parseBuildArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: BUILD_OPTIONS
    });
  } catch (e) {
    throw new UserError(`fbuild build: ${e.message.split("\n")[0]}; usage: ${BUILD_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild build: one project directory at most; usage: ${BUILD_USAGE}`);
  let jobs;
  if (values.jobs !== void 0) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UserError(`fbuild build: --jobs takes a whole number of 1 or more, not '${values.jobs}'`);
  }
  const backend = values.backend ?? process.env.FBUILD_BACKEND ?? "embedded";
  if (backend !== "embedded" && backend !== "wrapped")
    throw new UserError(`fbuild build: --backend is 'embedded' or 'wrapped', not '${backend}'`);
  const toolchain = values.toolchain ?? process.env.FBUILD_TOOLCHAIN ?? "auto";
  if (toolchain !== "auto" && toolchain !== "pinned" && toolchain !== "system") {
    throw new UserError(`fbuild build: --toolchain is auto, pinned or system, not '${toolchain}'`);
  }
  const remote = remoteCacheConfig("fbuild build", values);
  const maxBytes = storeMaxBytes("fbuild build", values["max-size"]);
  return {
    ...remote ? { remote } : {},
    projectDir: resolve(positionals[0] ?? "."),
    backend,
    toolchain,
    ...values.server !== void 0 ? { server: values.server } : {},
    ...values.environment !== void 0 ? { environment: values.environment } : {},
    ...values["cache-dir"] !== void 0 ? { cacheDir: resolve(values["cache-dir"]) } : {},
    ...jobs !== void 0 ? { jobs } : {},
    ...maxBytes !== void 0 ? { maxBytes } : {},
    noCache: values["no-cache"],
    force: values.force,
    keepObjects: values["keep-objects"],
    verbose: values.verbose,
    json: values.json,
    offline: values.offline || offlineFromEnv(process.env)
  };
}
async function runBuild(argv) {
  const opts = parseBuildArgs(argv);
  const printer = new BuildPrinter({ json: opts.json, verbose: opts.verbose });
  const emit = (e) => printer.handle(e);
  const url = opts.server ?? process.env.FBUILD_CACHE_URL;
  if (url) return buildThroughServer(url, opts, emit);
  const stamp = upToDateStampPath(argv);
  const session = await BuildSession.open({
    ...opts.cacheDir ? { cacheDir: opts.cacheDir } : {},
    ...opts.jobs ? { jobs: opts.jobs } : {},
    ...opts.maxBytes ? { maxBytes: opts.maxBytes } : {},
    cache: !opts.noCache,
    ...opts.remote ? { remote: opts.remote } : {},
    toolchain: opts.toolchain,
    // --cache-dir moves the toolchains with the cache, as the README says.
    toolchainsDir: toolchainsDirFor(process.env, opts.cacheDir),
    fbuildCommand: [process.execPath, ...process.execArgv, process.argv[1]],
    // In-process wrappers: each `fbuild cc` opens the same store (it is safe for several processes).
    wrapperEnv: () => ({ FBUILD_CACHE_DIR: opts.cacheDir ?? defaultCacheDir() }),
    onNotice: noticePrinter(opts.verbose)
  });
  const cancel = new AbortController();
  let stoppedBy;
  const removeHandlers = onStopSignal((signal) => {
    stoppedBy = signal;
    cancel.abort();
  });
  try {
    const code = await session.run(
      {
        projectDir: opts.projectDir,
        ...opts.environment ? { environment: opts.environment } : {},
        backend: opts.backend,
        force: opts.force,
        ...opts.keepObjects ? { keepObjects: true } : {},
        offline: opts.offline,
        signal: cancel.signal,
        ...stamp ? { upToDateStamp: stamp } : {}
      },
      emit
    );
    return stoppedBy && code === signalExitCode("SIGINT") ? signalExitCode(stoppedBy) : code;
  } finally {
    removeHandlers();
    for (const w of (await session.close("graceful")).warnings) process.stderr.write(`fbuild: warning: ${w}
`);
  }
}
async function buildThroughServer(url, opts, emit) {
  const { CacheClient, ServerError, ServerTimeoutError, ServerUnreachableError } = await import("./cacheClient-Z6OW7A2T.js");
  const client = new CacheClient(url, tokenFromEnv());
  let exitCode = 0;
  try {
    for await (const e of client.build({
      projectDir: opts.projectDir,
      ...opts.environment ? { environment: opts.environment } : {},
      ...opts.jobs ? { jobs: opts.jobs } : {},
      noCache: opts.noCache,
      force: opts.force,
      ...opts.keepObjects ? { keepObjects: true } : {},
      backend: opts.backend,
      toolchain: opts.toolchain,
      ...opts.offline ? { offline: true } : {},
      projectEnv: projectEnvOf(opts.projectDir)
    })) {
      if (e.type === "error") exitCode = e.exitCode;
      emit(e);
    }
  } catch (e) {
    if (e instanceof ServerTimeoutError) {
      throw new UserError(
        `fbuild build: ${e.message}; check that it is running ('fbuild stats'), raise the timeout, or unset FBUILD_CACHE_URL to build without it`
      );
    }
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
function noticePrinter(verbose) {
  return (message, more) => {
    if (more?.repeat && !verbose) return;
    process.stderr.write(`fbuild: notice: ${message}
`);
    if (verbose && more?.detail) process.stderr.write(`fbuild: notice: ${more.detail}
`);
  };
}

export {
  parseBuildArgs,
  runBuild,
  noticePrinter
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  tokenFromEnv
} from "./chunk-6GJB7XOM.js";
import {
  projectEnvOf
} from "./chunk-K6BJMG72.js";
import {
  JobClient
} from "./chunk-LHKOCDRA.js";
import {
  ServerError,
  ServerTimeoutError,
  ServerUnreachableError
} from "./chunk-N7O5JONP.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/cli/buildThroughServer.ts
async function buildThroughServer(url, opts, emit) {
  const client = new JobClient(url, tokenFromEnv());
  try {
    return await streamBuild(client, buildBodyOf(opts), emit);
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
}
function buildBodyOf(opts) {
  return {
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
  };
}
async function streamBuild(client, body, emit) {
  let exitCode = 0;
  let done = false;
  for await (const e of client.build(body)) {
    if (e.type === "error") exitCode = e.exitCode;
    if (e.type === "done") done = true;
    emit(e);
  }
  if (!done) throw new ServerUnreachableError(`the fbuild server at ${client.url} ended the build without its result`);
  return exitCode;
}

export {
  buildThroughServer,
  buildBodyOf,
  streamBuild
};

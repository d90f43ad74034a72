import type { BuildBody, BuildEvent } from '../../server/protocol/wire.js';
import { UserError } from '../../server/util/errors.js';
import { JobClient, ServerError, ServerTimeoutError, ServerUnreachableError } from '../client/jobClient.js';
import { projectEnvOf } from '../client/projectEnv.js';
import { tokenFromEnv } from '../client/token.js';
import type { BuildCliOptions } from './buildOptions.js';

/**
 * `fbuild build` as a thin client of a running server (`--server URL` or FBUILD_CACHE_URL, as in the
 * steps after the action's setup): the server runs the build and streams its events. Node's own
 * http (JobClient), not undici: this process does nothing else, so what it loads is what it costs.
 */
export async function buildThroughServer(url: string, opts: BuildCliOptions, emit: (e: BuildEvent) => void): Promise<number> {
  const client = new JobClient(url, tokenFromEnv());
  try {
    return await streamBuild(client, buildBodyOf(opts), emit);
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
}

/** The build request of the command's options; the project's variables go with it. */
export function buildBodyOf(opts: BuildCliOptions): BuildBody {
  return {
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
  };
}

/** Runs the build on the server and passes its events on; the exit code is the build's. */
export async function streamBuild(client: JobClient, body: BuildBody, emit: (e: BuildEvent) => void): Promise<number> {
  let exitCode = 0;
  let done = false;
  for await (const e of client.build(body)) {
    if (e.type === 'error') exitCode = e.exitCode;
    if (e.type === 'done') done = true;
    emit(e);
  }
  // A stream that ends without its result is a server that went away (a build's result always comes).
  if (!done) throw new ServerUnreachableError(`the fbuild server at ${client.url} ended the build without its result`);
  return exitCode;
}

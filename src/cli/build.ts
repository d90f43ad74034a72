import type { BuildEvent } from '../../server/protocol/wire.js';
import { parseBuildArgs } from './buildArgs.js';
import { BuildPrinter } from './buildPrinter.js';
import { residentPlaceFor } from './residentServer.js';
import { rehearseResident, startResident } from './residentStart.js';

/**
 * `fbuild build`. Embedded by default: the orchestrator calls the cache in this process. With
 * `--server URL` or FBUILD_CACHE_URL it is a thin client of the server, which runs the same build.
 * Without either, a build whose invocation has a resident server asks it (residentServer.ts), and
 * the first one starts it.
 * `--backend wrapped` compiles each unit through an `fbuild cc` process instead (for comparison).
 * Each way is its own module, loaded when it runs: the thin client loads neither the engine nor the
 * store, and the embedded build no HTTP client.
 */
export async function runBuild(argv: string[], how: { startResident?: boolean } = {}): Promise<number> {
  const opts = parseBuildArgs(argv);
  const printer = new BuildPrinter({ json: opts.json, verbose: opts.verbose });
  const emit = (e: BuildEvent) => printer.handle(e);
  const url = opts.server ?? process.env.FBUILD_CACHE_URL;
  if (url) return (await import('./buildThroughServer.js')).buildThroughServer(url, opts, emit);
  // No resident server answered (main.ts asks it first): start one for the next build, and build here.
  const place = how.startResident ? residentPlaceFor(opts) : undefined;
  if (place) startResident(place, opts);
  const code = await (await import('./buildEmbedded.js')).buildEmbedded(argv, opts, emit);
  if (place && code === 0) await rehearseResident(place, opts);
  return code;
}

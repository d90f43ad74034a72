import { existsSync } from 'node:fs';
import type { BuildEvent } from '../../server/protocol/wire.js';
import { clientTimeouts, type ClientTimeouts } from '../client/timeouts.js';
import { buildBodyOf, streamBuild } from './buildThroughServer.js';
import { parseBuildArgs } from './buildArgs.js';
import type { BuildCliOptions } from './buildOptions.js';
import { BuildPrinter } from './buildPrinter.js';
import { onStopSignal, signalExitCode } from './stopSignals.js';
import { forgetResident, readResidentRecord, residentClient, residentPlaceFor } from './residentServer.js';

/**
 * `fbuild build` through this invocation's resident server (residentServer.ts), tried first: its
 * exit code, or undefined when this process must answer itself (the up-to-date stamp, then the full
 * path, which starts a server for the next build). That is when there is none, or when it does not
 * answer or goes away before the result: it is then forgotten. A build the server ran and that
 * failed is the build's result, not the server's trouble: it is never run twice. The server also
 * answers an unchanged rebuild (the stamp, buildUpToDate.ts, is for when there is none).
 */
export async function buildThroughResident(argv: string[]): Promise<number | undefined> {
  let opts: BuildCliOptions;
  let timeouts: ClientTimeouts;
  try {
    opts = parseBuildArgs(argv);
    timeouts = clientTimeouts();
  } catch {
    // A mistake in the arguments or the environment: the full path says what it is (this module's
    // UserError is its bundle's own class, which the command's error handling would not know).
    return undefined;
  }
  const place = residentPlaceFor(opts);
  if (!place) return undefined;
  const record = readResidentRecord(place.record);
  if (!record) {
    // A record whose server is dead (killed, the machine restarted): the next start must not wait for it.
    if (existsSync(place.record)) forgetResident(place);
    return undefined;
  }
  const printer = new BuildPrinter({ json: opts.json, verbose: opts.verbose });
  const emit = (e: BuildEvent) => printer.handle(e);
  // The connection is to this machine: a server that does not accept it at once is not there.
  const client = residentClient(record, { ...timeouts, connectMs: 2_000 });
  let started = false;
  // Ctrl-C or SIGTERM: the connection closes with this process, which makes the server cancel the
  // build and stop its compilers; the command exits as an in-process build does (130, 143).
  const removeHandlers = onStopSignal((signal) => process.exit(signalExitCode(signal)));
  try {
    return await streamBuild(client, buildBodyOf(opts), (e) => {
      started = true;
      emit(e);
    });
  } catch {
    // Refused, unreachable, or gone mid-build (killed): this process builds, from the start.
    if (started) emit({ type: 'notice', message: 'the resident build server stopped during the build; building in this process' });
    forgetResident(place);
    return undefined;
  } finally {
    removeHandlers();
    await client.close();
  }
}

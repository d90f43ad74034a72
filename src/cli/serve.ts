import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startServer } from '../../server/http/startServer.js';
import { UserError } from '../../server/util/errors.js';
import { SERVE_USAGE } from './usage.js';
import { storeMaxBytes } from './maxSize.js';
import { REMOTE_CACHE_OPTIONS, remoteCacheConfig } from './remoteCacheOption.js';
import { onStopSignal, signalExitCode, type StopSignal } from './stopSignals.js';

/**
 * `fbuild serve`: the cache server, in the foreground. When it is ready it prints one JSON line,
 * `{"url", "pid", "tokenFile"?}`, and it runs until `fbuild stop`, POST /v1/shutdown, or a signal.
 */
export async function runServe(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'cache-dir': { type: 'string' },
        'max-size': { type: 'string' },
        port: { type: 'string' },
        socket: { type: 'string' },
        'token-file': { type: 'string' },
        'allow-root': { type: 'string', multiple: true },
        jobs: { type: 'string' },
        'wait-for': { type: 'string' },
        'shared-cache-dir': { type: 'boolean' },
        ...REMOTE_CACHE_OPTIONS,
      },
    }));
  } catch (e) {
    throw new UserError(`fbuild serve: ${(e as Error).message.split('\n')[0]}; usage: ${SERVE_USAGE}`);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`fbuild serve: --port takes 0..65535, not '${values.port}'`);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0))
    throw new UserError(`fbuild serve: --jobs takes a whole number of 1 or more, not '${values.jobs}'`);
  const remote = remoteCacheConfig('fbuild serve', values);
  const maxBytes = storeMaxBytes('fbuild serve', values['max-size']);
  // Started early (the action starts it while the store is still being restored): node and the
  // modules load now, and the store is opened only once this file exists.
  if (values['wait-for']) await waitForFile(values['wait-for']);
  const server = await startServer({
    ...(remote ? { remote } : {}),
    ...(values['cache-dir'] ? { cacheDir: values['cache-dir'] } : {}),
    ...(maxBytes ? { maxBytes } : {}),
    port,
    ...(values.socket ? { socket: values.socket } : {}),
    ...(values['token-file'] ? { tokenFile: values['token-file'] } : {}),
    ...(values['allow-root'] ? { allowRoots: values['allow-root'] } : {}),
    ...(jobs ? { jobs } : {}),
    ...(values['shared-cache-dir'] ? { sharedCacheDir: true } : {}),
  });
  // Ctrl-C or SIGTERM stops the server now, as they stop `fbuild build`: running builds are cancelled
  // and their compilers killed (nothing of theirs is stored or published), what was stored is flushed,
  // and the command exits 130 or 143. `fbuild stop` is the graceful way, which lets builds finish.
  let stoppedBy: StopSignal | undefined;
  onStopSignal((signal) => {
    stoppedBy = signal;
    void server.shutdown('force');
  });
  process.stdout.write(
    JSON.stringify({ url: server.url, pid: server.pid, ...(server.tokenFile ? { tokenFile: server.tokenFile } : {}) }) + '\n',
  );
  await server.closed;
  return stoppedBy ? signalExitCode(stoppedBy) : 0;
}

async function waitForFile(path: string): Promise<void> {
  for (let waited = 0; !existsSync(path); waited += 10) {
    if (waited > 30 * 60_000) throw new UserError(`fbuild serve: ${path} did not appear within 30 min (--wait-for)`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

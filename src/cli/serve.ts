import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../../server/util/atomicWrite.js';
import { defaultCacheDir } from '../../server/util/cacheDir.js';
import { parseArgs } from 'node:util';
import { startServer } from '../../server/http/startServer.js';
import { UserError } from '../../server/util/errors.js';
import { isSecretName } from '../../server/util/childEnv.js';
import { SERVE_USAGE } from './usage.js';
import { storeMaxBytes } from './maxSize.js';
import { REMOTE_CACHE_OPTIONS, remoteCacheConfig } from './remoteCacheOption.js';
import { onStopSignal, signalExitCode, type StopSignal } from './stopSignals.js';

/**
 * `fbuild serve`: the cache server, in the foreground. When it is ready it prints one JSON line,
 * `{"url", "pid", "tokenFile"?}`, and it runs until `fbuild stop`, POST /v1/shutdown, or a signal.
 */
export async function runServe(argv: string[]): Promise<number> {
  // `--args-from FILE` alone: started before its options are known (the action's job step starts
  // it beside its own Node process); it loads, and takes its options from FILE once that appears.
  if (argv[0] === '--args-from') {
    const [, file, flag, pidText] = argv;
    const parent = flag === '--parent-pid' ? Number(pidText) : process.ppid;
    if (!file || !(argv.length === 2 || (argv.length === 4 && flag === '--parent-pid' && Number.isInteger(parent) && parent > 0)))
      throw new UserError(`fbuild serve: --args-from FILE takes no other option than --parent-pid PID; usage: ${SERVE_USAGE}`);
    const arrived = waitForFile(file, '--args-from', parentGone(parent));
    await Promise.all([loadWebRequest(), warmHttp(arrived), arrived]);
    const given = readArgsFile(file);
    // Its environment is as if the action had started it: the job's secrets left out, the file's added.
    for (const name of Object.keys(process.env)) if (isSecretName(name)) delete process.env[name];
    Object.assign(process.env, given.env);
    return runServe(given.args);
  }
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
        'idle-exit': { type: 'string' },
        'ready-file': { type: 'string' },
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
  const idleExit = values['idle-exit'] === undefined ? undefined : Number(values['idle-exit']);
  if (idleExit !== undefined && !(Number.isFinite(idleExit) && idleExit > 0))
    throw new UserError(`fbuild serve: --idle-exit takes a number of seconds above 0, not '${values['idle-exit']}'`);
  const remote = remoteCacheConfig('fbuild serve', values);
  const maxBytes = storeMaxBytes('fbuild serve', values['max-size']);
  // Started early (the action starts it while the store is still being restored): node and the
  // modules load now, and the store is opened only once this file exists. Meanwhile Node's web
  // Request, Response and body streams are loaded too (Hono makes them at the first request), and
  // its HTTP server and client have served one request.
  // A warm-up still under way when the file appears is dropped (a short restore): the store comes first.
  if (values['wait-for']) {
    const went = waitForFile(values['wait-for'], '--wait-for');
    await Promise.all([loadWebRequest(), warmHttp(went), went]);
  }
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
    ...(idleExit ? { idleExitMs: idleExit * 1000 } : {}),
  });
  // Ctrl-C or SIGTERM stops the server now, as they stop `fbuild build`: running builds are cancelled
  // and their compilers killed (nothing of theirs is stored or published), what was stored is flushed,
  // and the command exits 130 or 143. `fbuild stop` is the graceful way, which lets builds finish.
  let stoppedBy: StopSignal | undefined;
  onStopSignal((signal) => {
    stoppedBy = signal;
    void server.shutdown('force');
  });
  // What a server loads and sets up at its first request (Node's Request and Response for Hono, a
  // body's stream) is done before it says it is ready, not while the first build waits.
  await selfRequest(server.url, server.token);
  const ready = JSON.stringify({ url: server.url, pid: server.pid, ...(server.tokenFile ? { tokenFile: server.tokenFile } : {}) });
  const readyFile = values['ready-file']
    ? keepReadyFile(values['ready-file'], ready, server, resolve(values['cache-dir'] ?? defaultCacheDir()))
    : undefined;
  process.stdout.write(ready + '\n');
  await server.closed;
  readyFile?.remove();
  // Abandoned (its cache dir replaced): nothing of the store's may be written after this.
  if (readyFile?.abandoned) process.exit(0);
  return stoppedBy ? signalExitCode(stoppedBy) : 0;
}

/**
 * `--ready-file FILE`: the ready line, also in FILE (0600, written whole), for a starter that does not
 * read this process's output (`fbuild build` starts its resident server detached). The file is the
 * server's registration: removed at exit, and a server whose file is removed or taken over by
 * another (its cache dir deleted, a newer server registered) shuts down; without writing the
 * store's index when its cache dir is gone or another dir has its name (`rm -rf` of the cache).
 */
function keepReadyFile(
  path: string,
  ready: string,
  server: { pid: number; shutdown(mode?: 'graceful' | 'abandon'): Promise<void> },
  cacheDir: string,
): { remove(): void; abandoned: boolean } {
  const dirIdentity = () => {
    try {
      const st = statSync(cacheDir);
      return `${st.dev}:${st.ino}`;
    } catch {
      return 'gone';
    }
  };
  const startedIn = dirIdentity();
  try {
    writeFileAtomic(path, ready, { mode: 0o600 });
  } catch (e) {
    void server.shutdown();
    throw new UserError(`fbuild serve: cannot write --ready-file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const ours = () => {
    try {
      return (JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown }).pid === server.pid;
    } catch {
      return false;
    }
  };
  const state = { abandoned: false };
  const timer = setInterval(() => {
    if (ours()) return;
    // The record's folder gone too: its tree is being deleted (rm -rf of the cache dir, whose
    // inode stays the same until the end), so nothing is written into it on the way out.
    state.abandoned = dirIdentity() !== startedIn || !existsSync(dirname(path));
    void server.shutdown(state.abandoned ? 'abandon' : 'graceful');
  }, 1000);
  return {
    get abandoned() {
      return state.abandoned;
    },
    remove() {
      clearInterval(timer);
      if (ours()) rmSync(path, { force: true });
    },
  };
}

/** Loads and runs once what a request with a body makes in the server (Node's undici: 15-30 ms at its first use). */
async function loadWebRequest(): Promise<void> {
  await new Request('http://127.0.0.1/', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }).json();
  await new Response('{}').text();
}

/**
 * One request of a build's kind through Node's HTTP server and client, on a throwaway loopback
 * server that refuses it: their code is loaded and has run once when the real server starts. Given
 * up as soon as `until` settles.
 */
async function warmHttp(until: Promise<unknown>): Promise<void> {
  let over = false;
  const ended = until.then(
    () => void (over = true),
    () => void (over = true),
  );
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"warm-up"}'));
  });
  try {
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(0, '127.0.0.1', listening);
    });
    if (over) return;
    await Promise.race([selfRequest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'warm-up'), ended]);
  } catch {
    // only a warm-up lost
  } finally {
    server.close();
    server.closeAllConnections();
  }
}

/**
 * A request of the kind a build sends (a body to read and check; this one is refused as empty), so
 * that what the server loads and sets up at its first one is done before it says it is ready.
 */
function selfRequest(url: string, token: string): Promise<void> {
  const target = url.startsWith('unix://')
    ? { socketPath: url.slice('unix://'.length) }
    : { host: '127.0.0.1', port: Number(new URL(url).port) };
  const body = '{}';
  return new Promise((resolveRequest) => {
    const req = httpRequest(
      {
        ...target,
        method: 'POST',
        path: '/v1/build',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolveRequest());
        res.on('error', () => resolveRequest());
      },
    );
    req.on('error', () => resolveRequest());
    req.end(body);
  });
}

/**
 * Whether the parent is gone: the one of `--parent-pid` (it may have ended before this process could
 * ask for its own), else this process's parent when it started; a parent that ended but is not
 * reaped yet still answers a signal, so a new parent (this process reparented) counts too.
 */
function parentGone(parent: number): { pid: number; gone(): boolean } {
  const started = process.ppid;
  const gone = () => {
    if (process.ppid !== started) return true;
    try {
      process.kill(parent, 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  };
  return { pid: parent, gone };
}

/** The options of `--args-from FILE`, read once and the file removed (it may name a remote tier's URL). */
function readArgsFile(path: string): { args: string[]; env: Record<string, string> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(`fbuild serve: --args-from ${path} is not JSON (${(e as Error).message.split('\n')[0]})`);
  } finally {
    rmSync(path, { force: true });
  }
  const { args, env = {} } = (parsed ?? {}) as { args?: unknown; env?: unknown };
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!strings(args) || args.includes('--args-from') || typeof env !== 'object' || env === null || !strings(Object.values(env)))
    throw new UserError(`fbuild serve: --args-from ${path} must hold {"args": [strings], "env": {name: string}}`);
  return { args, env: env as Record<string, string> };
}

/**
 * Resolves once `path` exists (the option `option` named it). With a `starter`, the wait ends in an
 * error as soon as the starter is gone (`--args-from`): nothing would ever write the file.
 */
async function waitForFile(path: string, option: string, starter?: { pid: number; gone(): boolean }): Promise<void> {
  for (let waited = 0; !existsSync(path); waited += 5) {
    if (starter && waited % 50 === 0 && starter.gone())
      throw new UserError(
        `fbuild serve: the process that started this server (pid ${starter.pid}) ended before writing ${path} (${option})`,
      );
    if (waited > 30 * 60_000) throw new UserError(`fbuild serve: ${path} did not appear within 30 min (${option})`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { defaultCacheDir } from '../util/cacheDir.js';
import type { CacheService } from '../cache/cacheService.js';
import type { RemoteCacheConfig } from '../cache/remoteConfig.js';
import { BuildSession } from '../engine/buildSession.js';
import { toolchainMode } from '../toolchains/resolveAvr.js';
import { UserError } from '../util/errors.js';
import { createApp } from './app.js';
import { toolchainsDirFor } from '../toolchains/resolveAvr.js';
import { ServerLock, ServerPresence } from './serverLock.js';
import { freeSocketPath } from './socketPath.js';

export interface ServerOptions {
  cacheDir?: string;
  maxBytes?: number;
  /** TCP port on 127.0.0.1 (0: any free port). Ignored when `socket` is given. */
  port?: number;
  /** A Unix socket path (created with mode 0600). */
  socket?: string;
  token?: string;
  tokenFile?: string;
  allowRoots?: string[];
  jobs?: number;
  /** How to start `fbuild` for the wrapped backend's per-unit wrappers. */
  fbuildCommand?: string[];
  /** A shared remote tier behind the store. */
  remote?: RemoteCacheConfig;
  /** How often /v1/build sends a heartbeat line (default 5 s). */
  heartbeatMs?: number;
  /**
   * Other servers may use the cache dir at the same time (the action's, one per job: two runners of
   * one self-hosted machine share its home). The store allows it (entries are renamed into place
   * whole, the index is merged under a lock); without this a second server on the dir is refused,
   * which is what a person running `fbuild serve` twice wants to hear.
   */
  sharedCacheDir?: boolean;
  /** Shut down (gracefully) after this long without a request or a build (`fbuild serve --idle-exit`). */
  idleExitMs?: number;
}

export interface RunningServer {
  url: string;
  pid: number;
  token: string;
  /** Set when the server generated the token and wrote it to this 0600 file. */
  tokenFile?: string;
  service: CacheService;
  /** Resolves when the server has shut down (by request or by shutdown()). */
  closed: Promise<void>;
  /**
   * 'graceful' lets running builds finish and flushes the store; 'force' cancels the builds first;
   * 'abandon' cancels them and leaves the store as it is on disk, its index not written (the cache
   * dir was deleted or replaced under the server: what it would write belongs to no store).
   */
  shutdown(mode?: 'graceful' | 'force' | 'abandon'): Promise<void>;
}

/** Starts the cache server: one CacheService on one cache dir, behind Hono, on loopback or a socket. */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const cacheDir = resolve(opts.cacheDir ?? defaultCacheDir());
  let token = opts.token;
  let generatedTokenFile: string | undefined;
  if (!token && opts.tokenFile) {
    try {
      token = readFileSync(opts.tokenFile, 'utf8').trim();
    } catch {
      throw new UserError(`cannot read the token file ${opts.tokenFile}; create it or leave --token-file out`);
    }
    if (!token) throw new UserError(`the token file ${opts.tokenFile} is empty; put a token in it`);
  }
  token ??= process.env.FBUILD_CACHE_TOKEN || undefined;
  if (token && !/^[A-Za-z0-9._~+/-]+=*$/.test(token)) {
    throw new UserError('the server token may only hold letters, digits and ._~+/- (a bearer token); make one with: openssl rand -hex 32');
  }
  // A generated token is written to its file only once the server listens: a start that fails
  // leaves no token dir behind.
  const generateToken = !token;
  token ??= randomBytes(32).toString('hex');
  const allowRoots = (opts.allowRoots?.length ? opts.allowRoots : [process.cwd()]).map((r) => {
    if (!existsSync(r)) throw new UserError(`--allow-root ${r} does not exist; pass an existing directory`);
    return realpathSync(r);
  });

  // listen() reports a socket in a missing directory as EACCES, which sends the user the wrong way.
  if (opts.socket && !existsSync(dirname(resolve(opts.socket)))) {
    throw new UserError(`the directory of --socket ${opts.socket} does not exist; create it or choose another path`);
  }
  // The lock first: a server that must refuse touches nothing (not the store, not a live socket).
  const lock = opts.sharedCacheDir
    ? undefined
    : await ServerLock.acquire(cacheDir, { pid: process.pid, url: opts.socket ? `unix://${resolve(opts.socket)}` : 'starting' });
  const presence = opts.sharedCacheDir ? ServerPresence.announce(cacheDir, { pid: process.pid, url: 'starting' }) : undefined;
  // Then what is at --socket, before the store is opened: only a stale socket may be removed.
  if (opts.socket) {
    try {
      await freeSocketPath(opts.socket);
    } catch (e) {
      lock?.release();
      presence?.withdraw();
      throw e;
    }
  }
  const jobs = opts.jobs ?? availableParallelism();
  const session = await BuildSession.open({
    cacheDir,
    jobs,
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.remote ? { remote: opts.remote } : {}),
    // The server's own environment decides the default toolchain, where toolchains live and which mirror serves them.
    toolchain: toolchainMode(process.env.FBUILD_TOOLCHAIN),
    toolchainsDir: toolchainsDirFor(process.env, cacheDir),
    fbuildCommand: opts.fbuildCommand ?? [process.execPath, ...process.execArgv, process.argv[1]!],
    // A path to the token, not the token: the wrapper's environment is also its compiler's.
    wrapperEnv: () => ({ FBUILD_CACHE_URL: url, FBUILD_CACHE_TOKEN_FILE: tokenFile }),
  });
  const service = session.service!;
  const builds = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  let url = '';
  let tokenFile = '';
  let shuttingDown: Promise<void> | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));

  const app = createApp({
    service,
    token,
    allowRoots,
    session,
    shutdown: (mode) => void shutdown(mode),
    stopping: stopping.signal,
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
    track(p) {
      builds.add(p);
      void p
        .finally(() => {
          builds.delete(p);
          lastActive = Date.now();
        })
        .catch(() => undefined);
      return p;
    },
  });

  // What the idle exit watches: requests being answered, builds running, and when the last ended
  // (counted only by a server that exits when idle: /v1/compile's hits are its hot path).
  let inFlight = 0;
  let lastActive = Date.now();
  const counted = async (req: Request, env: unknown) => {
    inFlight++;
    try {
      return await app.fetch(req, env as never);
    } finally {
      inFlight--;
      lastActive = Date.now();
    }
  };
  const server = createAdaptorServer({ fetch: opts.idleExitMs === undefined ? app.fetch : counted }) as Server;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    if (opts.socket) {
      server.listen(opts.socket, () => resolveListen());
    } else server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  }).catch(async (e: NodeJS.ErrnoException) => {
    await session.close('force');
    lock?.release();
    presence?.withdraw();
    throw new UserError(
      `cannot listen on ${opts.socket ?? `127.0.0.1:${opts.port ?? 0}`}: ${e.code ?? e.message}; choose another --port or --socket`,
    );
  });
  if (opts.socket) {
    chmodSync(opts.socket, 0o600);
    url = `unix://${resolve(opts.socket)}`;
  } else url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // In a 0700 dir of its own, 0600 itself; the wrapped compiles read it, and a generated token is shown by its path.
  tokenFile = join(mkdtempSync(join(tmpdir(), 'fbuild-server-')), 'token');
  writeFileSync(tokenFile, token, { mode: 0o600 });
  // The lock (0600, in the cache dir) says where the server is and where its token is: `fbuild stats`
  // and `fbuild stop` find the server of a cache dir from it.
  lock?.update({ pid: process.pid, url, tokenFile });
  presence?.update({ pid: process.pid, url, tokenFile });
  if (generateToken) generatedTokenFile = tokenFile;
  if (opts.idleExitMs !== undefined) {
    const idleMs = opts.idleExitMs;
    const timer = setInterval(
      () => {
        if (inFlight === 0 && builds.size === 0 && Date.now() - lastActive >= idleMs) void shutdown('graceful');
      },
      Math.max(50, Math.min(1000, idleMs / 4)),
    );
    void closed.then(() => clearInterval(timer));
  }

  function shutdown(mode: 'graceful' | 'force' | 'abandon' = 'graceful'): Promise<void> {
    shuttingDown ??= (async () => {
      stopping.abort();
      server.close();
      if (mode === 'graceful') {
        await Promise.allSettled([...builds]);
        server.closeIdleConnections();
      } else {
        session.killAll();
        server.closeAllConnections();
      }
      // The store's trouble (results not stored, the index not written) goes to the server's log.
      if (mode !== 'abandon') {
        for (const w of (await session.close(mode)).warnings) process.stderr.write(`fbuild serve: warning: ${w}\n`);
      }
      // Connections kept alive past the drain would still reach a closed service.
      server.closeAllConnections();
      lock?.release();
      presence?.withdraw();
      if (opts.socket) rmSync(opts.socket, { force: true });
      rmSync(dirname(tokenFile), { recursive: true, force: true });
      resolveClosed();
    })();
    return shuttingDown;
  }

  return { url, pid: process.pid, token, ...(generatedTokenFile ? { tokenFile: generatedTokenFile } : {}), service, closed, shutdown };
}

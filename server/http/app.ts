import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { TrieRouter } from 'hono/router/trie-router';
import { stream } from 'hono/streaming';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { pack, unpack } from 'msgpackr';
import type { CacheService } from '../cache/cacheService.js';
import type { BuildRequest, BuildSession } from '../engine/buildSession.js';
import { clientGone, readBody, sendBytes } from './rawBody.js';
import { checkBuildBody, checkBuildWriteDirs, checkCompileBody, checkShutdownBody, RequestError } from './validate.js';
import type { BuildBody, CompileAnswer, BuildEvent } from '../protocol/wire.js';
import type { WriteTarget } from '../engine/writeBoundary.js';

export interface AppDeps {
  service: CacheService;
  token: string;
  /** Directories that compiles and builds may read and write under. */
  allowRoots: string[];
  /** Runs the builds: its CacheService is `service`. */
  session: BuildSession;
  /** Called after the shutdown answer is sent. */
  shutdown(mode: 'graceful' | 'force'): void;
  /** Builds in flight, so that a graceful shutdown waits for them. */
  track<T>(p: Promise<T>): Promise<T>;
  /** Aborted when the server starts to shut down: what it runs of its own accord stops. */
  stopping?: AbortSignal;
  /** How often /v1/build sends a heartbeat line while a build runs (default 5 s). */
  heartbeatMs?: number;
}

const COMPILE_BODY_LIMIT = 8 * 1024 * 1024;
/**
 * A lookup-only build (a resident server's warm-up, src/cli/residentStart.ts) is answered after one
 * pass; the server then runs it this many times more on its own, detached from the request. V8
 * compiles a function better the more it has run: with four passes in all, the first warm build
 * from another checkout took about half the server time it took after one.
 */
const LOOKUP_REPEATS = 3;
const JSON_BODY_LIMIT = 64 * 1024;

/** The build a /v1/build body asks the session for. */
function requestOf(body: BuildBody): BuildRequest {
  return {
    projectDir: body.projectDir,
    ...(body.environment ? { environment: body.environment } : {}),
    ...(body.jobs ? { jobs: body.jobs } : {}),
    ...(body.toolchain ? { toolchain: body.toolchain } : {}),
    backend: body.backend ?? 'embedded',
    noCache: body.noCache ?? false,
    force: body.force ?? false,
    ...(body.keepObjects ? { keepObjects: true } : {}),
    ...(body.lookupOnly ? { lookupOnly: true } : {}),
    ...(body.offline !== undefined ? { offline: body.offline } : {}),
    ...(body.projectEnv ? { projectEnv: body.projectEnv } : {}),
  };
}

const tooLarge = (max: number) =>
  bodyLimit({
    maxSize: max,
    // The unread rest of the body would poison a kept-alive connection: close it.
    onError: (c) => c.json({ error: `request body larger than ${max} bytes` }, 413, { connection: 'close' }),
  });

/**
 * The server's routes. Handlers stay small: they check the request, call the CacheService or the
 * build runner, and encode the answer. Every error is a JSON body with a 4xx/5xx status.
 */
export function createApp(deps: AppDeps): Hono {
  // A handful of routes: the trie router adds them as they are declared and matches by walking the
  // path; Hono's default (RegExpRouter first) compiles its matchers at the first request instead,
  // 10-20 ms of every server's start before it can say it is ready.
  const app = new Hono({ router: new TrieRouter() });

  app.onError((err, c) => {
    if (err instanceof RequestError) return c.json({ error: err.message }, err.status);
    // bearerAuth's refusals carry their own response (JSON body, WWW-Authenticate).
    if (err instanceof HTTPException) return err.res ? err.getResponse() : c.json({ error: err.message || 'request refused' }, err.status);
    return c.json({ error: `internal error: ${err.message}` }, 500);
  });
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));

  app.get('/health', (c) => c.json({ ok: true, pid: process.pid }));

  app.use(
    '/v1/*',
    bearerAuth({
      verifyToken: tokenVerifier(deps.token),
      noAuthenticationHeader: {
        message: {
          error: "no token: set FBUILD_CACHE_TOKEN (or FBUILD_CACHE_TOKEN_FILE) to the token 'fbuild serve' printed or was given",
        },
      },
      invalidAuthenticationHeader: { message: { error: 'malformed authorization header' } },
      invalidToken: { message: { error: 'wrong token' } },
    }),
  );

  app.post('/v1/compile', async (c) => {
    // Node's own request and response (rawBody.ts): Hono routes and checks the token, no more.
    const { incoming, outgoing } = c.env as HttpBindings;
    const body = await readBody(incoming, COMPILE_BODY_LIMIT);
    // The unread rest of the body would poison a kept-alive connection: close it.
    if (body === 'too large')
      return c.json({ error: `request body larger than ${COMPILE_BODY_LIMIT} bytes` }, 413, { connection: 'close' });
    let decoded: unknown;
    try {
      decoded = unpack(body);
    } catch {
      throw new RequestError(400, 'body is not valid msgpack');
    }
    const req = checkCompileBody(decoded, deps.allowRoots);
    // A client that hangs up (make was interrupted) takes its compile with it.
    const r = await deps.service.compile({ ...req, signal: clientGone(outgoing) });
    const answer: CompileAnswer = {
      exitCode: r.exitCode,
      stdout: r.stdout,
      stderr: r.stderr,
      outcome: r.outcome,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.savedMs !== undefined ? { savedMs: r.savedMs } : {}),
    };
    sendBytes(outgoing, 'application/msgpack', pack(answer));
    return RESPONSE_ALREADY_SENT;
  });

  app.post('/v1/build', tooLarge(JSON_BODY_LIMIT), async (c) => {
    const body = checkBuildBody(await readJson(c.req.raw), deps.allowRoots);
    checkBuildWriteDirs(writeDirsOf(deps.session, body), deps.allowRoots);
    c.header('content-type', 'application/x-ndjson');
    const request = c.req.raw;
    return stream(c, async (s) => {
      // A client that goes away before `done` (Ctrl-C, a timeout) cancels its build: nobody would see
      // its result, and a build left running would overwrite the outputs of the one started after it.
      const cancel = new AbortController();
      s.onAbort(() => cancel.abort());
      request.signal.addEventListener('abort', () => cancel.abort(), { once: true });
      // Events are written in batches, one write per turn of the event loop: a warm build sends a
      // line per unit (hundreds at once), and a write each was a tenth of the server's time for it.
      let writes = Promise.resolve();
      let batch: string[] = [];
      const emit = (e: BuildEvent) => {
        batch.push(JSON.stringify(e) + '\n');
        if (batch.length > 1) return;
        writes = writes
          .then(() => new Promise<void>((r) => setImmediate(r)))
          .then(() => {
            const text = batch.join('');
            batch = [];
            return s.write(text);
          })
          .then(() => undefined);
      };
      const heartbeat = setInterval(() => emit({ type: 'heartbeat' }), deps.heartbeatMs ?? 5000);
      await deps
        .track(
          deps.session.run(
            { ...requestOf(body), onNotice: (message, more) => emit({ type: 'notice', message, ...more }), signal: cancel.signal },
            emit,
          ),
        )
        .finally(() => clearInterval(heartbeat));
      await writes;
      // Never a download in the passes the server makes on its own.
      if (body.lookupOnly) void deps.track(repeatLookups({ ...requestOf(body), offline: true }));
    });
  });

  async function repeatLookups(req: BuildRequest): Promise<void> {
    for (let i = 0; i < LOOKUP_REPEATS && !deps.stopping?.aborted; i++) {
      // One pass per turn of the event loop at most: a build that arrives meanwhile is not held up.
      await new Promise((r) => setImmediate(r));
      await deps.session.run({ ...req, ...(deps.stopping ? { signal: deps.stopping } : {}) }, () => undefined).catch(() => undefined);
    }
  }

  app.get('/v1/stats', (c) => c.json({ ...deps.service.stats(), processes: deps.session.processes() }));

  app.post('/v1/flush', async (c) => {
    await deps.service.flush();
    return c.json({ ok: true });
  });

  app.post('/v1/shutdown', tooLarge(JSON_BODY_LIMIT), async (c) => {
    const text = await c.req.text();
    const { mode } = checkShutdownBody(text ? parseJson(text) : {});
    // Answer first; the shutdown runs once the answer is on its way.
    setImmediate(() => deps.shutdown(mode));
    return c.json({ ok: true, mode });
  });

  return app;
}

/**
 * A constant-time token check on digests of equal length, synchronous. Hono's own check (given
 * `token`) hashes both sides with WebCrypto, an asynchronous job on the thread pool per request:
 * 0.17 ms of every /v1/compile hit in the server's profile under 8 clients, a sixth of its time.
 */
function tokenVerifier(token: string): (candidate: string) => boolean {
  const expected = createHash('sha256').update(token).digest();
  return (candidate) => timingSafeEqual(createHash('sha256').update(candidate).digest(), expected);
}

/** Where the build would write; none for a project that cannot be read: the build reads it the same way and reports why. */
function writeDirsOf(
  session: BuildSession,
  body: { projectDir: string; environment?: string; projectEnv?: Record<string, string> },
): WriteTarget[] {
  try {
    return session.writeDirs(body);
  } catch {
    return [];
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, 'body is not valid JSON');
  }
}

async function readJson(req: Request): Promise<unknown> {
  return parseJson(await req.text());
}

// Property-based fuzzing of every route of the cache server (server/http/app.ts): GET /health,
// POST /v1/compile, POST /v1/build, GET /v1/stats, POST /v1/flush, POST /v1/shutdown, and the
// not-found handler. fast-check (chosen because it shrinks a failing case to a small one and replays
// it from a seed) generates bodies of the right and wrong shapes, random bytes, bodies just over and
// just under the limits, wrong content types, random methods, paths and headers, with and without the
// token, and raw bytes on the socket. Every answer must be a 4xx, or a 2xx for a valid request; never
// a 5xx, never a hang; and the server (in a child process, so that a crash shows as one) must still
// answer and compile afterwards.
//
// On failure the message names the seed: replay with FBUILD_FUZZ_SEED=<seed> (and FBUILD_FUZZ_PATH=<path>
// to go straight to the shrunk case). FBUILD_FUZZ_RUNS sets the number of cases, shared out among the
// properties (1,640 in `npm test`; `npm run soak` runs 16,400).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { pack, unpack } from 'msgpackr';
import { Agent, request } from 'undici';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { startChildServer, within, type ChildServer } from './helpers/serverHarness.ts';

const TOKEN = 'fuzz-0123456789abcdef';
const COMPILE_LIMIT = 8 * 1024 * 1024;
const JSON_LIMIT = 64 * 1024;
/** A request that gets no answer in this time counts as a hang. */
const REQUEST_TIMEOUT_MS = 15_000;

const SEED = process.env.FBUILD_FUZZ_SEED ? Number(process.env.FBUILD_FUZZ_SEED) | 0 : randomBytes(4).readInt32LE(0);
const REPLAY_PATH = process.env.FBUILD_FUZZ_PATH;
/** The cases of all properties together; each property gets its share (its weight out of 1,640). */
const TOTAL_RUNS = Number(process.env.FBUILD_FUZZ_RUNS ?? 1640);
const runs = (weight: number) => Math.max(1, Math.round((weight * TOTAL_RUNS) / 1640));

type Method = string;
interface Req {
  method: Method;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string | (() => Readable);
}
interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request on the shared agent, with a deadline on the whole exchange. */
async function call(url: string, agent: Agent, r: Req): Promise<Res> {
  const body = typeof r.body === 'function' ? r.body() : r.body;
  const exchange = (async () => {
    const res = await request(`${url}${r.path}`, {
      method: r.method as 'GET',
      headers: r.headers,
      ...(body !== undefined ? { body } : {}),
      dispatcher: agent,
    });
    return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
  })();
  return within(exchange, REQUEST_TIMEOUT_MS, `${r.method} ${r.path}`);
}

const show = (r: Req, res?: Res) => {
  const b = typeof r.body === 'function' ? '<stream>' : r.body === undefined ? '-' : Buffer.from(r.body).subarray(0, 80).toString('hex');
  const answer = res ? ` -> HTTP ${res.status} ${res.body.subarray(0, 200).toString('utf8')}` : '';
  return `${r.method} ${r.path} headers=${JSON.stringify(r.headers).slice(0, 200)} body=${b}${answer}`;
};

/** The checks every answer must pass; `expect2xx` says whether a 2xx is allowed (a valid request). */
function checkAnswer(r: Req, res: Res, allow2xx: boolean): void {
  assert.ok(res.status < 500, `a 5xx: ${show(r, res)}`);
  if (res.status < 300) assert.ok(allow2xx, `a 2xx for a request that is not valid: ${show(r, res)}`);
  else {
    assert.ok(res.status >= 400, `neither 2xx nor 4xx: ${show(r, res)}`);
    // Node's own HTTP parser refuses some requests before the app sees them (a 431 for headers past
    // 16 KiB, a 400 for a request it cannot parse), with an empty body: those need no JSON.
    const fromParser = res.body.length === 0 && res.headers['content-type'] === undefined && (res.status === 400 || res.status === 431);
    if (r.method !== 'HEAD' && !fromParser) {
      // Every refusal is {error: "..."} in JSON: the clients show that line to the user.
      let error: unknown;
      try {
        error = (JSON.parse(res.body.toString('utf8')) as { error?: unknown }).error;
      } catch {
        error = undefined;
      }
      assert.ok(typeof error === 'string' && error.length > 0, `a ${res.status} without a JSON {error}: ${show(r, res)}`);
    }
  }
}

/** Runs one property with the shared seed; a failure names the seed and how to replay it. */
async function check<T>(
  name: string,
  server: ChildServer,
  arb: fc.Arbitrary<T>,
  numRuns: number,
  predicate: (v: T) => Promise<void>,
): Promise<void> {
  // Once a case has stopped the server, no later case says anything (shrinking keeps the one that did).
  let down: string | undefined;
  let previous: unknown;
  const out = await fc.check(
    fc.asyncProperty(arb, async (v) => {
      fc.pre(down === undefined);
      try {
        await predicate(v);
      } catch (e) {
        if (!(await answers(server.url))) {
          down = `the server stopped answering: this case or the one before it (${JSON.stringify(brief(previous)).slice(0, 400)})`;
          throw new Error(`${(e as Error).message}\n${down}`, { cause: e });
        }
        throw e;
      } finally {
        previous = v;
      }
    }),
    {
      seed: SEED,
      numRuns,
      ...(REPLAY_PATH ? { path: REPLAY_PATH } : {}),
      endOnFailure: false,
      // A case that needs shrinking sends requests again: bound the time that takes.
      interruptAfterTimeLimit: 120_000,
      markInterruptAsFailure: false,
    },
  );
  if (out.failed) {
    const detail = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    const c = JSON.stringify(brief(out.counterexample)).slice(0, 600);
    throw new Error(
      `fuzz ${name} failed after ${out.numRuns} runs; seed ${out.seed}, path ${out.counterexample ? out.counterexamplePath : '?'}\n` +
        `replay: FBUILD_FUZZ_SEED=${out.seed} FBUILD_FUZZ_PATH='${out.counterexamplePath}' node --import tsx --test test/fuzz-routes.test.ts\n` +
        `counterexample: ${c}\n${detail}\n` +
        `server: exit ${server.child.exitCode ?? server.child.signalCode ?? 'none yet'}; stderr: ${server.stderr().slice(-3000)}`,
    );
  }
}

/** Whether the server answers /health within 2 s. */
async function answers(url: string): Promise<boolean> {
  try {
    const res = await within(request(`${url}/health`, { reset: true }), 2000, 'health');
    await res.body.dump();
    return res.statusCode === 200;
  } catch {
    return false;
  }
}

/** A value made printable: byte arrays by their size and first bytes, long strings cut. */
function brief(v: unknown): unknown {
  if (v instanceof Uint8Array) return `<${v.length} bytes: ${Buffer.from(v).subarray(0, 48).toString('hex')}>`;
  if (typeof v === 'function') return '<stream>';
  if (typeof v === 'string') return v.length > 100 ? `${v.slice(0, 100)}...(${v.length} chars)` : v;
  if (Array.isArray(v)) return v.map(brief);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, brief(x)]));
  return v;
}

// ---------------------------------------------------------------------------------------------------
// Generators

const authOf = fc.constantFrom<'right' | 'none' | 'wrong' | 'malformed'>('right', 'right', 'right', 'none', 'wrong', 'malformed');
function authHeader(kind: 'right' | 'none' | 'wrong' | 'malformed'): Record<string, string> {
  if (kind === 'right') return { authorization: `Bearer ${TOKEN}` };
  if (kind === 'wrong') return { authorization: `Bearer ${TOKEN}x` };
  if (kind === 'malformed') return { authorization: `Basic ${TOKEN}` };
  return {};
}
/**
 * Whether an Authorization value gives the token, as HTTP and hono's bearerAuth read it: the value's
 * outer blanks dropped, "Bearer" in any case, one space or more, then the token.
 */
function carriesToken(value: string | undefined): boolean {
  const v = value?.trim() ?? '';
  return /^bearer /i.test(v) && v.slice('bearer '.length).trimStart() === TOKEN;
}
const CONTENT_TYPES = [
  undefined,
  'application/msgpack',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'image/png',
  '*/*',
];
const contentType = fc.constantFrom(...CONTENT_TYPES);

/** Strings that mean something to the server (paths, flags, names), mixed with any unicode. */
const piece = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    'avr-gcc',
    '-c',
    '-o',
    '-MF',
    '-E',
    '/',
    '/tmp',
    '..',
    '.',
    'x.o',
    'a.c',
    'é',
    '😀',
    ' ',
    '\\',
    '__proto__',
    '%s',
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const randomJson = fc.jsonValue({ maxDepth: 4 });
/** Any value msgpack can carry: JSON values, byte strings, big and odd numbers, nested maps and arrays. */
const randomValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer(),
    fc.double(),
    fc.constantFrom(2 ** 53, -(2 ** 63), 2 ** 64, Number.MAX_VALUE),
    piece,
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 16 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(piece, fc.constantFrom('compiler', 'args', 'cwd', 'env', 'projectDir', 'mode', '__proto__')), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

/** A compile request of the right shape: harmless compilers, arguments from pieces, a cwd inside or outside. */
function validCompile(ws: string) {
  return fc.record(
    {
      compiler: fc.constantFrom('avr-gcc', 'no-such-compiler', '/bin/false', '/nonexistent/cc'),
      args: fc.oneof(
        fc.constant(['-c', '-mmcu=atmega328p', 'a.c', '-o', 'a.o']),
        fc.array(
          fc.oneof(piece, fc.constantFrom('-c', 'a.c', '-o', 'sub/x.o', '-MMD', '-MF', 'a.d', '@a.rsp', '@missing.rsp', '-x', 'c')),
          { maxLength: 8 },
        ),
      ),
      cwd: fc.constantFrom(ws, join(ws, 'sub'), join(ws, 'missing'), '/', '/tmp'),
      env: fc.dictionary(fc.constantFrom('PATH', 'LANG', 'X', 'CCACHE_DIR'), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
      workspaceRoot: fc.constantFrom(ws, '/', join(ws, 'sub')),
    },
    { requiredKeys: ['compiler', 'args', 'cwd'] },
  );
}
function validBuild(ws: string) {
  return fc.record(
    {
      projectDir: fc.constantFrom(ws, join(ws, 'sub'), join(ws, 'no such project'), '/', '/tmp'),
      environment: fc.constantFrom('uno', 'native', '', 'no-such-env', 'é'),
      jobs: fc.integer({ min: 1, max: 64 }),
      noCache: fc.boolean(),
      force: fc.boolean(),
      offline: fc.constant(true), // never a download, whatever the project says
      backend: fc.constantFrom('embedded', 'wrapped'),
      toolchain: fc.constantFrom('auto', 'system'),
    },
    { requiredKeys: ['projectDir', 'offline'] },
  );
}
/** A good body with one field (at least) replaced by a value of the wrong type, or a required one left out. */
function wrongTypes(good: fc.Arbitrary<Record<string, unknown>>, required: string[]) {
  return fc
    .tuple(good, fc.constantFrom(...required, 'jobs', 'env', 'args', 'backend', 'workspaceRoot'), randomValue, fc.boolean())
    .map(([g, key, bad, drop]) => {
      const o: Record<string, unknown> = { ...g };
      if (drop && required.includes(key)) delete o[key];
      else o[key] = bad;
      return { o, key };
    });
}

type Shape = 'valid' | 'wrongTypes' | 'random' | 'truncated' | 'bytes' | 'empty';
interface BodyCase {
  route: '/v1/compile' | '/v1/build' | '/v1/shutdown';
  shape: Shape;
  body: Uint8Array;
  /** Whether the body, well authenticated, is a valid request (a 2xx is allowed). */
  mayBeValid: boolean;
}

const encodeFor = (route: BodyCase['route'], v: unknown): Uint8Array =>
  route === '/v1/compile' ? pack(v) : Buffer.from(JSON.stringify(v) ?? 'undefined');

/** True when the "wrong" value is in fact acceptable to the server (a random value can be): mirrors validate.ts. */
function wrongValueAccepted(route: BodyCase['route'], key: string, v: unknown): boolean {
  const absolute = typeof v === 'string' && v.startsWith('/') && !v.includes('\0');
  const accepted: Record<string, (v: unknown) => boolean> =
    route === '/v1/compile'
      ? {
          compiler: (x) => typeof x === 'string' && x.length > 0 && !x.includes('\0'),
          args: (x) => Array.isArray(x) && x.every((a) => typeof a === 'string' && !a.includes('\0')),
          cwd: () => absolute,
          env: (x) => typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((e) => typeof e === 'string'),
          workspaceRoot: () => absolute,
        }
      : {
          projectDir: () => absolute,
          environment: (x) => typeof x === 'string',
          jobs: (x) => Number.isInteger(x) && (x as number) > 0,
          backend: (x) => x === 'embedded' || x === 'wrapped',
          toolchain: (x) => x === 'auto' || x === 'pinned' || x === 'system',
          noCache: (x) => typeof x === 'boolean',
          force: (x) => typeof x === 'boolean',
          offline: (x) => typeof x === 'boolean',
        };
  // Keys the route does not know are ignored.
  return accepted[key] ? accepted[key](v) : true;
}

function bodyCase(ws: string): fc.Arbitrary<BodyCase> {
  const route = fc.constantFrom<BodyCase['route']>('/v1/compile', '/v1/build', '/v1/shutdown');
  return route.chain((route) => {
    const good: fc.Arbitrary<Record<string, unknown>> =
      route === '/v1/compile' ? validCompile(ws) : route === '/v1/build' ? validBuild(ws) : fc.constant({ mode: 'graceful' });
    const required = route === '/v1/compile' ? ['compiler', 'args', 'cwd'] : route === '/v1/build' ? ['projectDir'] : ['mode'];
    const cases: fc.Arbitrary<BodyCase>[] = [
      wrongTypes(good, required).map(({ o, key }) => ({
        route,
        shape: 'wrongTypes' as const,
        body: encodeFor(route, o),
        mayBeValid: wrongValueAccepted(route, key, o[key]),
      })),
      randomValue.map((v) => ({ route, shape: 'random' as const, body: encodeFor(route, v), mayBeValid: true })),
      randomJson.map((v) => ({ route, shape: 'random' as const, body: Buffer.from(JSON.stringify(v)), mayBeValid: true })),
      fc.tuple(good, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })).map(([g, f]) => {
        const full = encodeFor(route, g);
        return { route, shape: 'truncated' as const, body: full.subarray(0, Math.floor(f * full.length)), mayBeValid: false };
      }),
      fc.uint8Array({ maxLength: 3000 }).map((b) => ({ route, shape: 'bytes' as const, body: b, mayBeValid: true })),
      fc.constant({ route, shape: 'empty' as const, body: new Uint8Array(0), mayBeValid: route === '/v1/shutdown' }),
    ];
    // A valid shutdown would stop the server under test: its valid bodies are sent with a wrong token only.
    if (route !== '/v1/shutdown')
      cases.push(good.map((g) => ({ route, shape: 'valid' as const, body: encodeFor(route, g), mayBeValid: true })));
    return fc.oneof(...cases);
  });
}

/** Whether this body, with the right token, would be taken as a valid shutdown (mirrors checkShutdownBody). */
function isShutdown(body: Uint8Array): boolean {
  const text = Buffer.from(body).toString('utf8');
  if (!text) return true;
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const mode = (v as { mode?: unknown }).mode;
    return mode === undefined || mode === 'graceful' || mode === 'force';
  } catch {
    return false;
  }
}

const ROUTES: [string, string][] = [
  ['GET', '/health'],
  ['POST', '/v1/compile'],
  ['POST', '/v1/build'],
  ['GET', '/v1/stats'],
  ['POST', '/v1/flush'],
  ['POST', '/v1/shutdown'],
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE', 'SEARCH'];
/** Header names worth trying, and random token names. */
const headerName = fc.oneof(
  fc.constantFrom(
    'accept',
    'accept-encoding',
    'content-encoding',
    'content-language',
    'cookie',
    'origin',
    'range',
    'if-none-match',
    'x-forwarded-for',
    'x-http-method-override',
    'x-forwarded-proto',
    'authorization',
    'te',
  ),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
);
const headerValue = fc.oneof(
  fc.stringMatching(/^[\x21-\x7e]{0,40}$/),
  fc.constantFrom('Bearer', `Bearer  ${TOKEN}`, `bearer ${TOKEN}`, `Bearer ${TOKEN} `, 'gzip', 'bytes=0-1', 'POST', 'DELETE'),
  // Past Node's 16 KiB header limit: a 431.
  fc.integer({ min: 1, max: 20 }).map((k) => 'v'.repeat(k * 1024)),
);
const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect']);

/** A request-target: a route, mutated (case, slashes, dots, query, percent-encoding), or random segments. */
const pathOf = fc.oneof(
  fc.constantFrom(...ROUTES.map(([, p]) => p)),
  fc
    .tuple(fc.constantFrom(...ROUTES.map(([, p]) => p)), fc.integer({ min: 0, max: 7 }))
    .map(
      ([p, k]) =>
        [
          `${p}/`,
          p.toUpperCase(),
          `/${p}`,
          `${p}?x=1&y=%00`,
          p.replace('/v1/', '/v1/./'),
          p.replace('/v1/', '/v1/../v1/'),
          p.replace(/[a-z]$/, (c) => `%${c.charCodeAt(0).toString(16)}`),
          `${p}#frag`,
        ][k]!,
    ),
  fc
    .array(fc.oneof(fc.constantFrom('v1', 'v2', '..', '.', '', 'health', 'compile', '%2e%2e', '%00', '%ff'), fc.webSegment()), {
      minLength: 1,
      maxLength: 5,
    })
    .map((segs) => `/${segs.join('/')}`),
);

/** Whether a generated (method, path) reaches a handler with the right token: a 2xx is allowed there. */
function routeOf(method: string, path: string): string | undefined {
  let p: string;
  try {
    p = decodeURIComponent(path.split(/[?#]/, 1)[0]!);
    p = new URL(`http://x${p}`).pathname; // dots resolved as the client does
  } catch {
    return undefined;
  }
  const m = method === 'HEAD' ? 'GET' : method;
  return ROUTES.find(([rm, rp]) => rm === m && rp === p)?.[1];
}

// ---------------------------------------------------------------------------------------------------

test('fuzz: random requests on every route get a 4xx (a 2xx when valid), never a 5xx or a hang; the server still compiles', async (t) => {
  const message = `fuzz seed ${SEED} (replay with FBUILD_FUZZ_SEED=${SEED})`;
  t.diagnostic(message);
  console.log(message);
  const tmp = tempDir('fbuild-fuzz-routes-');
  let server: ChildServer | undefined;
  const agent = new Agent({ connections: 4, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });
  const statuses = new Map<string, number>();
  const seen = (what: string, res: Res) => {
    const key = `${what.split(' ', 1)[0]} ${res.status}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  };
  try {
    const root = tmp.dir;
    const ws = join(root, 'ws');
    writeFiles(ws, { 'a.c': 'int a(int x) { return x + 1; }\n', 'sub/b.c': 'int b;\n', 'a.rsp': '-c a.c\n' });
    const srv = await startChildServer({ cacheDir: join(root, 'cache'), port: 0, token: TOKEN, allowRoots: [root], jobs: 2 });
    server = srv;
    const url = srv.url;
    const t0 = performance.now();

    await t.test('bodies of the right and wrong shapes, random bytes, wrong content types, with and without the token', async () => {
      await check('bodies', srv, fc.tuple(bodyCase(ws), authOf, contentType), runs(800), async ([c, auth, type]) => {
        const shutdownOk = c.route === '/v1/shutdown' && auth === 'right' && isShutdown(c.body);
        const req: Req = {
          method: 'POST',
          path: c.route,
          headers: { ...authHeader(auth), ...(type ? { 'content-type': type } : {}) },
          // A body that would be a valid shutdown goes with a wrong token instead.
          body: c.body,
        };
        if (shutdownOk) req.headers.authorization = 'Bearer not-the-token';
        const res = await call(url, agent, req);
        seen(`${c.route} ${c.shape} ${auth}`, res);
        // No valid shutdown is ever sent with the right token: a 2xx there means the server is stopping.
        checkAnswer(req, res, auth === 'right' && c.route !== '/v1/shutdown' && c.mayBeValid);
        // No token, a wrong one: 401; an Authorization header that is not a bearer token: 400.
        if (auth !== 'right' || shutdownOk) assert.equal(res.status, auth === 'malformed' ? 400 : 401, show(req, res));
        if (res.status === 200 && c.route === '/v1/compile') {
          const a = unpack(res.body) as { exitCode: unknown; outcome: unknown };
          assert.equal(typeof a.exitCode, 'number', show(req, res));
          assert.match(String(a.outcome), /^(hit|miss|uncacheable|error)$/, show(req, res));
        }
        if (res.status === 200 && c.route === '/v1/build') {
          // A build's stream always ends with its result or its error.
          const lines = res.body.toString('utf8').trim().split('\n');
          const last = JSON.parse(lines.at(-1)!) as { type: string };
          assert.match(last.type, /^(done|error)$/, show(req, res));
        }
      });
    });

    await t.test('random methods, paths and headers, with and without the token', async () => {
      const arb = fc.record({
        method: fc.constantFrom(...METHODS),
        path: pathOf,
        auth: authOf,
        headers: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
        body: fc.option(
          fc.oneof(
            fc.uint8Array({ maxLength: 512 }),
            randomJson.map((v) => JSON.stringify(v)),
          ),
          { nil: undefined },
        ),
      });
      await check('methods-paths-headers', srv, arb, runs(600), async (g) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(g.headers)) if (!FORBIDDEN_HEADERS.has(k)) headers[k] = v;
        Object.assign(headers, authHeader(g.auth));
        const route = routeOf(g.method, g.path);
        // Never a valid shutdown (it would stop the server under test), never a build of a real project.
        let body = g.body;
        if (route === '/v1/shutdown' || route === '/v1/build') body = '["not a valid body"]';
        if (g.method === 'GET' || g.method === 'HEAD') body = undefined;
        const req: Req = { method: g.method, path: g.path, headers, ...(body !== undefined ? { body } : {}) };
        const res = await call(url, agent, req);
        seen(`${g.method} ${route ?? 'other'}`, res);
        const authorized = route === '/health' || carriesToken(headers.authorization);
        checkAnswer(req, res, route !== undefined && authorized);
      });
    });

    await t.test('bodies just under and over the limits, in one piece or chunked', async () => {
      const arb = fc.record({
        route: fc.constantFrom('/v1/compile', '/v1/build', '/v1/shutdown'),
        delta: fc.oneof(fc.integer({ min: -4096, max: 4096 }), fc.constantFrom(-1, 0, 1, 2 ** 20)),
        fill: fc.constantFrom(0x00, 0x20, 0x7b, 0xc0, 0xff, -1),
        chunked: fc.boolean(),
        chunk: fc.integer({ min: 1024, max: 256 * 1024 }),
      });
      await check('limits', srv, arb, runs(40), async (g) => {
        const limit = g.route === '/v1/compile' ? COMPILE_LIMIT : JSON_LIMIT;
        const size = Math.max(0, limit + g.delta);
        const bytes = g.fill < 0 ? randomBytes(size) : Buffer.alloc(size, g.fill);
        // Never a valid body: a JSON body that parses is an array (not an object); msgpack of many values.
        if (g.route !== '/v1/compile' && size > 0) bytes[0] = 0x5b;
        const body = g.chunked
          ? () =>
              Readable.from(
                (function* () {
                  for (let i = 0; i < bytes.length; i += g.chunk) yield bytes.subarray(i, i + g.chunk);
                })(),
              )
          : bytes;
        const req: Req = { method: 'POST', path: g.route, headers: authHeader('right'), body };
        // Each on a connection of its own: a 413 closes the connection it came on.
        const alone = new Agent({ headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });
        let res: Res;
        try {
          res = await call(url, alone, req);
        } catch (e) {
          // A server may answer 413 and close before it has read the whole body: the client then sees the
          // connection reset while it still sends. That is a refusal too, but only over the limit.
          if (size > limit && /other side closed|ECONNRESET|EPIPE|socket/i.test((e as Error).message)) return;
          throw e;
        } finally {
          await alone.destroy();
        }
        seen(`${g.route} ${size > limit ? 'over' : 'under'}`, res);
        checkAnswer(req, res, false);
        assert.equal(res.status, size > limit ? 413 : 400, show(req, res));
      });
    });

    await t.test('raw bytes on the socket: garbage, truncated requests, half-open sockets', async () => {
      const valid = `POST /v1/compile HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 10\r\n\r\n0123456789`;
      const arb = fc.oneof(
        fc.uint8Array({ minLength: 1, maxLength: 2048 }),
        fc.nat({ max: valid.length }).map((n) => Buffer.from(valid.slice(0, n))),
        fc
          .tuple(fc.nat({ max: valid.length }), fc.uint8Array({ maxLength: 256 }))
          .map(([n, tail]) => Buffer.concat([Buffer.from(valid.slice(0, n)), tail])),
      );
      const port = Number(new URL(url).port);
      await check('raw-socket', srv, arb, runs(200), async (bytes) => {
        const reply = await within(
          new Promise<string>((resolve, reject) => {
            const s = connect(port, '127.0.0.1');
            let got = '';
            s.on('data', (b: Buffer) => (got += b.toString('latin1')));
            s.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve(got) : reject(e)));
            s.on('close', () => resolve(got));
            s.end(bytes); // and half-close: the server must answer what it has and close
          }),
          REQUEST_TIMEOUT_MS,
          `raw socket of ${bytes.length} bytes`,
        );
        for (const m of reply.matchAll(/HTTP\/1\.[01] (\d{3})/g)) {
          assert.ok(
            Number(m[1]) < 500,
            `a ${m[1]} for raw bytes ${Buffer.from(bytes).subarray(0, 80).toString('hex')}: ${reply.slice(0, 300)}`,
          );
        }
      });
    });

    t.diagnostic(`fuzz: ${Math.round(performance.now() - t0)} ms; answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);

    // Afterwards: up, and still compiling right (a fresh source: a miss, then a hit).
    const health = await call(url, agent, { method: 'GET', path: '/health', headers: {} });
    assert.equal(health.status, 200);
    writeFiles(ws, { 'after.c': `int after_${randomBytes(6).toString('hex')}(int x) { return x * 3; }\n` });
    const compile = (): Promise<Res> =>
      call(url, agent, {
        method: 'POST',
        path: '/v1/compile',
        headers: authHeader('right'),
        body: pack({ compiler: 'avr-gcc', args: ['-c', '-mmcu=atmega328p', 'after.c', '-o', 'after.o'], cwd: ws }),
      });
    const first = unpack((await compile()).body) as { exitCode: number; outcome: string; stderr: Uint8Array };
    assert.equal(first.exitCode, 0, Buffer.from(first.stderr).toString());
    assert.equal(first.outcome, 'miss');
    const second = unpack((await compile()).body) as { exitCode: number; outcome: string };
    assert.equal(second.outcome, 'hit');
    assert.equal(server.child.exitCode, null, 'the server process is alive');
    assert.doesNotMatch(server.stderr(), /internal error|\n\s+at /, 'the server wrote a stack trace');
  } finally {
    await agent.destroy();
    await server?.stop();
    tmp.cleanup();
  }
});

// The cache server's guards, from the outside: token, body limits, malformed and misplaced requests,
// the one-server-per-cache-dir lock (the fuzz of every route is in fuzz-routes.test.ts), the Unix socket, and shutdown.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Agent } from 'undici';
import { pack, unpack } from 'msgpackr';
import { startServer, type RunningServer, type ServerOptions } from '../server/http/startServer.ts';
import { CacheClient, ServerError } from '../src/client/cacheClient.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { fbuildAsync } from './helpers/buildCli.ts';
import {
  compilerChildrenOf,
  compilersMentioning,
  jsonOf,
  send,
  sleep,
  slowSource,
  startChildServer,
  within,
  type Answer,
  type ChildServer,
  type SendOptions,
} from './helpers/serverHarness.ts';

const TOKEN = 'guards-0123456789abcdef';
const COMPILE_LIMIT = 8 * 1024 * 1024;
const JSON_LIMIT = 64 * 1024;
const MSGPACK = 'application/msgpack';
const JSON_TYPE = 'application/json';

interface CompileAnswer {
  exitCode: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  outcome: string;
  reason?: string;
}

const text = (a: Answer) => a.body.toString('utf8').slice(0, 300);

function assertJsonError(a: Answer, status: number, what: string): void {
  assert.equal(a.status, status, `${what}: expected ${status}, got ${a.status}: ${text(a)}`);
  assert.match(String(a.headers['content-type']), /application\/json/, `${what}: content-type`);
  const body = jsonOf(a) as { error?: unknown } | undefined;
  assert.ok(body && typeof body.error === 'string' && body.error.length > 0, `${what}: body is not {error}: ${text(a)}`);
}

function compileAnswer(a: Answer): CompileAnswer {
  assert.equal(a.status, 200, `compile: HTTP ${a.status}: ${text(a)}`);
  return unpack(a.body) as CompileAnswer;
}

const postCompile = (url: string, body: unknown, token = TOKEN) =>
  send(url, '/v1/compile', { token, body: pack(body), contentType: MSGPACK });
const postJson = (url: string, path: string, body: string, token = TOKEN) => send(url, path, { token, body, contentType: JSON_TYPE });

/** One call on its own connection, closed afterwards (the server may drop a connection after a 413). */
async function sendAlone(url: string, path: string, opts: SendOptions): Promise<Answer> {
  const agent = new Agent();
  try {
    return await send(url, path, { ...opts, dispatcher: agent });
  } finally {
    await agent.destroy();
  }
}

async function waitFor(what: string, ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

async function statsOf(url: string): Promise<{ compiles: number; hits: number; misses: number }> {
  const a = await send(url, '/v1/stats', { token: TOKEN });
  assert.equal(a.status, 200, text(a));
  return jsonOf(a) as { compiles: number; hits: number; misses: number };
}

const serverOpts = (root: string, extra: { socket?: string } = {}): ServerOptions & { cacheDir: string } => ({
  cacheDir: join(root, 'cache'),
  ...(extra.socket ? { socket: extra.socket } : { port: 0 }),
  token: TOKEN,
  allowRoots: [root],
});

/** A small C file whose content is unique to this run, so its first compile is a miss. */
const uniqueC = () => `int answer_${randomBytes(6).toString('hex')}(int x) { return x * 2 + 1; }\n`;
const AVR_C = (src: string, obj: string) => ['-c', '-mmcu=atmega328p', src, '-o', obj];

test('token, body limits, malformed and misplaced requests are refused; the server still compiles afterwards', async (t) => {
  const tmp = tempDir('fbuild-guards-');
  const outside = tempDir('fbuild-outside-');
  let server: RunningServer | undefined;
  try {
    const root = tmp.dir;
    const ws = join(root, 'ws');
    writeFiles(ws, { 'a.c': uniqueC() });
    symlinkSync(outside.dir, join(root, 'escape'));
    server = await startServer(serverOpts(root));
    const url = server.url;
    const validCompile = { compiler: 'avr-gcc', args: AVR_C('a.c', 'a.o'), cwd: ws };

    await t.test('1. token: 401 without it or with a wrong one; 200 with it; /health needs none', async (st) => {
      assertJsonError(await send(url, '/v1/stats'), 401, 'stats without Authorization');
      assertJsonError(await send(url, '/v1/stats', { token: 'not-the-token' }), 401, 'stats with a wrong token');
      assertJsonError(await send(url, '/v1/stats', { token: `${TOKEN}0` }), 401, 'stats with the token plus a character');
      assertJsonError(await send(url, '/v1/compile', { body: pack(validCompile), contentType: MSGPACK }), 401, 'compile without a token');
      assertJsonError(await postCompile(url, validCompile, 'wrong'), 401, 'compile with a wrong token');
      assertJsonError(await postJson(url, '/v1/build', JSON.stringify({ projectDir: ws }), 'wrong'), 401, 'build with a wrong token');
      assertJsonError(await send(url, '/v1/flush', { method: 'POST' }), 401, 'flush without a token');
      assertJsonError(await postJson(url, '/v1/shutdown', '{"mode":"force"}', 'wrong'), 401, 'shutdown with a wrong token');
      assert.ok(!existsSync(join(ws, 'a.o')), 'a refused compile must not run');

      const ok = await send(url, '/v1/stats', { token: TOKEN });
      assert.equal(ok.status, 200, text(ok));
      const stats = jsonOf(ok) as { compiles: number; processes: { compilers: number } };
      assert.equal(stats.compiles, 0);
      assert.equal(stats.processes.compilers, 0);

      const health = await send(url, '/health');
      assert.equal(health.status, 200);
      assert.equal((jsonOf(health) as { ok: boolean }).ok, true);

      await st.test('the 401 answers carry the configured messages and a WWW-Authenticate header', async () => {
        const missing = await send(url, '/v1/stats');
        const wrong = await send(url, '/v1/stats', { token: 'not-the-token' });
        assert.equal(
          (jsonOf(missing) as { error: string }).error,
          "no token: set FBUILD_CACHE_TOKEN (or FBUILD_CACHE_TOKEN_FILE) to the token 'fbuild serve' printed or was given",
        );
        assert.equal((jsonOf(wrong) as { error: string }).error, 'wrong token');
        assert.ok(missing.headers['www-authenticate'], 'WWW-Authenticate on 401');
      });
    });

    await t.test('2. 413: a compile body over 8 MiB, a build body over 64 KiB', async (st) => {
      assertJsonError(
        await sendAlone(url, '/v1/compile', { token: TOKEN, body: Buffer.alloc(COMPILE_LIMIT + 1, 0xc0), contentType: MSGPACK }),
        413,
        'compile body of 8 MiB + 1',
      );
      const padded = JSON.stringify({ projectDir: ws, environment: 'x'.repeat(JSON_LIMIT) });
      assertJsonError(
        await sendAlone(url, '/v1/build', { token: TOKEN, body: padded, contentType: JSON_TYPE }),
        413,
        'build body over 64 KiB',
      );
      assertJsonError(
        await sendAlone(url, '/v1/shutdown', { token: TOKEN, body: padded, contentType: JSON_TYPE }),
        413,
        'shutdown body over 64 KiB',
      );
      // At the limit the body is read, and refused for what it is (not one msgpack value / wrong type).
      assertJsonError(
        await sendAlone(url, '/v1/compile', { token: TOKEN, body: Buffer.alloc(COMPILE_LIMIT, 0xc0), contentType: MSGPACK }),
        400,
        'compile body of exactly 8 MiB',
      );
      const atLimit = JSON.stringify({ projectDir: 5, pad: '' });
      const exact = atLimit.replace('"pad":""', `"pad":"${'y'.repeat(JSON_LIMIT - atLimit.length)}"`);
      assert.equal(Buffer.byteLength(exact), JSON_LIMIT);
      assertJsonError(
        await sendAlone(url, '/v1/build', { token: TOKEN, body: exact, contentType: JSON_TYPE }),
        400,
        'build body of exactly 64 KiB',
      );

      await st.test('after a 413 the same keep-alive connection still serves the next request', async () => {
        const agent = new Agent({ connections: 1 });
        try {
          const big = await send(url, '/v1/compile', {
            token: TOKEN,
            body: Buffer.alloc(COMPILE_LIMIT + 1),
            contentType: MSGPACK,
            dispatcher: agent,
          });
          assert.equal(big.status, 413);
          const next = await send(url, '/v1/stats', { token: TOKEN, dispatcher: agent });
          assert.equal(next.status, 200);
        } finally {
          await agent.destroy();
        }
      });
    });

    await t.test('3. 400: malformed bodies and bodies of the wrong shape', async () => {
      const compileCases: [string, Uint8Array][] = [
        ['a byte that msgpack never uses', Buffer.from([0xc1])],
        ['a truncated msgpack map', pack(validCompile).subarray(0, 10)],
        ['an empty body', Buffer.alloc(0)],
        ['two msgpack values', Buffer.concat([pack(validCompile), pack(1)])],
        ['JSON instead of msgpack', Buffer.from(JSON.stringify(validCompile))],
        ['an array', pack([validCompile])],
        ['a string', pack('avr-gcc -c a.c')],
        ['no compiler', pack({ args: AVR_C('a.c', 'a.o'), cwd: ws })],
        ['an empty compiler', pack({ ...validCompile, compiler: '' })],
        ['a compiler that is a number', pack({ ...validCompile, compiler: 7 })],
        ['args not strings', pack({ ...validCompile, args: ['-c', 5, 'a.c'] })],
        ['args a string', pack({ ...validCompile, args: '-c a.c' })],
        ['no args', pack({ compiler: 'avr-gcc', cwd: ws })],
        ['a relative cwd', pack({ ...validCompile, cwd: 'ws' })],
        ['no cwd', pack({ compiler: 'avr-gcc', args: AVR_C('a.c', 'a.o') })],
        ['env values not strings', pack({ ...validCompile, env: { PATH: 1 } })],
        ['env an array', pack({ ...validCompile, env: ['PATH=/usr/bin'] })],
        ['a relative workspaceRoot', pack({ ...validCompile, workspaceRoot: 'ws' })],
      ];
      for (const [what, body] of compileCases) {
        assertJsonError(await send(url, '/v1/compile', { token: TOKEN, body, contentType: MSGPACK }), 400, `compile: ${what}`);
      }
      const buildCases: [string, string][] = [
        ['malformed JSON', '{"projectDir": '],
        ['not JSON at all', 'projectDir=/x'],
        ['an empty body', ''],
        ['an array', JSON.stringify([ws])],
        ['a number', '42'],
        ['no projectDir', JSON.stringify({ environment: 'uno' })],
        ['projectDir a number', JSON.stringify({ projectDir: 5 })],
        ['a relative projectDir', JSON.stringify({ projectDir: 'ws' })],
        ['environment a number', JSON.stringify({ projectDir: ws, environment: 3 })],
        ['jobs 0', JSON.stringify({ projectDir: ws, jobs: 0 })],
        ['jobs 1.5', JSON.stringify({ projectDir: ws, jobs: 1.5 })],
        ['jobs a string', JSON.stringify({ projectDir: ws, jobs: '4' })],
        ['noCache a number', JSON.stringify({ projectDir: ws, noCache: 1 })],
        ['force a string', JSON.stringify({ projectDir: ws, force: 'yes' })],
        ['an unknown backend', JSON.stringify({ projectDir: ws, backend: 'remote' })],
      ];
      for (const [what, body] of buildCases) assertJsonError(await postJson(url, '/v1/build', body), 400, `build: ${what}`);
      for (const [what, body] of [
        ['an unknown mode', '{"mode":"sideways"}'],
        ['mode a number', '{"mode":1}'],
        ['mode null (found by the fuzz: it used to stop the server)', '{"mode":null}'],
        ['malformed JSON', '{"mode":'],
        ['an array', '["force"]'],
      ] as const) {
        assertJsonError(await postJson(url, '/v1/shutdown', body), 400, `shutdown: ${what}`);
      }
      assert.equal((await send(url, '/health')).status, 200, 'a refused shutdown leaves the server up');
    });

    await t.test('4. 403: paths outside the allowed roots, also through a symlink', async (st) => {
      const outsideObj = join(outside.dir, 'x.o');
      const cases: [string, unknown][] = [
        ['cwd outside', { ...validCompile, cwd: outside.dir }],
        ['cwd a symlink inside the root to outside', { ...validCompile, cwd: join(root, 'escape') }],
        ['cwd under that symlink, not existing', { ...validCompile, cwd: join(root, 'escape', 'sub') }],
        ['-o outside', { ...validCompile, args: AVR_C('a.c', outsideObj) }],
        ['-oPATH outside', { ...validCompile, args: ['-c', '-mmcu=atmega328p', 'a.c', `-o${outsideObj}`] }],
        ['-o relative, climbing out', { ...validCompile, args: AVR_C('a.c', relative(ws, outsideObj)) }],
        ['-o through the symlink', { ...validCompile, args: AVR_C('a.c', '../escape/x.o') }],
        ['-MF outside', { ...validCompile, args: [...AVR_C('a.c', 'a.o'), '-MMD', '-MF', join(outside.dir, 'a.d')] }],
        ['-MFPATH outside', { ...validCompile, args: [...AVR_C('a.c', 'a.o'), '-MMD', `-MF${join(outside.dir, 'a.d')}`] }],
      ];
      for (const [what, body] of cases) assertJsonError(await postCompile(url, body), 403, `compile: ${what}`);
      for (const [what, dir] of [
        ['projectDir outside', outside.dir],
        ['projectDir a symlink to outside', join(root, 'escape')],
      ]) {
        assertJsonError(await postJson(url, '/v1/build', JSON.stringify({ projectDir: dir })), 403, `build: ${what}`);
      }
      assert.deepEqual(readdirSync(outside.dir), [], 'nothing was written outside the root');
      assert.ok(!existsSync(join(ws, 'a.o')));
      assert.equal((await statsOf(url)).compiles, 0, 'no refused request reached the cache service');

      await st.test('an output outside the root, named through a response file, is refused', async () => {
        writeFiles(ws, { 'outside.rsp': `-o ${join(outside.dir, 'rsp.o')}\n` });
        const a = await postCompile(url, { ...validCompile, args: ['-c', '-mmcu=atmega328p', 'a.c', '@outside.rsp'] });
        assert.ok(!existsSync(join(outside.dir, 'rsp.o')), 'the object was written outside the allowed roots');
        assert.equal(a.status, 403, text(a));
      });
      await st.test('an output outside the root, named with --output=, is refused', async () => {
        const a = await postCompile(url, {
          ...validCompile,
          args: ['-c', '-mmcu=atmega328p', 'a.c', `--output=${join(outside.dir, 'long.o')}`],
        });
        assert.ok(!existsSync(join(outside.dir, 'long.o')), 'the object was written outside the allowed roots');
        assert.equal(a.status, 403, text(a));
      });
      await st.test('a depfile outside the root, passed to the preprocessor with -Wp,-MD, is refused', async () => {
        const depfile = join(outside.dir, 'wp.d');
        const a = await postCompile(url, { ...validCompile, args: ['-c', '-mmcu=atmega328p', 'a.c', '-o', 'a.o', `-Wp,-MD,${depfile}`] });
        assert.ok(!existsSync(depfile), 'the depfile was written outside the allowed roots');
        assert.equal(a.status, 403, text(a));
      });
    });

    await t.test('5. after all of that, a real compile is a miss, then a hit', async () => {
      const ws5 = join(root, 'ws5');
      writeFiles(ws5, { 'a.c': uniqueC() });
      const body = { compiler: 'avr-gcc', args: AVR_C('a.c', 'a.o'), cwd: ws5 };
      const first = compileAnswer(await postCompile(url, body));
      assert.equal(first.exitCode, 0, Buffer.from(first.stderr).toString());
      assert.equal(first.outcome, 'miss', first.reason);
      assert.ok(statSync(join(ws5, 'a.o')).size > 0);
      const second = compileAnswer(await postCompile(url, body));
      assert.equal(second.exitCode, 0);
      assert.equal(second.outcome, 'hit', second.reason);
      assert.ok((await statsOf(url)).hits >= 1);
      assert.equal((await send(url, '/health')).status, 200);
    });
  } finally {
    await server?.shutdown('force');
    tmp.cleanup();
    outside.cleanup();
  }
});

// ---------------------------------------------------------------------------------------------------
// One server per cache dir

test('a second server on the same cache dir is refused while the first lives, and starts once it is gone', async (t) => {
  const tmp = tempDir('fbuild-lock-');
  let first: ChildServer | undefined;
  let again: RunningServer | undefined;
  try {
    const opts = serverOpts(tmp.dir);
    const lockFile = join(opts.cacheDir, 'v1', 'server.lock');
    // The first server runs in another process: the lock tells servers of different processes apart.
    first = await startChildServer(opts);
    assert.equal((await send(first.url, '/health')).status, 200);
    assert.equal((JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid, first.child.pid);

    await assert.rejects(startServer(opts), (e: Error) => {
      assert.match(e.message, /holds the cache dir/);
      assert.ok(e.message.includes(first!.url), e.message);
      return true;
    });
    assert.equal((await send(first.url, '/v1/stats', { token: TOKEN })).status, 200, 'the first server is unharmed');
    assert.equal((JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid, first.child.pid, 'the lock is still the first one’s');

    await first.stop();
    assert.deepEqual(await first.exited, { code: 0, signal: null });
    assert.ok(!existsSync(lockFile), 'a graceful stop releases the lock');

    again = await startServer(opts);
    assert.equal((await send(again.url, '/health')).status, 200);
    assert.equal((await send(again.url, '/v1/stats', { token: TOKEN })).status, 200);
    assert.equal((JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid, process.pid);

    await t.test('a second server in the same process is refused too', async () => {
      let second: RunningServer | undefined;
      try {
        await assert.rejects(
          (async () => {
            second = await startServer(opts);
          })(),
          /holds the cache dir/,
        );
      } finally {
        await second?.shutdown('force');
      }
    });
  } finally {
    await again?.shutdown('force');
    await first?.stop();
    tmp.cleanup();
  }
});

// ---------------------------------------------------------------------------------------------------
// Unix socket

test('on a Unix socket: mode 0600, a unix:// URL, and the client works over it', async (t) => {
  const tmp = tempDir('fbuild-sock-');
  let server: RunningServer | undefined;
  let client: CacheClient | undefined;
  let wrong: CacheClient | undefined;
  try {
    const socket = join(tmp.dir, 's.sock');
    server = await startServer(serverOpts(tmp.dir, { socket }));
    const st = statSync(socket);
    assert.ok(st.isSocket());
    assert.equal((st.mode & 0o777).toString(8), '600');
    assert.ok(server.url.startsWith('unix://'), server.url);
    assert.equal(server.url, `unix://${socket}`);

    client = new CacheClient(server.url, TOKEN);
    assert.equal(await client.health(), true);
    const stats = await client.stats();
    assert.equal(stats.compiles, 0);
    assert.deepEqual(stats.processes, { compilers: 0, wrappers: 0 });
    wrong = new CacheClient(server.url, 'not-the-token');
    await assert.rejects(wrong.stats(), (e) => e instanceof ServerError && e.status === 401);

    await server.shutdown('graceful');
    await server.closed;
    server = undefined;
    assert.ok(!existsSync(socket), 'the socket file is removed at shutdown');

    await t.test("a refused second server leaves the first one's socket alone", async () => {
      const shared = join(tmp.dir, 'shared.sock');
      const sharedOpts = serverOpts(tmp.dir, { socket: shared });
      const first = await startChildServer(sharedOpts);
      const c = new CacheClient(first.url, TOKEN);
      try {
        assert.equal((await c.stats()).compiles, 0);
        await assert.rejects(startServer(sharedOpts), /holds the cache dir/);
        assert.ok(existsSync(shared), 'the first server’s socket file is gone');
        assert.equal((await c.stats()).compiles, 0);
      } finally {
        await c.close();
        await first.stop();
      }
    });
  } finally {
    await client?.close();
    await wrong?.close();
    await server?.shutdown('force');
    tmp.cleanup();
  }
});

// ---------------------------------------------------------------------------------------------------
// Shutdown

const SLOW_FUNCTIONS = 1000;
let slowCompileMs: number | undefined;

test('graceful shutdown lets a running compile finish, then flushes the index', async (t) => {
  const tmp = tempDir('fbuild-graceful-');
  let server: RunningServer | undefined;
  const keptAlive = new Agent({ connections: 1 });
  const fresh = new Agent();
  try {
    const ws = join(tmp.dir, 'ws');
    writeFiles(ws, { 'slow.c': `/* ${randomBytes(6).toString('hex')} */\n${slowSource(SLOW_FUNCTIONS)}` });
    const opts = serverOpts(tmp.dir);
    server = await startServer(opts);
    const url = server.url;
    const index = join(opts.cacheDir, 'v2', 'index.msgpack');

    const started = performance.now();
    const inflight = send(url, '/v1/compile', {
      token: TOKEN,
      body: pack({ compiler: 'avr-gcc', args: ['-O2', ...AVR_C('slow.c', 'slow.o')], cwd: ws }),
      contentType: MSGPACK,
      dispatcher: keptAlive,
    });
    await waitFor('the compiler to start', () => compilerChildrenOf(process.pid).length > 0, 10_000);
    assert.ok(!existsSync(index), 'no index before the flush');

    const sd = await postJson(url, '/v1/shutdown', JSON.stringify({ mode: 'graceful' }));
    assert.equal(sd.status, 200, text(sd));
    assert.deepEqual(jsonOf(sd), { ok: true, mode: 'graceful' });
    const stillCompiling = compilerChildrenOf(process.pid).length > 0;

    const answer = compileAnswer(await within(inflight, 60_000, 'the compile answer'));
    slowCompileMs = performance.now() - started;
    assert.ok(stillCompiling, 'the compile was still running when the shutdown was asked for');
    assert.equal(answer.exitCode, 0, Buffer.from(answer.stderr).toString());
    assert.equal(answer.outcome, 'miss', answer.reason);
    assert.ok(statSync(join(ws, 'slow.o')).size > 0);

    await within(server.closed, 30_000, 'closed');
    server = undefined;
    assert.ok(existsSync(index), 'the index was flushed');
    const flushed = unpack(readFileSync(index)) as { v: number; entries: Record<string, unknown> };
    assert.equal(flushed.v, 2);
    assert.equal(Object.keys(flushed.entries).length, 1);
    assert.ok(!existsSync(join(opts.cacheDir, 'v1', 'server.lock')), 'the lock is released');
    await assert.rejects(send(url, '/health', { dispatcher: fresh }), 'the server no longer accepts connections');

    await t.test('once closed, the connection that carried the compile is not served any more', async () => {
      const late = await send(url, '/v1/compile', {
        token: TOKEN,
        body: pack({ compiler: 'avr-gcc', args: ['-O2', ...AVR_C('slow.c', 'slow.o')], cwd: ws }),
        contentType: MSGPACK,
        dispatcher: keptAlive,
      }).then(
        (a) => `HTTP ${a.status} ${text(a)}`,
        () => 'connection closed',
      );
      assert.equal(late, 'connection closed');
    });
  } finally {
    await keptAlive.destroy();
    await fresh.destroy();
    await server?.shutdown('force');
    tmp.cleanup();
  }
});

test('force shutdown kills a running compile and closes', async (t) => {
  const tmp = tempDir('fbuild-force-');
  let server: RunningServer | undefined;
  // A source name unique to this run: it shows in the command lines of the driver and of cc1.
  const source = `slow_${randomBytes(6).toString('hex')}.c`;
  try {
    const ws = join(tmp.dir, 'ws');
    const ccTmp = join(tmp.dir, 'cctmp');
    mkdirSync(ccTmp);
    writeFiles(ws, { [source]: slowSource(SLOW_FUNCTIONS) });
    server = await startServer(serverOpts(tmp.dir));
    const url = server.url;
    const closed = server.closed;

    // TMPDIR: a killed driver leaves its temporary files; keep them in the test's directory.
    const env = { ...(process.env as Record<string, string>), TMPDIR: ccTmp };
    const inflight = postCompile(url, { compiler: 'avr-gcc', args: ['-O2', ...AVR_C(source, 'slow.o')], cwd: ws, env }).then(
      (a) => ({ answer: a }),
      (e: Error) => ({ error: e }),
    );
    await waitFor('cc1 to start', () => compilersMentioning(source).some((p) => p.comm === 'cc1'), 10_000);
    await sleep(100);

    const asked = performance.now();
    const sd = await postJson(url, '/v1/shutdown', JSON.stringify({ mode: 'force' }));
    assert.equal(sd.status, 200, text(sd));
    assert.deepEqual(jsonOf(sd), { ok: true, mode: 'force' });
    await sleep(200);
    const survivors = compilersMentioning(source);

    const settled = await within(inflight, 30_000, 'the compile request');
    if ('answer' in settled) {
      const a = compileAnswer(settled.answer);
      assert.notEqual(a.exitCode, 0, 'a killed compile cannot succeed');
    } else {
      assert.ok(settled.error instanceof Error, 'the compile request failed (its connection was closed)');
    }
    await within(closed, 30_000, 'closed');
    const closedMs = performance.now() - asked;
    server = undefined;
    t.diagnostic(
      `force: closed ${Math.round(closedMs)} ms after the request; the slow compile takes ~${Math.round(slowCompileMs ?? NaN)} ms`,
    );

    assert.deepEqual(compilerChildrenOf(process.pid), [], 'no compiler process is left as a child of this process');
    await waitFor('every compiler process of this request to be gone', () => compilersMentioning(source).length === 0, 15_000);
    assert.ok(!existsSync(join(ws, 'slow.o')), 'no object from a killed compile');

    await t.test('no compiler process of the request survives the kill, not even re-parented ones', () => {
      assert.deepEqual(
        survivors.map((p) => `${p.pid} ${p.comm} ppid=${p.ppid}`),
        [],
      );
    });
  } finally {
    await server?.shutdown('force');
    tmp.cleanup();
  }
});

// ---------------------------------------------------------------------------------------------------
// A bad byte must not bring the server down (run in a child process: the bug kills the process).

test('a NUL byte in an argument is refused and does not crash the server', async () => {
  const tmp = tempDir('fbuild-nul-');
  let child: ChildServer | undefined;
  try {
    const ws = join(tmp.dir, 'ws');
    writeFiles(ws, { 'a.c': uniqueC() });
    child = await startChildServer(serverOpts(tmp.dir));
    const outcome = await postCompile(child.url, { compiler: 'avr-gcc', args: ['-c', 'a\u0000.c'], cwd: ws }).then(
      (a) => `HTTP ${a.status}`,
      (e: Error) => `request failed: ${e.message}`,
    );
    await sleep(300);
    const alive = child.child.exitCode === null && child.child.signalCode === null;
    assert.ok(alive, `the server process exited after the request (${outcome}); its stderr: ${child.stderr().slice(0, 400)}`);
    assert.match(outcome, /^HTTP 4\d\d$/);
    assert.equal((await send(child.url, '/health')).status, 200);
  } finally {
    await child?.stop();
    tmp.cleanup();
  }
});

// ---------------------------------------------------------------------------------------------------
// Where a build writes: its build dir (and lib_deps dir) must stay inside the roots too, as an `-o`
// must. A symlinked `.fbuild` or `.pio` inside the project that points out is the usual way out.

test('/v1/build refuses a build dir that leads outside the roots (a symlinked .fbuild or .pio, a build_dir); inside is fine', async (t) => {
  const tmp = tempDir('fbuild-builddir-');
  const outside = tempDir('fbuild-builddir-outside-');
  let server: RunningServer | undefined;
  const project = (name: string, ini = '') => {
    const dir = join(tmp.dir, name);
    cpSync(join(import.meta.dirname, 'fixtures', 'native'), dir, { recursive: true });
    if (ini) writeFileSync(join(dir, 'platformio.ini'), `${ini}\n${readFileSync(join(dir, 'platformio.ini'), 'utf8')}`);
    return dir;
  };
  const buildBody = (projectDir: string) => JSON.stringify({ projectDir, environment: 'native' });
  try {
    server = await startServer(serverOpts(tmp.dir));
    const url = server.url;
    const viaFbuild = project('via-fbuild');
    symlinkSync(outside.dir, join(viaFbuild, '.fbuild'));
    const viaPio = project('via-pio', '[platformio]\nbuild_dir = .pio/build');
    symlinkSync(outside.dir, join(viaPio, '.pio'));
    const absolute = project('absolute', `[platformio]\nbuild_dir = ${join(outside.dir, 'abs')}`);
    const libdeps = project('libdeps', '[env]\nlib_deps = SomeLib');
    symlinkSync(outside.dir, join(libdeps, '.pio'));

    await t.test('403 naming the directory and where it leads, for each way out; nothing written outside', async () => {
      for (const [what, dir, names] of [
        ['.fbuild a symlink to outside', viaFbuild, /\.fbuild\/build\/native \(it leads to .*a symlink/],
        ['.pio a symlink to outside, build_dir = .pio/build', viaPio, /\.pio\/build\/native \(it leads to .*a symlink/],
        ['build_dir outside', absolute, /abs\/native, outside the allowed roots/],
        ['.pio a symlink to outside, lib_deps to install there', libdeps, /\.pio\/libdeps\/native \(it leads to/],
      ] as const) {
        const a = await postJson(url, '/v1/build', buildBody(dir));
        assertJsonError(a, 403, `build: ${what}`);
        assert.match((jsonOf(a) as { error: string }).error, names, what);
        assert.match((jsonOf(a) as { error: string }).error, /--allow-root/, what);
      }
      assert.deepEqual(readdirSync(outside.dir), [], 'nothing was written outside the root');
    });

    await t.test("the CLI through the server: exit 2, the server's one line, no advice to start a server", async () => {
      const r = await fbuildAsync(['build', viaFbuild, '-e', 'native'], {
        env: { FBUILD_CACHE_URL: url, FBUILD_CACHE_TOKEN: TOKEN },
      });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^fbuild build: fbuild server: the build would write in .*outside the allowed roots.*\(HTTP 403\)\n$/);
      assert.doesNotMatch(r.stderr, /start it with 'fbuild serve'/);
      assert.deepEqual(readdirSync(outside.dir), []);
    });

    await t.test('a .fbuild symlink to a directory inside the project builds, through the server and embedded', async () => {
      const inside = project('inside');
      mkdirSync(join(inside, 'out'));
      symlinkSync(join(inside, 'out'), join(inside, '.fbuild'));
      const viaServer = await fbuildAsync(['build', inside, '-e', 'native'], { env: { FBUILD_CACHE_URL: url, FBUILD_CACHE_TOKEN: TOKEN } });
      assert.equal(viaServer.code, 0, viaServer.stderr);
      assert.ok(existsSync(join(inside, 'out', 'build', 'native', 'program')), 'the program was built through the symlink');
      const embedded = await fbuildAsync(['build', inside, '-e', 'native', '--force', '--cache-dir', join(tmp.dir, 'cli-cache')]);
      assert.equal(embedded.code, 0, embedded.stderr);
    });

    await t.test('embedded, a .fbuild symlink that leads nowhere is one line and exit 2', async () => {
      const dangling = project('dangling');
      symlinkSync(join(tmp.dir, 'no-such-dir', 'x'), join(dangling, '.fbuild'));
      const r = await fbuildAsync(['build', dangling, '-e', 'native', '--cache-dir', join(tmp.dir, 'cli-cache')]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /\.fbuild/);
    });
  } finally {
    await server?.shutdown('force');
    tmp.cleanup();
    outside.cleanup();
  }
});

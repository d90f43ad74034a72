import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pack, unpack } from 'msgpackr';
import { startServer, type RunningServer } from '../server/http/startServer.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { compilersMentioning, eventually, slowSource } from './helpers/serverHarness.ts';

/**
 * /v1/compile reads its body from Node's request and writes its answer on Node's response
 * (server/http/rawBody.ts): a chunked body (no Content-Length) is read and limited as it arrives,
 * and a client that goes away mid-compile still takes its compile with it.
 */

const TOKEN = 'compile-route-token';
const LIMIT = 8 * 1024 * 1024;
// A name no other test's compiler has (the machine is shared): the hang-up test looks for its process.
const SLOW = `route-slow-${process.pid}.c`;
const tmp = tempDir();
let server: RunningServer;
let port: number;

before(async () => {
  writeFiles(join(tmp.dir, 'ws'), { 'a.c': 'int a(void) { return 1; }\n', [SLOW]: slowSource(1500) });
  server = await startServer({ cacheDir: join(tmp.dir, 'cache'), port: 0, token: TOKEN, allowRoots: [tmp.dir] });
  port = Number(new URL(server.url).port);
});

after(async () => {
  await server.shutdown('force');
  tmp.cleanup();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A POST whose body goes out in `chunks` with Transfer-Encoding: chunked (no Content-Length). */
function postChunked(chunks: Buffer[]): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/v1/compile', agent: false, headers: { authorization: `Bearer ${TOKEN}` } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      },
    );
    // The server may answer 413 and close before the whole body is sent.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const compileBody = (source: string, object: string) => ({
  compiler: 'avr-gcc',
  args: ['-mmcu=atmega328p', '-O2', '-c', source, '-o', object],
  cwd: join(tmp.dir, 'ws'),
  workspaceRoot: join(tmp.dir, 'ws'),
});

test('a chunked compile body is read whole: a miss that wrote the object', async () => {
  const whole = pack(compileBody('a.c', 'a.o'));
  const halves = [whole.subarray(0, 7), whole.subarray(7)];
  const r = await postChunked(halves);
  assert.equal(r.status, 200, r.body.toString());
  const answer = unpack(r.body) as { exitCode: number; outcome: string };
  assert.equal(answer.exitCode, 0);
  assert.equal(answer.outcome, 'miss');
  assert.ok(readFileSync(join(tmp.dir, 'ws', 'a.o')).length > 0);
});

test('a chunked compile body past 8 MiB is refused with 413 (JSON) and the connection closed', async () => {
  const chunk = Buffer.alloc(1024 * 1024, 0xc0);
  const r = await postChunked(Array.from({ length: 9 }, () => chunk));
  assert.equal(r.status, 413);
  assert.equal(r.headers.connection, 'close');
  assert.match((JSON.parse(r.body.toString()) as { error: string }).error, new RegExp(`larger than ${LIMIT} bytes`));
});

test('a client that hangs up mid-compile takes its compile with it: the compiler is killed, nothing stored', async () => {
  const body = pack(compileBody(SLOW, 'slow.o'));
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/v1/compile',
    agent: false,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/msgpack', 'content-length': body.length },
  });
  req.on('error', () => undefined);
  req.end(body);
  assert.ok(await eventually(() => compilersMentioning(SLOW).length > 0, 10_000), 'the slow compile started');
  req.destroy();
  assert.ok(await eventually(() => compilersMentioning(SLOW).length === 0, 10_000), 'its compiler was killed');
  assert.ok(
    await eventually(() => (server.service.stats().uncacheableReasons.cancelled ?? 0) === 1, 5_000),
    `counted as cancelled: ${JSON.stringify(server.service.stats().uncacheableReasons)}`,
  );
  assert.equal(server.service.stats().entries, 1, 'only a.c is stored');
});

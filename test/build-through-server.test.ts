import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { fbuildAsync, spawnFbuild } from './helpers/buildCli.ts';
import { tempDir } from './helpers/fixtures.ts';
import { compilersMentioning, eventually, send, slowFirmwareUnit, startChildServer, within } from './helpers/serverHarness.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

/**
 * `fbuild build` through a real server (a separate process), when the client goes away or the
 * server never answers (issue 10, defects 1 and 2).
 */

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');
const TOKEN = 'build-through-server-token';

function copyBlink(to: string): string {
  cpSync(BLINK, to, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  return to;
}

const hexOf = (dir: string) => readFileSync(join(dir, '.fbuild', 'build', 'uno', 'firmware.hex'), 'utf8');

test('a build cancelled by closing its connection is stopped: the build after it keeps the right firmware', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  // The uno core from the shared warm store (sharedBuilds.ts): the first build is setup.
  const cacheDir = copyUnoCoreStore(join(tmp.dir, 'cache'));
  const server = await startChildServer({ cacheDir, port: 0, token: TOKEN, allowRoots: [tmp.dir] });
  t.after(() => server.stop());
  const env = { FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: TOKEN };
  // A slow unit, so that the cancelled build still has compilers to kill.
  const dir = copyBlink(join(tmp.dir, 'blink'));
  writeFileSync(join(dir, 'src', 'slow.c'), slowFirmwareUnit(1500));

  // The reference: the original settings, built without the cache in another checkout.
  const refDir = join(tmp.dir, 'reference');
  cpSync(dir, refDir, { recursive: true });
  const ref = await fbuildAsync(['build', refDir, '--no-cache'], { env: { FBUILD_CACHE_URL: '' } });
  assert.equal(ref.code, 0, ref.stderr);
  const original = await fbuildAsync(['build', dir], { env });
  assert.equal(original.code, 0, original.stderr);
  assert.equal(hexOf(dir), hexOf(refDir));

  // New build_flags (a full compile, no LTO: slow.c alone takes seconds), with a marker to find its compilers by.
  const ini = join(dir, 'platformio.ini');
  const iniText = readFileSync(ini, 'utf8');
  const marker = `-DCANCELLED_BUILD_${randomBytes(4).toString('hex')}`;
  writeFileSync(ini, iniText.replace('board = uno', `board = uno\nbuild_flags = -fno-lto -O2 ${marker}`));
  const cancelled = spawnFbuild(['build', dir, '-v'], { env });
  let cancelledErr = '';
  cancelled.stderr.on('data', (b: Buffer) => (cancelledErr += b.toString()));
  const exited = new Promise<void>((r) => cancelled.once('close', () => r()));
  assert.ok(await eventually(() => compilersMentioning(marker).length > 0, 60_000), `its compilers started: ${cancelledErr}`);
  // Ctrl-C: the client dies, its connection closes.
  cancelled.kill('SIGINT');
  await exited;

  writeFileSync(ini, iniText);
  const after = await fbuildAsync(['build', dir, '--json'], { env });
  assert.equal(after.code, 0, after.stderr);
  assert.equal(hexOf(dir), hexOf(refDir), 'the firmware of the original settings');
  assert.ok(await eventually(() => compilersMentioning(marker).length === 0, 3_000), 'the cancelled build’s compilers were killed');

  // A graceful stop waits for every build still in the server: the cancelled one has surely ended.
  await server.stop();
  assert.equal(hexOf(dir), hexOf(refDir), 'still the firmware of the original settings');
  assert.deepEqual(compilersMentioning(marker), []);
});

test('the server sends heartbeats while a build runs; the CLI prints none of them', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startChildServer({
    cacheDir: copyUnoCoreStore(join(tmp.dir, 'cache')), // the uno core warm (sharedBuilds.ts): slow.c is the long part
    port: 0,
    token: TOKEN,
    allowRoots: [tmp.dir],
    heartbeatMs: 50,
  });
  t.after(() => server.stop());
  const dir = copyBlink(join(tmp.dir, 'blink'));
  writeFileSync(join(dir, 'src', 'slow.c'), slowFirmwareUnit(200));
  const answer = await send(server.url, '/v1/build', {
    token: TOKEN,
    body: JSON.stringify({ projectDir: dir, toolchain: 'system' }),
    contentType: 'application/json',
  });
  assert.equal(answer.status, 200);
  const events = answer.body
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string });
  assert.ok(events.filter((e) => e.type === 'heartbeat').length > 0, 'heartbeat lines');
  assert.equal(events.at(-1)!.type, 'done');

  // An idle timeout shorter than the build: the heartbeats keep the client's connection alive.
  const viaCli = await fbuildAsync(['build', dir, '--force', '--json'], {
    env: { FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: TOKEN, FBUILD_IDLE_TIMEOUT_MS: '1000' },
  });
  assert.equal(viaCli.code, 0, viaCli.stderr);
  assert.equal(viaCli.json?.ok, true, viaCli.stdout);
  assert.doesNotMatch(viaCli.stdout + viaCli.stderr, /heartbeat/);
});

test('a server that accepts and never answers: fbuild build --server fails in one line within its idle timeout', async (t) => {
  const sockets = new Set<Socket>();
  const silent = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  t.after(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });
  const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const dir = copyBlink(join(tmp.dir, 'blink'));

  const r = await within(
    fbuildAsync(['build', dir, '--server', url], { env: { FBUILD_IDLE_TIMEOUT_MS: '1500' } }),
    30_000,
    'fbuild build against a silent server',
  );
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(
    lines[0]!,
    new RegExp(`^fbuild build: the fbuild server at ${url.replace(/\./g, '\\.')} sent nothing for 1500 ms \\(FBUILD_IDLE_TIMEOUT_MS\\); `),
  );
});

test('a server that stops sending in the middle of a build: fbuild build fails in one line within its idle timeout', async (t) => {
  // Answers /v1/build with a start event, then nothing more, without closing.
  const stalled = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.write(JSON.stringify({ type: 'start', environment: 'uno', units: 3, toolchain: 'x' }) + '\n');
  });
  await new Promise<void>((r) => stalled.listen(0, '127.0.0.1', () => r()));
  t.after(() => {
    stalled.closeAllConnections();
    stalled.close();
  });
  const url = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const dir = copyBlink(join(tmp.dir, 'blink'));

  const r = await within(
    fbuildAsync(['build', dir, '--server', url, '--json'], { env: { FBUILD_IDLE_TIMEOUT_MS: '1500' } }),
    30_000,
    'fbuild build against a stalled server',
  );
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(
    lines[0]!,
    /^fbuild build: the fbuild server at http:\/\/127\.0\.0\.1:\d+ sent nothing for 1500 ms \(FBUILD_IDLE_TIMEOUT_MS\); /,
  );
});

test('fbuild serve stopped by SIGTERM in the middle of a build: exits 143, its compilers killed, nothing published or half-written', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  // The uno core from the shared warm store (sharedBuilds.ts): the first build is setup.
  const cacheDir = copyUnoCoreStore(join(tmp.dir, 'cache'));
  const dir = copyBlink(join(tmp.dir, 'blink'));
  writeFileSync(join(dir, 'src', 'slow.c'), slowFirmwareUnit(1500));
  const serve = () => {
    const child = spawnFbuild(['serve', '--cache-dir', cacheDir, '--allow-root', tmp.dir], { env: { FBUILD_CACHE_TOKEN: TOKEN } });
    const ready = new Promise<{ url: string; pid: number }>((resolveReady, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolveReady(JSON.parse(out.slice(0, out.indexOf('\n'))));
      });
      child.once('exit', (code) => reject(new Error(`fbuild serve exited ${code} before it was ready`)));
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    return { child, ready: within(ready, 30_000, 'fbuild serve ready'), exited };
  };

  // A first build stores its objects; then new flags make a slow, full compile to interrupt.
  const first = serve();
  t.after(() => first.child.kill('SIGKILL'));
  const { url } = await first.ready;
  const env = { FBUILD_CACHE_URL: url, FBUILD_CACHE_TOKEN: TOKEN };
  const stored = await fbuildAsync(['build', dir, '--json'], { env });
  assert.equal(stored.code, 0, stored.stderr);
  const ini = join(dir, 'platformio.ini');
  const iniText = readFileSync(ini, 'utf8');
  const marker = `-DSERVER_TERMINATED_${randomBytes(4).toString('hex')}`;
  writeFileSync(ini, iniText.replace('board = uno', `board = uno\nbuild_flags = -fno-lto -O2 ${marker}`));
  const hexBefore = hexOf(dir);
  const client = fbuildAsync(['build', dir], { env });
  assert.ok(await eventually(() => compilersMentioning(marker).length > 0, 60_000), 'the slow build started its compilers');

  first.child.kill('SIGTERM');
  assert.equal(await within(first.exited, 15_000, 'fbuild serve to exit on SIGTERM'), 143);
  assert.ok(await eventually(() => compilersMentioning(marker).length === 0, 3_000), 'no compiler of the build left running');
  const cut = await within(client, 15_000, 'the client to end');
  assert.notEqual(cut.code, 0);
  assert.equal(cut.stderr.trim().split('\n').length, 1, `one line: ${cut.stderr}`);
  assert.equal(hexOf(dir), hexBefore, 'the interrupted build published nothing');
  assert.deepEqual(
    readdirSync(cacheDir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.tmp') || p === 'server.lock'),
    [],
    'no temporary file and no lock left behind',
  );

  // The store is whole: a new server on it starts (the lock was released) and the first build's
  // settings hit entirely.
  writeFileSync(ini, iniText);
  const second = serve();
  t.after(() => second.child.kill('SIGKILL'));
  const again = await fbuildAsync(['build', dir, '--json', '--force'], { env: { ...env, FBUILD_CACHE_URL: (await second.ready).url } });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.json!.stats.misses, 0, JSON.stringify(again.json!.stats));
  assert.equal(again.json!.stats.hits, stored.json!.stats.compiles);
  second.child.kill('SIGINT');
  assert.equal(await within(second.exited, 15_000, 'fbuild serve to exit on SIGINT'), 130);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/http/startServer.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { within } from './helpers/serverHarness.ts';
import { bundledCli } from './helpers/bundle.ts';

/**
 * `fbuild cc` as a compiler wrapper, run as a real child process (bundled from the sources): under
 * GNU make against an in-process cache server, with the server unreachable or refusing, on a failing
 * compile, with the outcome file, and without a server (the in-process cache).
 *
 * The server runs in this process, so every child is spawned asynchronously: a spawnSync would
 * block the event loop the server answers on.
 */

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolveRun({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** `<root>/bin/fbuild`: a shell script that starts the CLI bundled from the sources. Returns the bin directory. */
function makeFbuildBin(root: string): string {
  const bin = join(root, 'bin');
  mkdirSync(bin, { recursive: true });
  const script = join(bin, 'fbuild');
  writeFileSync(script, `#!/bin/sh\nexec "${process.execPath}" "${bundledCli()}" "$@"\n`);
  chmodSync(script, 0o755);
  return bin;
}

/** The test's environment without anything that would steer fbuild or make, plus `extra`. */
function childEnv(binDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith('FBUILD_') || k === 'GITHUB_WORKSPACE' || k === 'NODE_TEST_CONTEXT' || /^(MAKEFLAGS|MFLAGS|MAKELEVEL)$/.test(k))
      delete env[k];
  }
  env.PATH = `${binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  return { ...env, ...extra };
}

/** A port nothing listens on: bound on port 0, read, closed. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const lines = (text: string) => text.split('\n').filter((l) => l.length > 0);
const count = (text: string, re: RegExp) => lines(text).filter((l) => re.test(l)).length;

const MAKEFILE = [
  'CC ?= avr-gcc',
  'CFLAGS = -mmcu=atmega328p -Os -MMD -Iinclude',
  'SRCS = src/main.c src/led.c src/mathx.c',
  'OBJS = $(patsubst src/%.c,build/%.o,$(SRCS))',
  '',
  'all: firmware.elf',
  '',
  'firmware.elf: $(OBJS)',
  '\t$(CC) -mmcu=atmega328p -o $@ $^',
  '',
  'build/%.o: src/%.c | build',
  '\t$(CC) $(CFLAGS) -c $< -o $@',
  '',
  'build:',
  '\tmkdir -p build',
  '',
  '.PHONY: all',
  '',
  '-include $(wildcard build/*.d)',
  '',
].join('\n');

/** Three sources: main.c and led.c include the shared header, main.c and mathx.c include mathx.h. */
const PROJECT: Record<string, string> = {
  Makefile: MAKEFILE,
  'include/shared.h': [
    '#ifndef SHARED_H',
    '#define SHARED_H',
    '#include <stdint.h>',
    '#define LED_BIT 5',
    'void led_init(void);',
    'void led_set(uint8_t on);',
    '#endif',
    '',
  ].join('\n'),
  'include/mathx.h': [
    '#ifndef MATHX_H',
    '#define MATHX_H',
    '#include <stdint.h>',
    'uint16_t scale(uint16_t v, uint8_t k);',
    '#endif',
    '',
  ].join('\n'),
  'src/main.c': [
    '#include "shared.h"',
    '#include "mathx.h"',
    'int main(void) {',
    '  uint16_t n = 0;',
    '  led_init();',
    '  for (;;) {',
    '    n = scale(n + 1, 3);',
    '    led_set((uint8_t)(n & 1));',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/led.c': [
    '#include <avr/io.h>',
    '#include "shared.h"',
    'void led_init(void) { DDRB |= (1 << LED_BIT); }',
    'void led_set(uint8_t on) {',
    '  if (on) PORTB |= (1 << LED_BIT);',
    '  else PORTB &= (uint8_t)~(1 << LED_BIT);',
    '}',
    '',
  ].join('\n'),
  'src/mathx.c': ['#include "mathx.h"', 'uint16_t scale(uint16_t v, uint8_t k) { return (uint16_t)(v * k + 7); }', ''].join('\n'),
};

/** A project whose workspace root is itself: it has a `.git` directory. */
function writeProject(dir: string, files: Record<string, string>): void {
  writeFiles(dir, files);
  mkdirSync(join(dir, '.git'), { recursive: true });
}

const SIMPLE_C = 'int twice(int x) { return 2 * x; }\nint answer(void) { return twice(21); }\n';
const CC_ARGS = ['-mmcu=atmega328p', '-Os', '-c', 'a.c', '-o', 'a.o'];

test('a Makefile project under `make CC="fbuild cc avr-gcc"`: misses, then all hits from another path, same firmware, working depfiles', async () => {
  const tmp = tempDir();
  let server: RunningServer | undefined;
  try {
    const root = tmp.dir;
    const bin = makeFbuildBin(root);
    const first = join(root, 'first');
    const second = join(root, 'somewhere', 'else', 'second-checkout');
    writeProject(first, PROJECT);
    server = await startServer({ cacheDir: join(root, 'cache'), port: 0, token: 'make-test-token', allowRoots: [root] });
    const env = childEnv(bin, {
      FBUILD_CACHE_URL: server.url,
      FBUILD_CACHE_TOKEN: server.token,
      FBUILD_CC_VERBOSE: '1',
      FBUILD_CACHE_DIR: join(root, 'client-cache'),
    });
    const make = (cwd: string) => run('make', ['CC=fbuild cc avr-gcc'], { cwd, env });

    const a = await make(first);
    assert.equal(a.code, 0, `make failed:\n${a.stdout}\n${a.stderr}`);
    assert.ok(existsSync(join(first, 'firmware.elf')), 'firmware.elf was linked');
    assert.equal(count(a.stdout, /^fbuild cc avr-gcc .*-c src\/\w+\.c -o build\/\w+\.o$/), 3, a.stdout);
    assert.equal(count(a.stderr, /^fbuild cc: miss \(new\)$/), 3, a.stderr);
    assert.equal(count(a.stderr, /^fbuild cc: hit/), 0, a.stderr);
    // The link line: no -c, so the cache passes it through to the compiler.
    assert.equal(count(a.stderr, /^fbuild cc: uncacheable \(/), 1, a.stderr);
    for (const u of ['main', 'led', 'mathx']) {
      assert.ok(existsSync(join(first, 'build', `${u}.o`)), `build/${u}.o`);
      assert.ok(existsSync(join(first, 'build', `${u}.d`)), `build/${u}.d`);
    }
    assert.match(readFileSync(join(first, 'build', 'led.d'), 'utf8'), /^build\/led\.o: src\/led\.c include\/shared\.h\n$/);

    // Another checkout of the same sources at another path, without build outputs.
    cpSync(first, second, { recursive: true, filter: (src) => !src.startsWith(join(first, 'build')) && !src.endsWith('firmware.elf') });
    assert.ok(!existsSync(join(second, 'build')) && !existsSync(join(second, 'firmware.elf')));
    const b = await make(second);
    assert.equal(b.code, 0, `make failed:\n${b.stdout}\n${b.stderr}`);
    assert.equal(count(b.stderr, /^fbuild cc: hit$/), 3, b.stderr);
    assert.equal(count(b.stderr, /^fbuild cc: miss/), 0, b.stderr);
    assert.equal(count(b.stderr, /^fbuild cc: uncacheable \(/), 1, b.stderr);
    const stats = server.service.stats();
    assert.equal(stats.hits, 3);
    assert.equal(stats.misses, 3);
    assert.equal(stats.uncacheable, 2, JSON.stringify(stats.uncacheableReasons));
    assert.equal(stats.errors, 0);
    assert.ok(stats.timeSavedMs > 0);

    assert.ok(
      readFileSync(join(second, 'firmware.elf')).equals(readFileSync(join(first, 'firmware.elf'))),
      'the two firmware.elf files differ',
    );
    for (const u of ['main', 'led', 'mathx']) {
      assert.ok(readFileSync(join(second, 'build', `${u}.o`)).equals(readFileSync(join(first, 'build', `${u}.o`))), `build/${u}.o differs`);
      // The depfiles the cache wrote are the ones the compiler wrote (relative paths, same text).
      assert.equal(
        readFileSync(join(second, 'build', `${u}.d`), 'utf8'),
        readFileSync(join(first, 'build', `${u}.d`), 'utf8'),
        `build/${u}.d`,
      );
    }

    // make again, nothing touched: nothing to do.
    const elfMtime = statSync(join(second, 'firmware.elf')).mtimeMs;
    const c = await make(second);
    assert.equal(c.code, 0, c.stderr);
    assert.doesNotMatch(c.stdout + c.stderr, /fbuild cc/);
    assert.match(c.stdout, /Nothing to be done|is up to date/);
    assert.equal(statSync(join(second, 'firmware.elf')).mtimeMs, elfMtime);

    // The shared header newer than the objects: make recompiles exactly the units whose (cached)
    // depfiles list it, and they hit (same content).
    const future = new Date(Date.now() + 5000);
    utimesSync(join(second, 'include', 'shared.h'), future, future);
    const d = await make(second);
    assert.equal(d.code, 0, d.stderr);
    const recompiled = lines(d.stdout)
      .map((l) => /-c (src\/\w+\.c) -o/.exec(l)?.[1])
      .filter((s): s is string => s !== undefined)
      .sort();
    assert.deepEqual(recompiled, ['src/led.c', 'src/main.c']);
    assert.equal(count(d.stderr, /^fbuild cc: hit$/), 2, d.stderr);
    assert.equal(count(d.stderr, /^fbuild cc: miss/), 0, d.stderr);
    assert.ok(readFileSync(join(second, 'firmware.elf')).equals(readFileSync(join(first, 'firmware.elf'))));

    // The link line is counted as what it is.
    for (const out of [a.stderr, b.stderr]) assert.equal(count(out, /^fbuild cc: uncacheable \(no -c \(link or preprocess\)\)$/), 1, out);
  } finally {
    await server?.shutdown();
    tmp.cleanup();
  }
});

test('server unreachable or refusing (401): fbuild cc compiles directly, one warning line, exit 0', async () => {
  const tmp = tempDir();
  let server: RunningServer | undefined;
  try {
    const root = tmp.dir;
    const bin = makeFbuildBin(root);
    const ws = join(root, 'ws');
    writeProject(ws, { 'a.c': SIMPLE_C });
    const direct = await run('avr-gcc', CC_ARGS, { cwd: ws, env: childEnv(bin, {}) });
    assert.equal(direct.code, 0, direct.stderr);
    const expected = readFileSync(join(ws, 'a.o'));
    rmSync(join(ws, 'a.o'));

    const port = await closedPort();
    const down = await run('fbuild', ['cc', 'avr-gcc', ...CC_ARGS], {
      cwd: ws,
      env: childEnv(bin, {
        FBUILD_CACHE_URL: `http://127.0.0.1:${port}`,
        FBUILD_CACHE_TOKEN: 'whatever',
        FBUILD_CACHE_DIR: join(root, 'client-cache'),
      }),
    });
    assert.equal(down.code, 0, down.stderr);
    assert.ok(existsSync(join(ws, 'a.o')), 'a.o was compiled');
    assert.ok(readFileSync(join(ws, 'a.o')).equals(expected), 'a.o differs from the direct compile');
    assert.equal(lines(down.stderr).length, 1, down.stderr);
    assert.match(down.stderr, /warning/);
    assert.match(down.stderr, /compiling without the cache/);
    assert.match(down.stderr, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.equal(down.stdout, '');
    rmSync(join(ws, 'a.o'));

    server = await startServer({ cacheDir: join(root, 'cache'), port: 0, token: 'the-right-token', allowRoots: [root] });
    const refused = await run('fbuild', ['cc', 'avr-gcc', ...CC_ARGS], {
      cwd: ws,
      env: childEnv(bin, {
        FBUILD_CACHE_URL: server.url,
        FBUILD_CACHE_TOKEN: 'a-wrong-token',
        FBUILD_CACHE_DIR: join(root, 'client-cache'),
      }),
    });
    assert.equal(refused.code, 0, refused.stderr);
    assert.ok(readFileSync(join(ws, 'a.o')).equals(expected), 'a.o differs from the direct compile');
    assert.equal(lines(refused.stderr).length, 1, refused.stderr);
    assert.match(refused.stderr, /warning/);
    assert.match(refused.stderr, /compiling without the cache/);
    assert.match(refused.stderr, /401/);
    assert.equal(server.service.stats().compiles, 0, 'the refused request never reached the cache');
  } finally {
    await server?.shutdown();
    tmp.cleanup();
  }
});

test('a compile error through the server: the same exit code and stderr as avr-gcc itself', async () => {
  const tmp = tempDir();
  let server: RunningServer | undefined;
  try {
    const root = tmp.dir;
    const bin = makeFbuildBin(root);
    const ws = join(root, 'ws');
    writeProject(ws, { 'bad.c': 'int f(void) {\n  return undeclared_thing + 1;\n}\n' });
    const args = ['-mmcu=atmega328p', '-Os', '-MMD', '-c', 'bad.c', '-o', 'bad.o'];
    const env = childEnv(bin, {});
    const direct = await run('avr-gcc', args, { cwd: ws, env });
    assert.notEqual(direct.code, 0);
    assert.match(direct.stderr, /undeclared_thing/);

    server = await startServer({ cacheDir: join(root, 'cache'), port: 0, token: 'error-test-token', allowRoots: [root] });
    const viaCache = await run('fbuild', ['cc', 'avr-gcc', ...args], {
      cwd: ws,
      env: { ...env, FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: server.token, FBUILD_CACHE_DIR: join(root, 'client-cache') },
    });
    assert.equal(viaCache.code, direct.code);
    assert.equal(viaCache.stderr, direct.stderr);
    assert.equal(viaCache.stdout, direct.stdout);
    assert.ok(!existsSync(join(ws, 'bad.o')));
    const stats = server.service.stats();
    assert.equal(stats.compiles, 1);
    assert.deepEqual(stats.uncacheableReasons, { 'compile failed': 1 });
    assert.equal(stats.entries, 0, 'a failed compile is not stored');
  } finally {
    await server?.shutdown();
    tmp.cleanup();
  }
});

test('FBUILD_CC_OUTCOME_FILE: a miss (new), then a hit with savedMs', async () => {
  const tmp = tempDir();
  let server: RunningServer | undefined;
  try {
    const root = tmp.dir;
    const bin = makeFbuildBin(root);
    const ws = join(root, 'ws');
    writeProject(ws, { 'a.c': SIMPLE_C });
    const outcomeFile = join(root, 'outcome.json');
    server = await startServer({ cacheDir: join(root, 'cache'), port: 0, token: 'outcome-test-token', allowRoots: [root] });
    const env = childEnv(bin, {
      FBUILD_CACHE_URL: server.url,
      FBUILD_CACHE_TOKEN: server.token,
      FBUILD_CC_OUTCOME_FILE: outcomeFile,
      FBUILD_CACHE_DIR: join(root, 'client-cache'),
    });

    const miss = await run('fbuild', ['cc', 'avr-gcc', ...CC_ARGS], { cwd: ws, env });
    assert.equal(miss.code, 0, miss.stderr);
    assert.equal(miss.stderr, '');
    assert.deepEqual(JSON.parse(readFileSync(outcomeFile, 'utf8')), { outcome: 'miss', reason: 'new' });
    const object = readFileSync(join(ws, 'a.o'));
    rmSync(join(ws, 'a.o'));

    const hit = await run('fbuild', ['cc', 'avr-gcc', ...CC_ARGS], { cwd: ws, env });
    assert.equal(hit.code, 0, hit.stderr);
    const written = JSON.parse(readFileSync(outcomeFile, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(written).sort(), ['outcome', 'savedMs']);
    assert.equal(written.outcome, 'hit');
    assert.equal(typeof written.savedMs, 'number');
    assert.ok((written.savedMs as number) > 0, `savedMs ${String(written.savedMs)}`);
    assert.ok(readFileSync(join(ws, 'a.o')).equals(object), 'the hit wrote the stored object');
    const stats = server.service.stats();
    assert.equal(stats.hits, 1);
    assert.equal(stats.misses, 1);
  } finally {
    await server?.shutdown();
    tmp.cleanup();
  }
});

test('without FBUILD_CACHE_URL: the in-process cache on FBUILD_CACHE_DIR, a miss then a hit', async () => {
  const tmp = tempDir();
  try {
    const root = tmp.dir;
    const bin = makeFbuildBin(root);
    const ws = join(root, 'ws');
    writeProject(ws, { 'a.c': SIMPLE_C });
    const cacheDir = join(root, 'cache');
    const env = childEnv(bin, { FBUILD_CACHE_DIR: cacheDir, FBUILD_CC_VERBOSE: '1' });

    const first = await run('fbuild', ['cc', 'avr-gcc', ...CC_ARGS], { cwd: ws, env });
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(lines(first.stderr), ['fbuild cc: miss (new)']);
    const object = readFileSync(join(ws, 'a.o'));
    assert.ok(existsSync(join(cacheDir, 'v2', 'index.msgpack')), 'the index was written at exit');
    rmSync(join(ws, 'a.o'));

    const second = await run('fbuild', ['cc', 'avr-gcc', ...CC_ARGS], { cwd: ws, env });
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(lines(second.stderr), ['fbuild cc: hit']);
    assert.ok(readFileSync(join(ws, 'a.o')).equals(object));
    assert.ok(existsSync(join(cacheDir, 'v2', 'index.msgpack')));
    const shards = readdirSync(join(cacheDir, 'v2', 'manifests'));
    assert.equal(shards.length, 1, `one entry stored, shards: ${shards.join(', ')}`);
  } finally {
    tmp.cleanup();
  }
});

/** A TCP listener on 127.0.0.1 that accepts connections and never answers; counts them. */
async function silentServer(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const srv = createServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    connections: () => accepted,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => srv.close(() => r()));
    },
  };
}

test('a server that accepts and never answers: fbuild cc compiles directly after its idle timeout, with one warning', async () => {
  const tmp = tempDir();
  const silent = await silentServer();
  try {
    const root = tmp.dir;
    const bin = makeFbuildBin(root);
    const ws = join(root, 'ws');
    writeProject(ws, { 'a.c': SIMPLE_C });
    const direct = await run('avr-gcc', CC_ARGS, { cwd: ws, env: childEnv(bin, {}) });
    assert.equal(direct.code, 0, direct.stderr);
    const expected = readFileSync(join(ws, 'a.o'));
    rmSync(join(ws, 'a.o'));

    const env = childEnv(bin, { FBUILD_CACHE_URL: silent.url, FBUILD_CACHE_TOKEN: 'whatever', FBUILD_IDLE_TIMEOUT_MS: '1000' });
    const r = await within(run('fbuild', ['cc', 'avr-gcc', ...CC_ARGS], { cwd: ws, env }), 30_000, 'fbuild cc against a silent server');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(readFileSync(join(ws, 'a.o')).equals(expected), 'a.o is the direct compile');
    assert.equal(lines(r.stderr).length, 1, r.stderr);
    assert.match(
      r.stderr,
      /^fbuild cc: warning: the fbuild server at http:\/\/127\.0\.0\.1:\d+ sent nothing for 1000 ms \(FBUILD_IDLE_TIMEOUT_MS\); compiling without the cache\n$/,
    );
    assert.equal(silent.connections(), 1);
  } finally {
    await silent.close();
    tmp.cleanup();
  }
});

test('under make, a silent server costs one timeout and one warning for the whole run', async () => {
  const tmp = tempDir();
  const silent = await silentServer();
  try {
    const root = tmp.dir;
    const bin = makeFbuildBin(root);
    const ws = join(root, 'ws');
    writeProject(ws, PROJECT);
    const env = childEnv(bin, {
      FBUILD_CACHE_URL: silent.url,
      FBUILD_CACHE_TOKEN: 'whatever',
      FBUILD_IDLE_TIMEOUT_MS: '1000',
      // The run's marker goes here, not into the machine's runtime dir.
      XDG_RUNTIME_DIR: join(root, 'runtime'),
    });
    const make = () => within(run('make', ['CC=fbuild cc avr-gcc'], { cwd: ws, env }), 60_000, 'make against a silent server');
    const first = await make();
    assert.equal(first.code, 0, `make failed:\n${first.stdout}\n${first.stderr}`);
    assert.ok(existsSync(join(ws, 'firmware.elf')));
    for (const u of ['main', 'led', 'mathx']) assert.ok(existsSync(join(ws, 'build', `${u}.o`)), `build/${u}.o`);
    assert.equal(count(first.stderr, /warning/), 1, first.stderr);
    assert.match(
      first.stderr,
      /sent nothing for 1000 ms \(FBUILD_IDLE_TIMEOUT_MS\); compiling without the cache \(said once for this make run\)/,
    );
    // Three compiles and a link: only the first waited for the server.
    assert.equal(silent.connections(), 1);

    // Another make run is another run: it asks (and warns) again.
    rmSync(join(ws, 'build'), { recursive: true });
    const second = await make();
    assert.equal(second.code, 0, second.stderr);
    assert.equal(count(second.stderr, /warning/), 1, second.stderr);
    assert.equal(silent.connections(), 2);
  } finally {
    await silent.close();
    tmp.cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompilerPool } from '../server/cache/compilerPool.ts';
import type { CompileBackend } from '../server/engine/orchestrator.ts';
import { ccCommand, WrappedBackend } from '../server/engine/wrappedBackend.ts';
import { startServer, type RunningServer } from '../server/http/startServer.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { freshDist } from './helpers/bundle.ts';

/**
 * dist/cc.cjs, the wrapper's own entry (scripts/build.mjs, bundled from the current sources) run as the
 * wrapped backend runs it: through a server (a miss, then a hit), without one (its in-process path,
 * dist/cc-local.js), and NODE_EXTRA_CA_CERTS set aside for the wrapper's start and handed back to the compiler.
 */

const REPO = join(import.meta.dirname, '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

/** This environment without anything that steers fbuild or make, plus `extra`. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('FBUILD_') || k === 'NODE_TEST_CONTEXT' || k.startsWith('MAKE')) delete env[k];
  return { ...env, ...extra };
}

/** The bundles of the current sources, the run's shared ones (helpers/bundle.ts): only read and run here. */
async function dist(): Promise<string> {
  return freshDist();
}

const SIMPLE_C = 'int twice(int x) { return 2 * x; }\nint answer(void) { return twice(21); }\n';
const CC_ARGS = ['-mmcu=atmega328p', '-Os', '-c', 'a.c', '-o', 'a.o'];

test('dist/cc.cjs through a server: a miss, then a hit that writes the same object; it loads no chunk of the CLI', async () => {
  const d = await dist();
  const source = readFileSync(join(d, 'cc.cjs'), 'utf8');
  assert.doesNotMatch(source, /require\("\.\/chunks|from "\.\/chunks|msgpackr|undici/, 'cc.cjs is one file with no chunk or package');
  const tmp = tempDir();
  let server: RunningServer | undefined;
  try {
    const ws = join(tmp.dir, 'ws');
    writeFiles(ws, { 'a.c': SIMPLE_C });
    mkdirSync(join(ws, '.git'));
    server = await startServer({ cacheDir: join(tmp.dir, 'cache'), port: 0, token: 'bundle-token', allowRoots: [tmp.dir] });
    const tokenFile = join(tmp.dir, 'token');
    writeFileSync(tokenFile, server.token, { mode: 0o600 });
    const env = cleanEnv({ FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN_FILE: tokenFile, FBUILD_CC_VERBOSE: '1' });
    const miss = await run(process.execPath, [join(d, 'cc.cjs'), 'avr-gcc', ...CC_ARGS], ws, env);
    assert.equal(miss.code, 0, miss.stderr);
    assert.equal(miss.stderr, 'fbuild cc: miss (new)\n');
    const object = readFileSync(join(ws, 'a.o'));
    rmSync(join(ws, 'a.o'));
    const hit = await run(process.execPath, [join(d, 'cc.cjs'), 'avr-gcc', ...CC_ARGS], ws, env);
    assert.equal(hit.code, 0, hit.stderr);
    assert.equal(hit.stderr, 'fbuild cc: hit\n');
    assert.ok(readFileSync(join(ws, 'a.o')).equals(object), 'the hit wrote the stored object');
    assert.equal(server.service.stats().hits, 1);

    const usage = await run(process.execPath, [join(d, 'cc.cjs')], ws, env);
    assert.notEqual(usage.code, 0);
    assert.match(usage.stderr, /^fbuild cc: missing compiler; usage: fbuild cc COMPILER ARGS/);
    assert.equal(usage.stderr.trim().split('\n').length, 1, 'one line, no stack');
  } finally {
    await server?.shutdown();
    tmp.cleanup();
  }
});

test('dist/cc.cjs without a server: the in-process cache from dist/cc-local.js, a miss then a hit', async () => {
  const d = await dist();
  const tmp = tempDir();
  try {
    const ws = join(tmp.dir, 'ws');
    writeFiles(ws, { 'a.c': SIMPLE_C });
    const env = cleanEnv({ FBUILD_CACHE_DIR: join(tmp.dir, 'cache'), FBUILD_CC_VERBOSE: '1', FBUILD_WORKSPACE: ws });
    const first = await run(process.execPath, [join(d, 'cc.cjs'), 'avr-gcc', ...CC_ARGS], ws, env);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr, 'fbuild cc: miss (new)\n');
    rmSync(join(ws, 'a.o'));
    const second = await run(process.execPath, [join(d, 'cc.cjs'), 'avr-gcc', ...CC_ARGS], ws, env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stderr, 'fbuild cc: hit\n');
    assert.ok(existsSync(join(ws, 'a.o')));
  } finally {
    tmp.cleanup();
  }
});

test('the wrapped backend starts dist/cc.cjs beside dist/cli.js, and `... cc` from the sources', async () => {
  const d = await dist();
  assert.deepEqual(ccCommand(['/usr/bin/node', join(d, 'cli.js')]), ['/usr/bin/node', join(d, 'cc.cjs')]);
  const fromSource = ['/usr/bin/node', '--import', 'tsx', join(REPO, 'src', 'cli', 'main.ts')];
  assert.deepEqual(ccCommand(fromSource), [...fromSource, 'cc']);
  // A cli.js with no cc.cjs beside it (an older bundle) is still started as `cli.js cc`.
  assert.deepEqual(ccCommand(['/usr/bin/node', '/nowhere/dist/cli.js']), ['/usr/bin/node', '/nowhere/dist/cli.js', 'cc']);
});

test('NODE_EXTRA_CA_CERTS: out of the wrapper environment (with the token), back in the compiler, by the server and directly', async () => {
  const d = await dist();
  const tmp = tempDir();
  let server: RunningServer | undefined;
  try {
    // What the wrapped backend gives the wrapper.
    let wrapperEnv: Record<string, string | undefined> = {};
    let wrapperArgs: string[] = [];
    const pool = {
      run: (cmd: string, args: string[], _cwd: string, env: Record<string, string | undefined>) => {
        wrapperArgs = [cmd, ...args];
        wrapperEnv = env;
        return Promise.resolve({ exitCode: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), durationMs: 1 });
      },
    } as unknown as CompilerPool;
    const backend = new WrappedBackend({
      fbuildCommand: [process.execPath, join(d, 'cli.js')],
      wrapperEnv: { FBUILD_CACHE_URL: 'http://127.0.0.1:9' },
      pool,
      linker: {} as CompileBackend,
    });
    await backend.compile({
      compiler: 'avr-gcc',
      args: CC_ARGS,
      cwd: tmp.dir,
      workspaceRoot: tmp.dir,
      env: { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/extra-ca.pem', FBUILD_CACHE_TOKEN: 'secret' },
    });
    assert.deepEqual(wrapperArgs.slice(0, 2), [process.execPath, join(d, 'cc.cjs')]);
    assert.equal(wrapperArgs[2], 'avr-gcc');
    assert.equal(wrapperEnv.NODE_EXTRA_CA_CERTS, undefined);
    assert.equal(wrapperEnv.FBUILD_CACHE_TOKEN, undefined);
    assert.equal(wrapperEnv.FBUILD_CC_NODE_EXTRA_CA_CERTS, '/etc/extra-ca.pem');

    // A compiler that records what it was given, run by the wrapper with that environment.
    const ws = join(tmp.dir, 'ws');
    writeFiles(ws, { 'a.c': SIMPLE_C });
    const record = join(tmp.dir, 'record');
    const fake = join(tmp.dir, 'fakecc');
    // Only the compile (`-c ... -o OUT`) records and writes its output; the cache's probes of the compiler run it too.
    writeFileSync(
      fake,
      [
        '#!/bin/sh',
        'out=; prev=',
        'for a in "$@"; do [ "$prev" = -o ] && out=$a; prev=$a; done',
        '[ -n "$out" ] || exit 0',
        `printf '%s|%s' "$NODE_EXTRA_CA_CERTS" "\${FBUILD_CC_NODE_EXTRA_CA_CERTS-unset}" > "${record}"`,
        ': > "$out"',
        '',
      ].join('\n'),
    );
    chmodSync(fake, 0o755);
    const base = { FBUILD_CC_NODE_EXTRA_CA_CERTS: '/etc/extra-ca.pem', FBUILD_WORKSPACE: ws };
    server = await startServer({ cacheDir: join(tmp.dir, 'cache'), port: 0, token: 'ca-token', allowRoots: [tmp.dir] });
    for (const [how, extra] of [
      ['through the server', { FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: server.token }],
      ['directly (the server refuses)', { FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: 'wrong' }],
      ['in process (no server)', { FBUILD_CACHE_DIR: join(tmp.dir, 'cache-local') }],
    ] as const) {
      rmSync(record, { force: true });
      const env = cleanEnv({ ...base, ...extra });
      delete env.NODE_EXTRA_CA_CERTS;
      const r = await run(process.execPath, [join(d, 'cc.cjs'), fake, ...CC_ARGS], ws, env);
      assert.equal(r.code, 0, `${how}: ${r.stderr}`);
      assert.equal(readFileSync(record, 'utf8'), '/etc/extra-ca.pem|unset', how);
    }
  } finally {
    await server?.shutdown();
    tmp.cleanup();
  }
});

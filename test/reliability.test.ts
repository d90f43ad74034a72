import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { LocalStore } from '../server/cache/localStore.ts';
import { FullDiskGuard } from '../server/cache/fullDiskGuard.ts';
import type { CacheStore, ContextEntry } from '../server/cache/store.ts';
import { startServer } from '../server/http/startServer.ts';
import { CacheClient } from '../src/client/cacheClient.ts';
import { runDirect, tempDir, writeFiles } from './helpers/fixtures.ts';
import { fbuild, type CliRun } from './helpers/buildCli.ts';

/** Every file under `dir` whose name ends in `.tmp`. */
function tempFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.tmp'));
}

/** A pid that no process has now: one of a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('a full disk under the store: every compile still gives the right object, and no temporary file is left', async (t) => {
  const tmp = tempDir();
  const cacheDir = join(tmp.dir, 'cache');
  mkdirSync(cacheDir);
  // A 96 KiB tmpfs: room for the store's directories and a few entries, then ENOSPC.
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', cacheDir], { encoding: 'utf8' });
  if (mount.status !== 0) {
    tmp.cleanup();
    t.skip(`mounting a tmpfs was refused (${mount.stderr.trim()}): run the tests as root to cover ENOSPC`);
    return;
  }
  try {
    const ws = join(tmp.dir, 'ws');
    const files: Record<string, string> = {};
    // Each object carries an 8 KiB table, so a dozen of them cannot all fit.
    for (let i = 0; i < 16; i++) {
      files[`s${i}.c`] = `const unsigned char t${i}[8192] = { ${i + 1} };\nint f${i}(int x) { return t${i}[x] + ${i}; }\n`;
    }
    writeFiles(ws, files);
    const svc = await CacheService.start({ cacheDir });
    for (let i = 0; i < 16; i++) {
      const args = ['-c', '-mmcu=atmega328p', '-Os', `s${i}.c`, '-o', `s${i}.o`];
      const result = await svc.compile({ compiler: 'avr-gcc', args, cwd: ws, workspaceRoot: ws });
      assert.equal(result.exitCode, 0, `s${i}.c: ${Buffer.from(result.stderr).toString()}`);
      const cached = readFileSync(join(ws, `s${i}.o`));
      assert.equal(runDirect('avr-gcc', args, ws).exitCode, 0);
      assert.deepEqual(cached, readFileSync(join(ws, `s${i}.o`)), `s${i}.o differs from a direct compile`);
    }
    await svc.shutdown().catch(() => undefined); // the index may not fit either
    const df = spawnSync('df', ['--output=avail', cacheDir], { encoding: 'utf8' }).stdout;
    assert.match(df, /\b0\b|\b[0-9]\b/, `the tmpfs was expected to fill up; df says ${df}`);
    assert.deepEqual(tempFiles(cacheDir), [], 'temporary files were left on the full disk');
  } finally {
    spawnSync('umount', [cacheDir]);
    tmp.cleanup();
  }
});

test('a build on a full store disk names its store errors in the summary line and in --json, and counts them as no hits', async (t) => {
  const tmp = tempDir();
  const cacheDir = join(tmp.dir, 'cache');
  mkdirSync(cacheDir);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', cacheDir], { encoding: 'utf8' });
  if (mount.status !== 0) {
    tmp.cleanup();
    t.skip(`mounting a tmpfs was refused (${mount.stderr.trim()}): run the tests as root to cover ENOSPC`);
    return;
  }
  try {
    // The store's directories, then a file that takes every byte left: every store write fails.
    LocalStore.open({ dir: cacheDir, maxBytes: 1 << 30 });
    assert.throws(() => writeFileSync(join(cacheDir, 'filler'), Buffer.alloc(1 << 20)), /ENOSPC/);
    const project = join(tmp.dir, 'native');
    cpSync(join(import.meta.dirname, 'fixtures', 'native'), project, { recursive: true });
    const human = fbuild(['build', project, '-e', 'native', '--cache-dir', cacheDir]);
    assert.equal(human.code, 0, human.stderr);
    // The link's entry could not be stored: an error of the store, said with its message.
    assert.match(human.stdout, /native: 3 units \(link included\): 0 hits, 2 misses \(new: 2\), 1 store error; hit rate 0\.0%/);
    // The first write that failed says ENOSPC; later ones are not tried and name it.
    assert.match(
      human.stdout,
      /^ {2}store error: link \(store: .*ENOSPC: no space left on device, write\)?\); compiled without the cache$/m,
    );
    const json = fbuild(['build', project, '-e', 'native', '--cache-dir', cacheDir, '--json', '--force']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.json!.stats.errors, 1);
    assert.equal(json.json!.stats.errorUnits.length, 1);
    assert.equal(json.json!.stats.errorUnits[0].source, 'link');
    assert.match(json.json!.stats.errorUnits[0].reason, /^store: .*ENOSPC/);
    assert.equal(json.json!.ok, true, 'the build itself succeeded');
  } finally {
    spawnSync('umount', [cacheDir]);
    tmp.cleanup();
  }
});

test('after the first write that finds the disk full, the store tries no other write; reads go on', async () => {
  const calls: string[] = [];
  const noSpace = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  const inner: CacheStore = {
    get: (k) => (calls.push(`get ${k}`), { status: 'absent' }),
    load: () => ({ status: 'absent' }),
    put: async (e) => {
      calls.push(`put ${e.contextKey}`);
      throw noSpace;
    },
    touch: () => undefined,
    entriesForSource: () => [],
    totals: () => ({ entries: 0, bytes: 0 }),
    flush: async () => void calls.push('flush'),
    close: async () => void calls.push('close'),
  };
  const guard = new FullDiskGuard(inner);
  const entry = (k: string) => ({ contextKey: k, source: 's', compiler: 'c', flags: 'f', results: [] }) as ContextEntry;
  await assert.rejects(guard.put(entry('a')), /ENOSPC/);
  assert.equal(guard.full, 'ENOSPC: no space left on device, write');
  await assert.rejects(guard.put(entry('b')), /not stored: the store's disk is full \(ENOSPC/);
  await guard.flush();
  assert.deepEqual(guard.get('c'), { status: 'absent' });
  await guard.close();
  assert.deepEqual(calls, ['put a', 'get c', 'close'], 'one write tried, no index flush, reads and close go through');

  // Any other failure is not a full disk: the next write is tried.
  const other = new FullDiskGuard({ ...inner, put: async (e) => (calls.push(`put ${e.contextKey}`), Promise.reject(new Error('EIO'))) });
  await assert.rejects(other.put(entry('d')), /EIO/);
  await assert.rejects(other.put(entry('e')), /EIO/);
  assert.equal(other.full, undefined);
  assert.deepEqual(calls.slice(-2), ['put d', 'put e']);
});

test("opening the store removes the temporary files of writers that are gone, and keeps a live writer's", () => {
  const t = tempDir();
  try {
    const cacheDir = join(t.dir, 'cache');
    LocalStore.open({ dir: cacheDir, maxBytes: 1 << 30 });
    const root = join(cacheDir, 'v2');
    const shard = join(root, 'manifests', 'ab');
    const blobShard = join(root, 'blobs', 'cd');
    for (const d of [shard, blobShard, join(cacheDir, 'v1')]) mkdirSync(d, { recursive: true });
    const dead = deadPid();
    const key = 'ab'.padEnd(64, '0');
    const abandoned = [
      join(shard, `${key}.${dead}.0badc0de.tmp`),
      join(blobShard, `${'cd'.padEnd(64, '1')}.${dead}.0badc0de.tmp`),
      join(root, `index.msgpack.${dead}.tmp`),
      join(cacheDir, 'v1', `compilers.msgpack.${dead}.tmp`),
      // Where manifests and blobs are written now, out of the shards the action archives.
      join(root, 'tmp', `${key}.${dead}.0badc0de.tmp`),
    ];
    const ancient = join(shard, `${key}.${process.pid}.11111111.tmp`);
    const live = join(shard, `${key}.${process.pid}.22222222.tmp`);
    for (const p of [...abandoned, ancient, live]) writeFileSync(p, 'half an entry');
    const twoHoursAgo = (Date.now() - 2 * 3600_000) / 1000;
    utimesSync(ancient, twoHoursAgo, twoHoursAgo);

    LocalStore.open({ dir: cacheDir, maxBytes: 1 << 30 });
    for (const p of [...abandoned, ancient]) assert.equal(existsSync(p), false, `${p} was not swept`);
    assert.equal(existsSync(live), true, "a live writer's fresh temporary file was removed");
  } finally {
    t.cleanup();
  }
});

test('a stale server lock whose pid now belongs to an unrelated live process is taken over', async () => {
  const t = tempDir();
  // The reused pid: a live process that is no fbuild server.
  const unrelated = spawn('sleep', ['60'], { stdio: 'ignore' });
  try {
    const cacheDir = join(t.dir, 'cache');
    const lockFile = join(cacheDir, 'v1', 'server.lock');
    mkdirSync(join(cacheDir, 'v1'), { recursive: true });
    writeFileSync(lockFile, JSON.stringify({ pid: unrelated.pid, url: 'http://127.0.0.1:9' }));
    const anHourAgo = (Date.now() - 3600_000) / 1000;
    utimesSync(lockFile, anHourAgo, anHourAgo);

    const server = await startServer({ cacheDir, token: 'reliability', allowRoots: [t.dir] });
    try {
      assert.equal((JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid, process.pid);
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
    } finally {
      await server.shutdown();
    }
  } finally {
    unrelated.kill();
    t.cleanup();
  }
});

test('fbuild serve leaves no token dir behind: not after a refused start, not after a graceful stop', async () => {
  const t = tempDir();
  const saved = { TMPDIR: process.env.TMPDIR, FBUILD_CACHE_TOKEN: process.env.FBUILD_CACHE_TOKEN };
  const tokenDirs = join(t.dir, 'tmp');
  mkdirSync(tokenDirs);
  process.env.TMPDIR = tokenDirs;
  delete process.env.FBUILD_CACHE_TOKEN;
  try {
    const cacheDir = join(t.dir, 'cache');
    const first = await startServer({ cacheDir, token: 'first', allowRoots: [t.dir] });
    const firstsOwn = readdirSync(tokenDirs); // the token file its wrapped compiles read
    await assert.rejects(startServer({ cacheDir, allowRoots: [t.dir] }), /holds the cache dir/);
    assert.deepEqual(readdirSync(tokenDirs), firstsOwn, 'a refused start left its token dir');
    await first.shutdown();
    assert.deepEqual(readdirSync(tokenDirs), [], 'a graceful stop left the token dir');

    const generated = await startServer({ cacheDir, allowRoots: [t.dir] });
    assert.ok(generated.tokenFile && readFileSync(generated.tokenFile, 'utf8') === generated.token);
    await generated.shutdown();
    assert.deepEqual(readdirSync(tokenDirs), [], 'a graceful stop left the token dir');
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    t.cleanup();
  }
});

test('a socket in a missing directory is reported as such, not as EACCES', async () => {
  const t = tempDir();
  try {
    const socket = join(t.dir, 'no-such-dir', 'fbuild.sock');
    await assert.rejects(startServer({ cacheDir: join(t.dir, 'cache'), token: 'x', socket, allowRoots: [t.dir] }), (e: Error) => {
      assert.equal(e.name, 'UserError');
      assert.match(e.message, /directory of --socket .* does not exist/);
      return true;
    });
    assert.equal(existsSync(join(t.dir, 'cache', 'v1', 'server.lock')), false, 'the refused start kept the lock');
  } finally {
    t.cleanup();
  }
});

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');

/** A user's error: exit 2, one line on stderr, no "internal error", no stack. */
function userError(r: CliRun, expected: RegExp): void {
  assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.match(lines[0]!, expected);
}

test('bad paths and bad files: one line and exit 2, never "internal error" (exit 70) or a hang', () => {
  const t = tempDir();
  try {
    const cache = join(t.dir, 'cache');
    const blink = join(t.dir, 'blink');
    cpSync(BLINK, blink, { recursive: true });
    const aFile = join(t.dir, 'a-file');
    writeFileSync(aFile, 'not a directory');

    userError(fbuild(['build', blink, '--cache-dir', aFile]), /^the cache dir .*a-file cannot be used: .*ENOTDIR.*--cache-dir/);

    // A FIFO as platformio.ini: refused at once instead of a read that never returns.
    const fifo = join(t.dir, 'fifo');
    cpSync(BLINK, fifo, { recursive: true });
    rmSync(join(fifo, 'platformio.ini'));
    assert.equal(spawnSync('mkfifo', [join(fifo, 'platformio.ini')]).status, 0);
    userError(fbuild(['build', fifo, '--cache-dir', cache]), /platformio\.ini is not a regular file/);

    // A 5 MB line with control bytes: quoted short and escaped.
    const noisy = join(t.dir, 'noisy');
    writeFiles(noisy, { 'platformio.ini': `[env:uno]\nboard = uno\n\u0000\u001b[31m${'x'.repeat(5_000_000)}\n` });
    const r = fbuild(['build', noisy, '--cache-dir', cache]);
    userError(r, /^platformio\.ini:3: cannot parse '\\x00\\x1b\[31mx+… \(\d+ more characters\)'/);
    assert.ok(r.stderr.length < 500, `${r.stderr.length} characters of stderr`);

    // References that double a value 30 times (2^30 characters): refused at a MiB.
    const bomb = join(t.dir, 'bomb');
    const levels = Array.from({ length: 30 }, (_, i) => `x${i + 1} = \${a.x${i}}\${a.x${i}}`);
    writeFiles(bomb, {
      'platformio.ini': ['[a]', 'x0 = y', ...levels, '[env:uno]', 'board = uno', 'build_flags = ${a.x30}', ''].join('\n'),
      'src/main.cpp': 'void setup() {}\nvoid loop() {}\n',
    });
    userError(fbuild(['build', bomb, '--cache-dir', cache]), /expands to over 1048576 characters; reference fewer values/);
  } finally {
    t.cleanup();
  }
});

test('a read-only project dir or cache dir: one line naming the read-only place, exit 2', (t) => {
  const tmp = tempDir();
  const ro = join(tmp.dir, 'ro');
  mkdirSync(ro);
  // Root ignores permission bits: a file system mounted read-only is what refuses root.
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', ro], { encoding: 'utf8' });
  if (mount.status !== 0) {
    tmp.cleanup();
    t.skip(`mounting a tmpfs was refused (${mount.stderr.trim()}): run the tests as root to cover read-only dirs`);
    return;
  }
  try {
    cpSync(BLINK, join(ro, 'blink'), { recursive: true });
    rmSync(join(ro, 'blink', '.fbuild'), { recursive: true, force: true });
    mkdirSync(join(ro, 'cache'));
    assert.equal(spawnSync('mount', ['-o', 'remount,ro', ro]).status, 0);
    userError(
      fbuild(['build', join(ro, 'blink'), '--cache-dir', join(tmp.dir, 'cache')]),
      /^fbuild: cannot create directories in .*ro\/blink \(EROFS\): the file system is read-only/,
    );
    userError(
      fbuild(['build', blinkCopy(tmp.dir), '--cache-dir', join(ro, 'cache')]),
      /^the cache dir .*ro\/cache cannot be used: .*\(EROFS\)/,
    );
  } finally {
    spawnSync('umount', [ro]);
    tmp.cleanup();
  }
});

function blinkCopy(dir: string): string {
  const copy = join(dir, 'blink-rw');
  cpSync(BLINK, copy, { recursive: true });
  return copy;
}

test('the wrapped backend hands each fbuild cc a 0600 token file, never the token in its environment', async () => {
  const t = tempDir();
  const saved = process.env.FBUILD_CACHE_TOKEN;
  const token = 'wrapped-secret-token-h15';
  // As a user who exported the token to start the server: the server's own environment has it.
  process.env.FBUILD_CACHE_TOKEN = token;
  try {
    const dumps = join(t.dir, 'dumps');
    mkdirSync(dumps);
    // Stands in for `fbuild cc`: records the environment it was given, then fails the compile.
    const fakeCc = join(t.dir, 'fake-cc.mjs');
    writeFileSync(
      fakeCc,
      `import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(dumps)} + '/' + process.pid + '.json', JSON.stringify(process.env));
process.exit(1);
`,
    );
    const project = join(t.dir, 'blink');
    cpSync(BLINK, project, { recursive: true });
    const server = await startServer({ cacheDir: join(t.dir, 'cache'), allowRoots: [t.dir], fbuildCommand: [process.execPath, fakeCc] });
    let seenFile = '';
    try {
      const client = new CacheClient(server.url, server.token);
      try {
        for await (const _ of client.build({ projectDir: project, backend: 'wrapped', toolchain: 'system' })) void _;
      } finally {
        await client.close();
      }
      const envs = readdirSync(dumps).map((f) => JSON.parse(readFileSync(join(dumps, f), 'utf8')) as Record<string, string>);
      assert.ok(envs.length > 0, 'no wrapped compile ran');
      for (const env of envs) {
        assert.equal(env.FBUILD_CACHE_TOKEN, undefined, "the token is in a wrapper's environment");
        assert.ok(!Object.values(env).some((v) => v.includes(token)), 'the token is in a value of the environment');
        seenFile = env.FBUILD_CACHE_TOKEN_FILE!;
        assert.equal(readFileSync(seenFile, 'utf8'), token);
        assert.equal(statSync(seenFile).mode & 0o777, 0o600);
      }
    } finally {
      await server.shutdown();
    }
    assert.equal(existsSync(seenFile), false, 'the token file outlived the server');
  } finally {
    if (saved === undefined) delete process.env.FBUILD_CACHE_TOKEN;
    else process.env.FBUILD_CACHE_TOKEN = saved;
    t.cleanup();
  }
});

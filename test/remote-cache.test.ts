// The shared remote tier on a real redis-server: two "runners" (separate cache dirs, checkouts at
// different paths) share one Redis; a corrupted value, a Redis killed mid-build, a wrong password
// and a server that accepts and never answers each leave a correct build and one warning.
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { fbuild, fbuildAsync, spawnFbuild, type CliRun } from './helpers/buildCli.ts';
import { tempDir } from './helpers/fixtures.ts';
import { copyUnoCoreStore, referenceHex } from './helpers/sharedBuilds.ts';
import { startRedis, type RunningRedis } from './helpers/redisServer.ts';

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');
const tmp = tempDir('fbuild-remote-');
let redis: RunningRedis;
let reference: string;

function checkout(name: string): string {
  const dir = join(tmp.dir, name, 'project');
  cpSync(BLINK, dir, { recursive: true, filter: (s) => !s.includes('.fbuild') });
  return dir;
}

function build(project: string, cache: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): CliRun {
  return fbuild(['build', project, '-e', 'uno', '--json', '--cache-dir', join(tmp.dir, cache), ...extra], { env });
}

/**
 * A local store that already holds the uno core (helpers/sharedBuilds.ts), for the tests of a tier that
 * fails: the build goes on from the local store, and blink's own unit and the link still go to the tier.
 */
const warmLocal = (cache: string): string => {
  copyUnoCoreStore(join(tmp.dir, cache));
  return cache;
};

const hexOf = (r: CliRun) => readFileSync(r.json!.artifacts.hex, 'utf8');
const warnings = (r: CliRun) => r.stderr.split('\n').filter((l) => l.startsWith('fbuild: warning:'));

before(async () => {
  redis = await startRedis(tmp.dir);
  reference = referenceHex(BLINK); // built without any cache, once per run (helpers/sharedBuilds.ts)
});

after(async () => {
  await redis?.stop();
  tmp.cleanup();
});

test('runner B, with an empty local store, builds from the remote tier alone', async () => {
  // Every read and write must land here, so the per-call timeout (1 s by default, a fail-fast bound
  // that a loaded machine can pass: one read lost, one miss) is only a hang guard. The tests below
  // that are about a tier that fails keep the default.
  const env = { FBUILD_REMOTE_CACHE_TIMEOUT_MS: '30000' };
  const a = build(checkout('runner-a'), 'cache-a', ['--remote-cache', redis.url], env);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.json!.stats.hits, 0);
  assert.deepEqual(warnings(a), []);

  const b = build(checkout('runner-b'), 'cache-b', ['--remote-cache', redis.url], env);
  assert.equal(b.code, 0, b.stderr);
  assert.deepEqual(warnings(b), []);
  assert.equal(b.json!.stats.hitRate, 1, JSON.stringify(b.json!.stats));
  assert.equal(b.json!.stats.remoteHits, b.json!.stats.compiles, 'every unit and the link came from Redis');
  assert.equal(hexOf(b), reference, 'the firmware is the one an uncached build makes');
  assert.match(b.stdout + b.stderr, /hit|"hits"/);

  // B's local store now holds the entries: without Redis it still hits everything.
  const b2 = build(b.json!.artifacts.hex.replace(/\/\.fbuild\/.*$/, ''), 'cache-b', ['--force']);
  assert.equal(b2.code, 0, b2.stderr);
  assert.equal(b2.json!.stats.hitRate, 1);
  assert.equal(b2.json!.stats.remoteHits, undefined, 'no remote tier this time');
});

test('a value corrupted in Redis is a miss, dropped, and the object is right', async () => {
  const client = new Redis({ path: redis.socket });
  try {
    const keys = await client.keys('fbuild:v1:*');
    assert.ok(keys.length > 10, `entries in Redis: ${keys.length}`);
    for (const key of keys) {
      const v = (await client.getBuffer(key))!;
      v[v.length - 1] = v[v.length - 1]! ^ 0xff;
      await client.set(key, v);
    }
    const c = build(checkout('runner-c'), 'cache-c', ['--remote-cache', redis.url]);
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.json!.stats.hits, 0, 'nothing damaged was used');
    assert.equal(hexOf(c), reference);
    // The damaged values were replaced by good ones: the next runner hits again.
    const d = build(checkout('runner-d'), 'cache-d', ['--remote-cache', redis.url]);
    assert.equal(d.json!.stats.hitRate, 1, JSON.stringify(d.json!.stats));
    assert.equal(hexOf(d), reference);
  } finally {
    client.disconnect();
  }
});

test('Redis killed in the middle of a cold build: the build succeeds with one warning', async () => {
  const own = await startRedis(tmp.dir);
  const project = checkout('runner-e');
  const run = await new Promise<CliRun>((resolveRun) => {
    // The bundled CLI (helpers/bundle.ts), as every other build here: not the sources through tsx.
    const child = spawnFbuild([
      'build',
      project,
      '-e',
      'uno',
      '--json',
      '--verbose',
      '--cache-dir',
      join(tmp.dir, 'cache-e'),
      '--remote-cache',
      own.url,
    ]);
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      // The first unit has compiled (and was written behind to Redis): now Redis goes away.
      if (!killed && /^miss /m.test(stderr)) {
        killed = true;
        void own.stop();
      }
    });
    child.on('close', (code) => resolveRun({ code: code ?? -1, stdout, stderr, json: JSON.parse(stdout) }));
  });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(hexOf(run), reference);
  assert.equal(warnings(run).length, 1, run.stderr);
  assert.match(warnings(run)[0]!, /remote cache (read|write) failed/);
});

test('a wrong password: the build goes on from the local store, with one warning', async () => {
  const locked = await startRedis(tmp.dir, { password: 'right-one' });
  try {
    const r = build(checkout('runner-f'), warmLocal('cache-f'), ['--remote-cache', `unix://${locked.socket}?password=wrong-one`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(hexOf(r), reference);
    assert.equal(warnings(r).length, 1, r.stderr);
    assert.match(warnings(r)[0]!, /^fbuild: warning: remote cache unavailable \(redis at .*(WRONGPASS|invalid|password)/i);
    assert.doesNotMatch(r.stderr, /wrong-one/, 'the password is never printed');
  } finally {
    await locked.stop();
  }
});

test('a server that accepts and never answers: the build finishes with one warning', async () => {
  const sockets = new Set<Socket>();
  const silent = createServer((s) => sockets.add(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  try {
    const port = (silent.address() as { port: number }).port;
    const r = await fbuildAsync(
      [
        'build',
        checkout('runner-g'),
        '-e',
        'uno',
        '--json',
        '--cache-dir',
        join(tmp.dir, warmLocal('cache-g')),
        '--remote-cache',
        `redis://127.0.0.1:${port}/0`,
      ],
      {
        env: { FBUILD_REMOTE_CACHE_TIMEOUT_MS: '300' },
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(hexOf(r), reference);
    assert.equal(warnings(r).length, 1, r.stderr);
    assert.match(warnings(r)[0]!, /remote cache unavailable \(redis at 127\.0\.0\.1:\d+: no answer/);
  } finally {
    for (const s of sockets) s.destroy();
    silent.close();
  }
});

test('a full Redis (maxmemory, noeviction): the build succeeds with one warning', async () => {
  const full = await startRedis(tmp.dir, { maxmemory: '1mb' });
  try {
    const client = new Redis({ path: full.socket });
    // Fill it to the limit first, so that every write of the build is refused with OOM.
    try {
      for (let i = 0; ; i++) await client.set(`filler:${i}`, Buffer.alloc(64 * 1024));
    } catch {
      // full
    } finally {
      client.disconnect();
    }
    const r = build(checkout('runner-full'), warmLocal('cache-full'), ['--remote-cache', full.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(hexOf(r), reference);
    assert.equal(warnings(r).length, 1, r.stderr);
    assert.match(warnings(r)[0]!, /remote cache write failed \(redis at .*OOM/);
  } finally {
    await full.stop();
  }
});

test('a bad remote cache URL is one line and exit 2', () => {
  const r = fbuild(['build', checkout('runner-h'), '-e', 'uno', '--remote-cache', 'memcached://x']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(
    r.stderr.trim(),
    'fbuild build: the remote cache URL scheme memcached:// is not supported; use redis://, rediss:// or unix://',
  );
});

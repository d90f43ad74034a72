// The action with a shared Redis tier (a self-hosted fleet): one job fills Redis, a job on another
// "runner" with the GitHub cache turned off builds from Redis alone; the URL, password included,
// never shows in a log or summary; a pull request from a fork only reads.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { actionJob, jobFor } from './helpers/actionJobs.ts';
import { tempDir } from './helpers/fixtures.ts';
import { GhCacheEmulator } from './helpers/ghCacheEmulator.ts';
import { startRedis, type RunningRedis } from './helpers/redisServer.ts';
import { prepareAction } from './helpers/runnerHarness.ts';

const PASSWORD = 'fleet-secret-5b1f';
let root: string;
let cleanup: () => void;
let emulator: GhCacheEmulator;
let redis: RunningRedis;
let action: string;

before(async () => {
  ({ dir: root, cleanup } = tempDir('fbuild-action-remote-'));
  action = await prepareAction(join(root, 'action'));
  emulator = await GhCacheEmulator.start();
  redis = await startRedis(root, { password: PASSWORD });
});

after(async () => {
  await redis.stop();
  await emulator.close();
  cleanup();
});

const keysInRedis = async () => {
  const client = new Redis({ path: redis.socket, password: PASSWORD });
  try {
    return (await client.keys('fbuild:v1:*')).length;
  } finally {
    client.disconnect();
  }
};

test('runner B builds from the Redis tier alone; the URL is masked everywhere', async () => {
  const inputs = { environment: 'uno', cache: 'false', 'remote-cache': redis.url };
  const a = await actionJob(jobFor(root, emulator, { fixture: 'sketch' }), action, inputs);
  assert.equal(a.conclusion, 'success', a.log);
  const filled = await keysInRedis();
  assert.ok(filled > 10, `runner A filled Redis (${filled} keys)`);

  const b = await actionJob(jobFor(root, emulator, { fixture: 'sketch' }), action, inputs);
  assert.equal(b.conclusion, 'success', b.log);
  assert.equal(b.outputs('fbuild')['hit-rate'], '1', b.log);
  assert.equal(b.outputs('fbuild')['cache-restored'], 'false', 'nothing came from the GitHub cache');
  assert.match(b.summary, /Remote cache \(redis at .*read-write\): [1-9]\d* entries fetched/);
  for (const r of [a, b]) {
    assert.ok(!r.log.includes(PASSWORD) && !r.summary.includes(PASSWORD), 'the password never shows');
    assert.ok(r.masks.includes(redis.url), 'the URL is masked');
  }
});

test('a pull request from a fork only reads the Redis tier', async () => {
  const before = await keysInRedis();
  const job = jobFor(root, emulator, { fixture: 'sketch' });
  // A fork PR's event: its head repository is not this one.
  const event = join(job.temp, 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { number: 7, head: { sha: 'f'.repeat(40), repo: { full_name: 'someone/fork' } } } }));
  Object.assign(job.env, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: 'fbuild/example' });
  // A changed source: its unit misses, which a read-write tier would then write.
  const sketch = join(job.workspace, 'src', 'sketch.ino');
  writeFileSync(sketch, readFileSync(sketch, 'utf8').replace('n * n + 1', 'n * n + 3'));
  const r = await actionJob(job, action, { environment: 'uno', cache: 'false', 'remote-cache': redis.url, comment: 'false' });
  assert.equal(r.conclusion, 'success', r.log);
  assert.equal(r.outputs('fbuild').misses, '2', 'one unit compiled, and the link it changes');
  assert.match(r.log, /remote cache read only \(a pull request from a fork\)/);
  assert.equal(await keysInRedis(), before, 'nothing was written to Redis');
});

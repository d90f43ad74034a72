// The action on a workspace whose path holds a space, an `ä` and a `'` (a repository named
// "firmware repo", a self-hosted runner's folder): @actions/cache builds its tar command as one
// string split at spaces (actions/cache#1580), so the save used to fail and no job ever warmed.
// Run in the runner emulator against the cache service emulator, with the real @actions/cache:
// the cold job saves; a job laid out differently (its HOME and workspace elsewhere, as a container
// job's are) restores and hits every unit; a job whose local store is already full says so.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GhCacheEmulator } from './helpers/ghCacheEmulator.ts';
import { prepareAction, type Job } from './helpers/runnerHarness.ts';
import { actionJob, FIXTURES } from './helpers/actionJobs.ts';
import { tempDir } from './helpers/fixtures.ts';

const AWKWARD = "firmware repo ä'";

describe("the action on a workspace path with a space, an ä and a '", () => {
  let root: string;
  let cleanup: () => void;
  let emulator: GhCacheEmulator;
  let action: string;
  let runs = 500;

  /** A job with the sketch in `workspace`, its HOME at `home` (both relative to a fresh dir). */
  const awkwardJob = (layout: { home: string; workspace: string }): Job => {
    const dir = mkdtempSync(join(root, 'job-'));
    const runId = String(++runs);
    const job: Job = {
      root: dir,
      home: join(dir, layout.home),
      workspace: join(dir, layout.workspace),
      // RUNNER_TEMP too: a self-hosted runner's folder with a space puts one in every path of the job.
      temp: join(dir, 'work', `${AWKWARD} _temp`),
      env: {
        ...emulator.envFor({ ref: 'refs/heads/main', actionsWrite: true }),
        GITHUB_RUN_ID: runId,
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_SHA: runId.padStart(40, '0'),
      },
    };
    for (const d of [job.home, job.workspace, job.temp]) mkdirSync(d, { recursive: true });
    cpSync(join(FIXTURES, 'sketch'), job.workspace, { recursive: true });
    return job;
  };

  before(async () => {
    ({ dir: root, cleanup } = tempDir('fbuild-awkward-'));
    action = await prepareAction(join(root, 'action'));
    emulator = await GhCacheEmulator.start();
  });
  after(async () => {
    await emulator.close();
    cleanup();
  });

  let firstSavedKey = '';
  /** The HOME of the warm job, whose store the third job finds already full. */
  let warmHome = '';

  test('the cold job builds, says it is cold, and saves the store', async () => {
    const job = awkwardJob({ home: 'home', workspace: join('work', AWKWARD, AWKWARD) });
    const result = await actionJob(job, action, { environment: 'uno' });
    assert.equal(result.conclusion, 'success', result.log);
    assert.match(result.log, /this build is cold/);
    const out = result.outputs('fbuild');
    assert.ok(Number(out.misses) > 10, `a cold build misses every unit: ${out.misses}`);
    assert.match(out['cache-saved-key'] ?? '', /-uno-/, `the store was saved: ${result.annotations.map((a) => a.message).join('\n')}`);
    assert.deepEqual(
      result.annotations.filter((a) => a.level !== 'notice'),
      [],
      'no warning: the save did not fail',
    );
    firstSavedKey = out['cache-saved-key']!;
  });

  test('a job with its HOME and workspace elsewhere (a container job) restores it and hits every unit', async () => {
    assert.ok(firstSavedKey, 'the cold job saved');
    const job = awkwardJob({ home: join('root dir', AWKWARD, 'home'), workspace: join('__w', AWKWARD, AWKWARD, 'checkout') });
    warmHome = job.home;
    const result = await actionJob(job, action, { environment: 'uno' });
    assert.equal(result.conclusion, 'success', result.log);
    const out = result.outputs('fbuild');
    assert.equal(out['cache-restored'], 'true', result.log);
    assert.equal(out['cache-matched-key'], firstSavedKey);
    assert.match(result.log, /store restored from \S+ in \d+ ms: \d+ entries/);
    assert.equal(out['hit-rate'], '1', result.log);
    assert.equal(out.misses, '0');
    assert.deepEqual(
      result.annotations.filter((a) => a.level !== 'notice'),
      [],
    );
  });

  test("a self-hosted runner's job whose local store already holds the entries says so, and saves what it adds", async () => {
    assert.ok(warmHome, 'the warm job ran');
    const job = awkwardJob({ home: 'unused', workspace: join('runner', AWKWARD, AWKWARD) });
    // The same HOME as the warm job (a self-hosted runner's), a key of its own: nothing to restore.
    job.home = warmHome;
    // One changed source: one new entry, so there is something to save.
    const sketch = join(job.workspace, 'src', 'sketch.ino');
    writeFileSync(sketch, readFileSync(sketch, 'utf8').replace('n * n + 1', 'n * n + 3'));
    const result = await actionJob(job, action, { environment: 'uno', 'key-suffix': 'selfhosted' });
    assert.equal(result.conclusion, 'success', result.log);
    assert.match(result.log, /no store entry to restore; the local store already holds \d+ entries/);
    assert.doesNotMatch(result.log, /this build is cold/);
    const out = result.outputs('fbuild');
    assert.equal(out.misses, '2', 'only the changed source (and the link it changes) missed: the local store served the rest');
    assert.match(out['cache-saved-key'] ?? '', /-selfhosted-/, 'its own key is saved (from a workspace with a space)');
  });
});

// The steps' own time (src/action/stepTimes.ts) and its line in the job summary: transfers at once
// counted once, the builds left out, a step run again counted once, and a summary without the
// figures (a state written by an older action) without the line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beginStep, cacheOverhead, stepTimeSoFar, timedTransfer, transferMsSoFar, withStepTime } from '../src/action/stepTimes.ts';
import { summaryMarkdown } from '../src/action/summary.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('transfers that run at once are counted once, and only while one runs', async () => {
  const before = transferMsSoFar();
  const started = performance.now();
  await Promise.all([timedTransfer(() => wait(30)), timedTransfer(() => wait(30)), timedTransfer(() => wait(30))]);
  const wall = performance.now() - started;
  const counted = transferMsSoFar() - before;
  assert.ok(counted > 0 && counted <= wall + 1, `${counted} ms counted in ${wall} ms`);
  await wait(5);
  assert.equal(transferMsSoFar() - before, counted, 'the clock stops when no transfer runs');
  await assert.rejects(
    timedTransfer(() => Promise.reject(new Error('boom'))),
    /boom/,
  );
  assert.ok(transferMsSoFar() - before >= counted, 'a failed transfer stops the clock too');
});

test('steps of one process follow each other: the first from the process start, each next from the previous end', async () => {
  beginStep('setup');
  const setup = stepTimeSoFar()!;
  assert.equal(setup.step, 'setup');
  assert.ok(setup.ms >= 0);
  beginStep('build');
  await timedTransfer(() => wait(5));
  const build = stepTimeSoFar()!;
  assert.equal(build.step, 'build');
  assert.ok(build.transferMs <= build.ms);
  assert.ok(build.ms < performance.now(), 'the build step starts where setup ended, not at the process start');
});

test('cache overhead: the steps without their transfers, and the build step without the builds', () => {
  const o = cacheOverhead(
    [
      { step: 'setup', ms: 400, transferMs: 150 },
      { step: 'build', ms: 200, transferMs: 0 },
      { step: 'save', ms: 120, transferMs: 0 },
    ],
    80,
  );
  assert.deepEqual(o, { ms: 250 + 120 + 120, transferMs: 150, buildsMs: 80, ownMs: { setup: 250, build: 120, save: 120 } });
  // A save run again (the fallback save step after a job step that died) replaces the first record.
  const steps = withStepTime(
    [
      { step: 'setup', ms: 1, transferMs: 0 },
      { step: 'save', ms: 9, transferMs: 0 },
    ],
    { step: 'save', ms: 5, transferMs: 2 },
  );
  assert.deepEqual(steps, [
    { step: 'setup', ms: 1, transferMs: 0 },
    { step: 'save', ms: 5, transferMs: 2 },
  ]);
});

test('the summary shows the cache overhead with each step, and nothing when the state had no times', () => {
  const base = { rows: [], saveNote: 'skipped', restoreMs: 10 };
  const md = summaryMarkdown({
    ...base,
    overhead: { ms: 420, transferMs: 100, buildsMs: 60, ownMs: { setup: 200, build: 100, save: 120 } },
  });
  assert.match(
    md,
    /Cache overhead: 0\.42 s \(setup 0\.20 s, build 0\.10 s, save 0\.12 s: the steps' time without the cache transfers, 0\.10 s, and the builds themselves, 0\.06 s\)/,
  );
  // The setup and save sub-actions around a user's own build: two steps.
  assert.match(
    summaryMarkdown({ ...base, overhead: { ms: 300, transferMs: 0, buildsMs: 0, ownMs: { setup: 200, save: 100 } } }),
    /\(setup 0\.20 s, save 0\.10 s:/,
  );
  assert.doesNotMatch(summaryMarkdown(base), /Cache overhead/);
});

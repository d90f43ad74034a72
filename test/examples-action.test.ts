// The action in library CI mode, end to end in the runner harness: a push to main builds the examples
// and saves its report; a pull request that grows one example shows the size deltas against it in the
// job summary and in the PR comment (the GitHub API emulator), and hits the store main saved.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MARKER, parseExamplesComment } from '../src/action/examples/examplesComment.ts';
import { writeExampleLibrary } from './helpers/exampleLibrary.ts';
import { tempDir } from './helpers/fixtures.ts';
import { GhCacheEmulator } from './helpers/ghCacheEmulator.ts';
import { startGithubApiEmulator, type GithubApiEmulator } from './helpers/githubApiEmulator.ts';
import { newJob, prepareAction, runJob, type Job } from './helpers/runnerHarness.ts';

const TOKEN = 'ghs_examplesActionToken';
let root: string;
let cleanup: () => void;
let action: string;
let cache: GhCacheEmulator;
let github: GithubApiEmulator;

before(async () => {
  ({ dir: root, cleanup } = tempDir('fbuild-examples-action-'));
  action = await prepareAction(join(root, 'action'));
  cache = await GhCacheEmulator.start();
  github = await startGithubApiEmulator();
  github.addToken(TOKEN, 'write');
});
after(async () => {
  await cache.close();
  await github.close();
  cleanup();
});

let run = 500;
function libraryJob(name: string, identity: { ref: string; baseRef?: string }, env: Record<string, string> = {}): Job {
  const runId = String(++run);
  const job = newJob(join(root, name), {
    ...cache.envFor(identity),
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: runId.padStart(40, 'a'),
    GITHUB_REPOSITORY: 'octo/Greeter',
    ...env,
  });
  writeExampleLibrary(job.workspace);
  return job;
}

const inputs = {
  toolchain: 'system',
  boards: 'uno',
  examples: 'examples/Hello\nexamples/Board',
  'delete-superseded': 'false',
};

test('a push saves the examples report; a pull request compares with it, in the summary and one comment', async () => {
  const main = libraryJob('main', { ref: 'refs/heads/main' });
  const pushed = await runJob(main, [{ id: 'fbuild', uses: action, with: { ...inputs, comment: 'false' } }]);
  assert.equal(pushed.conclusion, 'success', pushed.log);
  const out = pushed.outputs('fbuild');
  assert.ok(existsSync(out['examples-report']!), 'the report file');
  const report = JSON.parse(readFileSync(out['examples-report']!, 'utf8'));
  assert.deepEqual(report.results.map((r: { example: string; ok: boolean }) => [r.example, r.ok]).sort(), [
    ['examples/Board', true],
    ['examples/Hello', true],
  ]);
  assert.ok(existsSync(join(out['sketches-report']!, 'arduino-avr-uno.json')));
  assert.ok(cache.finalized().some((e) => e.key.startsWith('fbuild-examples-report-v1-') && e.ref === 'refs/heads/main'));
  assert.match(pushed.summary, /fbuild: library examples/);
  const helloBefore = report.results.find((r: { example: string }) => r.example === 'examples/Hello').flash;

  // The pull request: Hello prints one more line.
  const pr = libraryJob(
    'pr',
    { ref: 'refs/pull/7/merge', baseRef: 'refs/heads/main' },
    { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'grow-hello' },
  );
  const event = join(pr.temp, 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { number: 7, head: { sha: 'b'.repeat(40), repo: { full_name: 'octo/Greeter' } } } }));
  Object.assign(pr.env, { GITHUB_EVENT_PATH: event, GITHUB_API_URL: github.url });
  const sketch = join(pr.workspace, 'examples', 'Hello', 'Hello.ino');
  writeFileSync(
    sketch,
    readFileSync(sketch, 'utf8').replace('greet(Serial, "world");', 'greet(Serial, "world");\n  Serial.println(F("one more line"));'),
  );
  const proposed = await runJob(pr, [{ id: 'fbuild', uses: action, with: { ...inputs, 'github-token': TOKEN } }]);
  assert.equal(proposed.conclusion, 'success', proposed.log);

  const grown = JSON.parse(readFileSync(proposed.outputs('fbuild')['examples-report']!, 'utf8'));
  const helloAfter = grown.results.find((r: { example: string }) => r.example === 'examples/Hello').flash;
  assert.ok(helloAfter > helloBefore);
  // Only the changed sketch's unit and its link were compiled: the rest came from main's store.
  assert.equal(Number(proposed.outputs('fbuild').misses), 2, proposed.log);
  const delta = `+${(helloAfter - helloBefore).toLocaleString('en-US')}`;
  assert.ok(proposed.summary.includes(`(${delta})`), proposed.summary);
  assert.match(proposed.summary, /change against `main`/);

  const comments = github.comments('octo', 'Greeter', 7).filter((c) => c.body.startsWith(MARKER));
  assert.equal(comments.length, 1);
  const cells = parseExamplesComment(comments[0]!.body).cells;
  assert.equal(cells.find((c) => c.example === 'examples/Hello')!.flashDelta, helloAfter - helloBefore);
  assert.equal(cells.find((c) => c.example === 'examples/Board')!.flashDelta, 0);
});

// The fork PR recipe (report/action.yml): a workflow_run job reads the stats files of the PR's matrix
// legs, downloaded as artifacts, and posts the one report comment. Run three ways against the GitHub
// REST emulator: the entry function directly, src/action/entries/report.ts bundled (dist/report.js) as a process with a
// runner's INPUT_*, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, and report/action.yml in the runner harness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportFromStatsFiles } from '../src/action/prComment/fromStatsFiles.ts';
import { MARKER, parseComment } from '../src/action/prComment/commentData.ts';
import type { StatsFile } from '../src/action/prComment/statsFile.ts';
import { startGithubApiEmulator, type GithubApiEmulator } from './helpers/githubApiEmulator.ts';
import { buildResult, FAST, HEAD_2, recordingLog } from './helpers/prReport.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { freshDist } from './helpers/bundle.ts';
import { newJob, prepareAction, runJob } from './helpers/runnerHarness.ts';

const TOKEN = 'ghs_workflowRunTokenMayWrite';
const BUILD_RUN = 7_000_001;
/** The report entry bundled from the sources (helpers/bundle.ts), as report/action.yml runs dist/report.js. */
const REPORT_ENTRY = [join(freshDist(), 'report.js')];

/** Runs the report entry as a process (asynchronously: the emulator answers from this one). */
function runEntry(
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, REPORT_ENTRY, { cwd, env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface Setup {
  em: GithubApiEmulator;
  dir: string;
  stats: string;
  env: Record<string, string>;
}

/** Two legs' stats artifacts as download-artifact lays them out, and a workflow_run event for a fork PR. */
async function setup(t: { after(fn: () => unknown): void }, event: Record<string, unknown> = {}): Promise<Setup> {
  const em = await startGithubApiEmulator({ latencyMs: [0, 10] });
  em.addToken(TOKEN, 'write');
  em.addPull('octo', 'firmware', { number: 7, headLabel: 'contributor:fix-blink', headSha: HEAD_2 });
  em.addPull('octo', 'firmware', { number: 3, headLabel: 'contributor:other', headSha: HEAD_2 });
  t.after(() => em.close());
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const leg = (env: string, baseline?: StatsFile['environments'][string]['baseline']): StatsFile => ({
    environments: { [env]: { result: buildResult(env, { flash: 3300 }), ...(baseline ? { baseline } : {}) } },
    sha: HEAD_2,
    ref: 'refs/pull/7/merge',
  });
  writeFiles(dir, {
    'stats/fbuild-stats-uno/stats.json': JSON.stringify(leg('uno', buildResult('uno', { flash: 3254 }))),
    'stats/fbuild-stats-esp32dev/stats.json': JSON.stringify(leg('esp32dev')),
    'stats/fbuild-stats-esp32dev/notes.txt': 'not a stats file',
    'event.json': JSON.stringify({
      action: 'completed',
      workflow_run: {
        id: BUILD_RUN,
        run_attempt: 1,
        event: 'pull_request',
        head_sha: HEAD_2,
        head_branch: 'fix-blink',
        html_url: `https://github.com/octo/firmware/actions/runs/${BUILD_RUN}`,
        head_repository: { full_name: 'contributor/firmware', owner: { login: 'contributor' } },
        // GitHub lists no pull requests here when the head is in a fork.
        pull_requests: [],
        ...event,
      },
    }),
  });
  const env = {
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'octo/firmware',
    GITHUB_API_URL: em.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '7000099',
  };
  return { em, dir, stats: join(dir, 'stats'), env };
}

const reports = (em: GithubApiEmulator, n = 7) => em.comments('octo', 'firmware', n).filter((c) => c.body.startsWith(MARKER));

test('the recipe posts one comment with both legs’ rows on the fork PR the workflow_run built', async (t) => {
  const { em, stats, env } = await setup(t);
  const log = recordingLog();
  const result = await reportFromStatsFiles({ token: TOKEN, statsPath: stats, env, log, ...FAST });
  assert.equal(result.posted, true, log.all());
  const [comment, ...more] = reports(em);
  assert.equal(more.length, 0);
  assert.equal(result.url, comment!.html_url);
  const rows = parseComment(comment!.body).rows;
  assert.deepEqual(rows.map((r) => r.environment).sort(), ['esp32dev', 'uno']);
  assert.ok(
    rows.every((r) => r.sha === HEAD_2 && r.runId === BUILD_RUN),
    'the rows belong to the run that built, not to this one',
  );
  assert.match(comment!.body, /\[run 7000001\]\(https:\/\/github\.com\/octo\/firmware\/actions\/runs\/7000001\)/);
  assert.match(comment!.body, /\| `uno` .*3,300 B \(10\.2%\)<br>\+46 B/);
  assert.match(comment!.body, /\| `esp32dev` .*<br>no baseline/);
  assert.ok(
    em.requests.some((r) => r.path.includes('/pulls?') && r.path.includes('head=contributor%3Afix-blink')),
    'found the PR by head',
  );
  assert.equal(reports(em, 3).length, 0, 'not the PR of another branch at the same commit');
  assert.match(result.markdown ?? '', /\| Environment \| Result \|/);

  // Re-running the report job changes nothing and makes no second comment.
  const again = await reportFromStatsFiles({ token: TOKEN, statsPath: stats, env, log: recordingLog(), ...FAST });
  assert.equal(again.posted, true);
  assert.equal(reports(em).length, 1);
  assert.equal(reports(em)[0]!.body, comment!.body);
});

test('a workflow_run of a push, or a stats file that is not a build result, posts nothing it cannot trust', async (t) => {
  const push = await setup(t, { event: 'push' });
  const log = recordingLog();
  const result = await reportFromStatsFiles({ token: TOKEN, statsPath: push.stats, env: push.env, log, ...FAST });
  assert.equal(result.posted, false);
  assert.equal(result.reason, 'no-pull-request');
  assert.equal(push.em.comments('octo', 'firmware', 7).length, 0);
  assert.equal(log.notices.length, 1);

  const pr = await setup(t, { pull_requests: [{ number: 7, head: { sha: HEAD_2 } }] });
  writeFiles(pr.dir, {
    'stats/fbuild-stats-bad/stats.json': JSON.stringify({
      environments: { evil: { result: 'x' }, weird: { result: { stats: 5 } } },
      sha: 'zz',
    }),
    'stats/fbuild-stats-broken/stats.json': '{ not json',
  });
  const mixed = recordingLog();
  const posted = await reportFromStatsFiles({ token: TOKEN, statsPath: pr.stats, env: pr.env, log: mixed, ...FAST });
  assert.equal(posted.posted, true, mixed.all());
  assert.deepEqual(
    parseComment(reports(pr.em)[0]!.body)
      .rows.map((r) => r.environment)
      .sort(),
    ['esp32dev', 'uno'],
  );
  assert.equal(mixed.warnings.length, 2, mixed.all());
  assert.ok(!pr.em.requests.some((r) => r.path.includes('/pulls?')), 'the event named the PR: no lookup');
});

test('report.ts run as the runner runs it: outputs, the job summary, and the token masked', async (t) => {
  const { em, dir, stats, env } = await setup(t);
  const output = join(dir, 'output.txt');
  const summary = join(dir, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const run = await runEntry(dir, {
    ...env,
    'INPUT_GITHUB-TOKEN': TOKEN,
    'INPUT_STATS-PATH': stats,
    'INPUT_PULL-REQUEST': '',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`::add-mask::${TOKEN}`));
  assert.equal(run.stdout.split(TOKEN).length, 2, 'the token appears only in the add-mask command');
  assert.match(readFileSync(output, 'utf8'), /posted<<[^\n]+\ntrue\n/);
  assert.match(readFileSync(output, 'utf8'), /comment-url<<[^\n]+\nhttps:\/\/github\.com\/octo\/firmware\/pull\/7#issuecomment-\d+\n/);
  assert.match(readFileSync(summary, 'utf8'), /### fbuild build report for/);
  assert.equal(reports(em).length, 1);

  const bad = await runEntry(dir, { ...env, 'INPUT_PULL-REQUEST': 'seven', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary });
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /::error::Input "pull-request" must be a pull request number \(like 42\), not "seven"\./);
});

test('report/action.yml runs in the runner harness from two legs’ stats artifacts and posts one comment', async (t) => {
  const { em, stats, env, dir } = await setup(t);
  const action = await prepareAction(join(dir, 'action'));
  const job = newJob(join(dir, 'job'), env);
  const r = await runJob(job, [{ id: 'report', uses: join(action, 'report'), with: { 'stats-path': stats, 'github-token': TOKEN } }]);
  assert.equal(r.conclusion, 'success', r.log);
  const [comment, ...more] = reports(em);
  assert.equal(more.length, 0, 'one comment');
  assert.deepEqual(
    parseComment(comment!.body)
      .rows.map((row) => row.environment)
      .sort(),
    ['esp32dev', 'uno'],
  );
  assert.equal(r.outputs('report').posted, 'true');
  assert.equal(r.outputs('report')['comment-url'], comment!.html_url);
  assert.ok(!r.log.includes(TOKEN), 'the token is masked');
});

// The PR report: one sticky comment per pull request, a row per matrix entry, written by concurrent
// jobs through the GitHub REST emulator (test/helpers/githubApiEmulator.ts) on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { reportRowFromBuild, reportToPullRequest, renderComment, prContextFromEnv } from '../src/action/prComment/index.ts';
import type { PrReportOptions, ReportLog } from '../src/action/prComment/index.ts';
import { MARKER, parseComment, type ReportedRow } from '../src/action/prComment/commentData.ts';
import { GITHUB_COMMENT_LIMIT } from '../src/action/prComment/render.ts';
import { retryDelay } from '../src/action/prComment/githubApi.ts';
import { startGithubApiEmulator, type GithubApiEmulator } from './helpers/githubApiEmulator.ts';
import { buildResult, FAST, HEAD_1, HEAD_2, prContext, recordingLog } from './helpers/prReport.ts';
import { tempDir } from './helpers/fixtures.ts';

const WRITE_TOKEN = 'ghs_writeTokenThatMustNeverBePrinted';
const READ_TOKEN = 'ghs_readOnlyForkToken';

async function emulator(t: { after(fn: () => Promise<void>): void }): Promise<GithubApiEmulator> {
  // Up to 25 ms per request: enough for concurrent read-merge-write rounds to overlap.
  const em = await startGithubApiEmulator({ latencyMs: [0, 25] });
  em.addToken(WRITE_TOKEN, 'write');
  em.addToken(READ_TOKEN, 'read');
  t.after(() => em.close());
  return em;
}

const reports = (em: GithubApiEmulator) => em.comments('octo', 'firmware', 7).filter((c) => c.body.startsWith(MARKER));
const rowsOf = (body: string) => parseComment(body).rows;
const envsInReport = (em: GithubApiEmulator) =>
  rowsOf(reports(em)[0]!.body)
    .map((r) => r.environment)
    .sort();

/** Runs one "matrix job" per environment at the same time, as a workflow's matrix does. */
function matrix(em: GithubApiEmulator, envs: string[], over: Parameters<typeof prContext>[1] = {}) {
  return Promise.all(
    envs.map((env) => {
      const log = recordingLog();
      const rows = [reportRowFromBuild(buildResult(env))];
      return reportToPullRequest({ token: WRITE_TOKEN, rows, context: prContext(em.url, over), log, ...FAST }).then((r) => ({ ...r, log }));
    }),
  );
}

/** One job reporting its uno build. */
function postUno(token: string, context: ReturnType<typeof prContext>, log: ReportLog, extra: Partial<PrReportOptions> = {}) {
  return reportToPullRequest({ token, rows: [reportRowFromBuild(buildResult('uno'))], context, log, ...FAST, ...extra });
}

test('two and then five matrix jobs updating one PR at once end with exactly one comment holding every row', async (t) => {
  const em = await emulator(t);
  const two = await matrix(em, ['uno', 'esp32dev']);
  assert.ok(
    two.every((r) => r.posted),
    JSON.stringify(two.map((r) => r.log.all())),
  );
  assert.equal(reports(em).length, 1);
  assert.deepEqual(envsInReport(em), ['esp32dev', 'uno']);

  const envs = ['uno', 'esp32dev', 'nano', 'mega', 'native'];
  const five = await matrix(em, envs, { runId: 101 });
  assert.ok(
    five.every((r) => r.posted),
    JSON.stringify(five.map((r) => r.log.all())),
  );
  const [comment, ...more] = reports(em);
  assert.equal(more.length, 0, 'one report comment, no duplicates');
  const rows = rowsOf(comment!.body);
  assert.deepEqual(rows.map((r) => r.environment).sort(), [...envs].sort());
  assert.ok(rows.every((r) => r.runId === 101));
  assert.ok(five.every((r) => r.url === comment!.html_url));
});

test('five jobs racing on a PR with no comment yet create one comment, not five', async (t) => {
  const em = await emulator(t);
  const envs = ['a', 'b', 'c', 'd', 'e'];
  const results = await matrix(em, envs);
  assert.ok(results.every((r) => r.posted));
  const all = reports(em);
  assert.equal(all.length, 1);
  assert.deepEqual(
    rowsOf(all[0]!.body)
      .map((r) => r.environment)
      .sort(),
    envs,
  );
});

test('a second push updates the comment in place and marks the rows not yet rebuilt stale', async (t) => {
  const em = await emulator(t);
  await matrix(em, ['uno', 'esp32dev']);
  const first = reports(em)[0]!;

  // The second push's uno job finishes first: esp32dev's row is still the old commit's.
  await matrix(em, ['uno'], { headSha: HEAD_2, runId: 200 });
  const [second, ...more] = reports(em);
  assert.equal(more.length, 0);
  assert.equal(second!.id, first.id, 'updated in place');
  assert.match(second!.body, /### fbuild build report for \[`2222222`\]/);
  const staleLine = second!.body.split('\n').find((l) => l.startsWith('| `esp32dev`'));
  assert.match(staleLine ?? '', /_\(stale: `1111111`\)_/);
  const unoLine = second!.body.split('\n').find((l) => l.startsWith('| `uno`'));
  assert.doesNotMatch(unoLine ?? '', /stale/);
  assert.match(second!.body, /_Stale_ rows were built from an older commit/);

  // A slow job of the first push reporting now does not take the comment back to the old commit.
  await matrix(em, ['uno'], { runId: 100 });
  const third = reports(em)[0]!;
  assert.match(third.body, /report for \[`2222222`\]/);
  assert.equal(rowsOf(third.body).find((r) => r.environment === 'uno')?.runId, 200);

  // Once esp32dev is rebuilt too, nothing is stale.
  await matrix(em, ['esp32dev'], { headSha: HEAD_2, runId: 200 });
  const last = reports(em)[0]!;
  assert.equal(last.id, first.id);
  assert.doesNotMatch(last.body, /stale/i);
  assert.deepEqual(
    rowsOf(last.body).map((r) => r.sha),
    [HEAD_2, HEAD_2],
  );
});

test('a read-only token leaves no comment, one notice, posted false, and never prints the token', async (t) => {
  const em = await emulator(t);
  const log = recordingLog();
  const result = await postUno(READ_TOKEN, prContext(em.url), log);
  assert.deepEqual(result, { posted: false, reason: 'forbidden' });
  assert.equal(em.comments('octo', 'firmware', 7).length, 0);
  assert.equal(log.notices.length, 1);
  assert.match(log.notices[0]!, /403 \(Resource not accessible by integration\).*pull-requests: write/);
  assert.equal(log.warnings.length, 0);
  assert.ok(!log.all().includes(READ_TOKEN));
  assert.ok(
    em.requests.some((r) => r.method === 'POST' && r.status === 403),
    'the comment was attempted',
  );
  assert.ok(
    em.requests.every((r) => r.authorization === `token ${READ_TOKEN}`),
    'the token went only into the auth header',
  );
});

test('a fork PR on a pull_request event is one notice and no API call', async (t) => {
  const em = await emulator(t);
  const log = recordingLog();
  const result = await postUno(READ_TOKEN, prContext(em.url, { fork: true }), log);
  assert.deepEqual(result, { posted: false, reason: 'fork' });
  assert.equal(em.requests.length, 0);
  assert.equal(log.notices.length, 1);
  assert.match(log.notices[0]!, /fork.*Pull request report/);
});

test('an unknown token (401) and a PR the token cannot see (404) are a notice each; an unreachable API is a warning', async (t) => {
  const em = await emulator(t);
  const rows = [reportRowFromBuild(buildResult('uno'))];
  const unknown = recordingLog();
  assert.deepEqual(await reportToPullRequest({ token: 'ghs_unknown', rows, context: prContext(em.url), log: unknown, ...FAST }), {
    posted: false,
    reason: 'forbidden',
  });
  assert.equal(unknown.notices.length, 1);
  assert.match(unknown.notices[0]!, /answered 401 \(Bad credentials\)/);

  const hidden = recordingLog();
  const notFound = await reportToPullRequest({ token: WRITE_TOKEN, rows, context: prContext(`${em.url}/elsewhere`), log: hidden, ...FAST });
  assert.deepEqual(notFound, { posted: false, reason: 'forbidden' });
  assert.deepEqual([hidden.notices.length, hidden.warnings.length], [1, 0]);
  assert.match(hidden.notices[0]!, /answered 404 \(Not Found\)/);

  const down = recordingLog();
  const dead = await reportToPullRequest({ token: WRITE_TOKEN, rows, context: prContext('http://127.0.0.1:9'), log: down, ...FAST });
  assert.deepEqual(dead, { posted: false, reason: 'error' });
  assert.deepEqual([down.notices.length, down.warnings.length], [0, 1]);
  assert.ok(![unknown, hidden, down].some((log) => log.all().includes(WRITE_TOKEN)));
  assert.equal(em.comments('octo', 'firmware', 7).length, 0);
});

test('5xx answers and a secondary rate limit are retried after Retry-After, a refused write from a fresh read', async (t) => {
  const em = await emulator(t);
  em.failNext(2, { kind: '5xx', status: 502 }, 'GET');
  em.failNext(1, { kind: 'secondary-rate-limit', retryAfter: 1 }, 'POST');
  // The wait itself, seen as the timer it sets (a behaviour, not a clock reading): for each 1000 ms
  // timer, how many requests had been answered when it was set.
  const waitsAfter: number[] = [];
  const realSetTimeout = globalThis.setTimeout;
  t.mock.method(globalThis, 'setTimeout', ((fn: () => void, ms?: number, ...rest: unknown[]) => {
    if (ms === 1000) waitsAfter.push(em.requests.length);
    return Reflect.apply(realSetTimeout, globalThis, [fn, ms, ...rest]) as NodeJS.Timeout;
  }) as typeof setTimeout);
  const log = recordingLog();
  const result = await postUno(WRITE_TOKEN, prContext(em.url), log);
  t.mock.restoreAll();
  assert.equal(result.posted, true, log.all());
  assert.equal(reports(em).length, 1);
  const statuses = em.requests.map((r) => `${r.method} ${r.status}`);
  // The rate-limited create is not resent as it was: its body may be stale by the time Retry-After passed.
  assert.deepEqual(statuses.slice(0, 6), ['GET 502', 'GET 502', 'GET 200', 'POST 403', 'GET 200', 'POST 201']);
  // Retry-After: 1 was waited for between the refused create (request 4) and the fresh read (request 5).
  assert.ok(waitsAfter.includes(4), `a 1000 ms wait after the refused create: ${JSON.stringify(waitsAfter)}`);
  assert.equal(log.warnings.length + log.notices.length, 0);
});

test('a write held back by a rate limit does not overwrite what another job wrote meanwhile', async (t) => {
  const em = await emulator(t);
  await matrix(em, ['x']);
  em.failNext(1, { kind: 'secondary-rate-limit', retryAfter: 1 }, 'PATCH');
  const slow = matrix(em, ['a']);
  while (!em.requests.some((r) => r.method === 'PATCH' && r.status === 403)) await new Promise((r) => setTimeout(r, 5));
  const [fast] = await matrix(em, ['b']);
  assert.equal(fast!.posted, true);
  const [held] = await slow;
  assert.equal(held!.posted, true, held!.log.all());
  assert.deepEqual(envsInReport(em), ['a', 'b', 'x']);
});

test('a GitHub that keeps failing is one warning and posted false, not a thrown error or a failed job', async (t) => {
  const em = await emulator(t);
  em.failNext(10, { kind: '5xx', status: 503 });
  const log = recordingLog();
  const result = await postUno(WRITE_TOKEN, prContext(em.url), log, { retry: { retries: 2, baseDelayMs: 10 } });
  assert.deepEqual(result, { posted: false, reason: 'error' });
  assert.equal(em.requests.length, 3, 'the first try and two retries');
  assert.deepEqual(log.warnings, [
    'PR report: could not comment on pull request #7 (HTTP 503: Server Error); the report is in the job summary.',
  ]);
  assert.equal(log.notices.length, 0);
});

test('retry waits: Retry-After first, then the rate-limit reset, then a jittered back-off; a wait too long is not taken', () => {
  const policy = { retries: 3, baseDelayMs: 1000, maxWaitMs: 60_000 };
  const failure = (status: number, headers: Record<string, string> = {}, message = 'x') => ({
    status,
    response: { headers, data: { message } },
  });
  assert.equal(retryDelay(failure(403, { 'retry-after': '7' }, 'You have exceeded a secondary rate limit'), 0, policy), 7000);
  assert.equal(retryDelay(failure(429, { 'retry-after': '600' }), 0, policy), undefined, 'ten minutes is past maxWaitMs');
  const now = 1_700_000_000_000;
  assert.equal(
    retryDelay(failure(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }), 0, policy, now),
    30_000,
  );
  const backoff = retryDelay(failure(502), 2, policy)!;
  assert.ok(backoff >= 2000 && backoff <= 4000, `${backoff}`);
  assert.equal(retryDelay(failure(502), 3, policy), undefined, 'retries used up');
  assert.equal(retryDelay(failure(403, {}, 'Resource not accessible by integration'), 0, policy), undefined, 'a permission 403 is final');
  assert.equal(retryDelay(failure(404), 0, policy), undefined);
  assert.equal(retryDelay(new TypeError('bug'), 0, policy), undefined, 'not an HTTP failure');
});

test('the report comment is found across pages of other comments and updated, not duplicated', async (t) => {
  const em = await emulator(t);
  em.seedComments(
    'octo',
    'firmware',
    7,
    Array.from({ length: 130 }, (_, i) => `review comment ${i}`),
  );
  await matrix(em, ['uno']);
  em.seedComments(
    'octo',
    'firmware',
    7,
    Array.from({ length: 120 }, (_, i) => `later comment ${i}`),
  );
  // A quote of the report is not the report.
  em.seedComments('octo', 'firmware', 7, [`> ${MARKER}\n> quoted`]);
  await matrix(em, ['esp32dev']);
  assert.equal(reports(em).length, 1);
  assert.deepEqual(envsInReport(em), ['esp32dev', 'uno']);
  assert.ok(
    em.requests.some((r) => r.method === 'GET' && /[?&]page=3\b/.test(r.path)),
    'read the third page',
  );
});

test('duplicate report comments left by an earlier race are merged into the oldest and removed', async (t) => {
  const em = await emulator(t);
  const ctx = prContext(em.url);
  const older = renderComment([reported('uno', ctx)], ctx);
  const newer = renderComment([reported('nano', ctx)], ctx);
  em.seedComments('octo', 'firmware', 7, [older, newer], 'github-actions[bot]');
  const oldestId = reports(em)[0]!.id;
  await matrix(em, ['esp32dev']);
  const all = reports(em);
  assert.equal(all.length, 1);
  assert.equal(all[0]!.id, oldestId);
  assert.deepEqual(
    rowsOf(all[0]!.body)
      .map((r) => r.environment)
      .sort(),
    ['esp32dev', 'nano', 'uno'],
  );
});

function reported(
  env: string,
  ctx: ReturnType<typeof prContext>,
  over: Parameters<typeof buildResult>[1] = {},
  baseline?: ReturnType<typeof buildResult>,
): ReportedRow {
  return { ...reportRowFromBuild(buildResult(env, over), baseline), sha: ctx.headSha, runId: ctx.runId, runAttempt: 1, runUrl: ctx.runUrl };
}

const cellsOf = (body: string, env: string) =>
  body
    .split('\n')
    .find((l) => l.startsWith(`| \`${env}\``))
    ?.split(' | ')
    .map((c) => c.replace(/^\| | \|$/g, ''));

test('flash and RAM deltas are right against a stored baseline, and say "no baseline" without one', () => {
  const ctx = prContext('http://127.0.0.1:1');
  const base = buildResult('uno', { flash: 3230, ram: 218 });
  const withBase = reported('uno', ctx, { flash: 3254, ram: 210 }, base);
  const same = reported('nano', ctx, { flash: 3254, ram: 210 }, buildResult('nano', { flash: 3254, ram: 210 }));
  const failedBase = reported('mega', ctx, {}, buildResult('mega', { ok: false }));
  const without = reported('esp32dev', ctx);
  const body = renderComment([withBase, same, without, failedBase], ctx);
  const uno = cellsOf(body, 'uno')!;
  assert.equal(uno[7], '3,254 B (10.1%)<br>+24 B');
  assert.equal(uno[8], '210 B (10.3%)<br>-8 B');
  assert.equal(cellsOf(body, 'nano')![7], '3,254 B (10.1%)<br>±0 B');
  assert.equal(cellsOf(body, 'esp32dev')![7], '3,254 B (10.1%)<br>no baseline');
  assert.equal(cellsOf(body, 'mega')![8], '210 B (10.3%)<br>no baseline', 'a failed baseline build is no baseline');
  assert.deepEqual(withBase.baseline, { flash: 3230, ram: 218 });
});

test('a report over GitHub’s size limit is trimmed with a note, and still posted', async (t) => {
  const em = await emulator(t);
  const ctx = prContext(em.url);
  const longReasons = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`${'reason '.repeat(15)}${i}`, i + 1]));
  const rows = Array.from({ length: 400 }, (_, i) => ({
    ...reportRowFromBuild(buildResult(`env${String(i).padStart(3, '0')}`)),
    missReasons: longReasons,
  }));
  const untrimmed = renderComment(
    rows.map((r) => ({ ...r, sha: HEAD_1, runId: 100, runAttempt: 1, runUrl: ctx.runUrl })),
    { ...ctx, maxChars: 10_000_000 },
  );
  assert.ok(untrimmed.length > GITHUB_COMMENT_LIMIT, `the test report is over the limit (${untrimmed.length})`);

  const log = recordingLog();
  const result = await reportToPullRequest({ token: WRITE_TOKEN, rows, context: ctx, log, ...FAST });
  assert.equal(result.posted, true, log.all());
  const body = reports(em)[0]!.body;
  assert.ok(body.length <= GITHUB_COMMENT_LIMIT, `${body.length} characters`);
  const data = parseComment(body);
  assert.ok(data.rows.length > 10 && data.rows.length < 400, `${data.rows.length} rows kept`);
  assert.equal(data.rows.length + data.trimmed.length, 400);
  assert.match(body, new RegExp(`> ${data.trimmed.length} environments not shown: the comment would pass GitHub's 65,536-character limit`));
  assert.ok(data.trimmed.includes('env399'), 'the last rows go first');
});

/** A fixed report: current rows, a stale one, two failures, and text that needs escaping. */
function sampleRows(): ReportedRow[] {
  const ctx = prContext('http://127.0.0.1:1', { headSha: HEAD_2, runId: 5150 });
  const old = prContext('http://127.0.0.1:1', { headSha: HEAD_1, runId: 5100 });
  const uno = reported('uno', ctx, { flash: 3254, ram: 210 }, buildResult('uno', { flash: 3230, ram: 218 }));
  const esp = {
    ...reported('esp32dev', ctx, { hits: 812, misses: 0 }),
    flash: 287_341,
    flashMax: 1_310_720,
    ram: 21_504,
    ramMax: 327_680,
    timeSavedMs: 734_000,
  };
  const native = { ...reported('native', old), flash: 0, ram: 0, flashMax: 0, ramMax: 0 };
  const odd = reported('odd|name `x` @team #12', ctx, { ok: false });
  const broken = reportRowFromBuild({
    environment: 'mega',
    ok: false,
    error: 'platformio.ini: [env:mega] has no <board>; add `board = megaatmega2560`',
  });
  return [uno, esp, native, odd, { ...broken, sha: ctx.headSha, runId: ctx.runId, runAttempt: 1, runUrl: ctx.runUrl }];
}

const GOLDEN = join(import.meta.dirname, 'golden', 'pr-comment.md');

test('the comment’s Markdown matches the committed snapshot (UPDATE_GOLDEN=1 rewrites it)', () => {
  const ctx = prContext('http://127.0.0.1:1');
  const body = renderComment(sampleRows(), ctx);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(join(import.meta.dirname, 'golden'), { recursive: true });
    writeFileSync(GOLDEN, body);
  }
  assert.equal(body, readFileSync(GOLDEN, 'utf8'));
});

test('the comment renders as GitHub-flavoured Markdown: a real table, the reasons collapsed, no injected HTML', () => {
  const body = renderComment(sampleRows(), prContext('http://127.0.0.1:1'));
  const html = marked.parse(body, { gfm: true, async: false });
  const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
  assert.equal(tables.length, 2, 'the report table and the miss-reasons table');
  const report = tables[0]!;
  assert.equal((report.match(/<th[ >]/g) ?? []).length, 9);
  assert.equal((report.match(/<tr>/g) ?? []).length, 6, 'a header and five rows');
  for (const row of report.match(/<tr>[\s\S]*?<\/tr>/g)!.slice(1)) assert.equal((row.match(/<td[ >]/g) ?? []).length, 9, row);
  assert.match(html, /<details><summary>Top miss reasons<\/summary>/);
  assert.match(report, /<code>odd¦name `x` @team #12<\/code>/);
  assert.doesNotMatch(html, /<expected>/, 'text from a build is never HTML');
});

test('the rows parse back out of the comment exactly as they went in', () => {
  const rows = sampleRows();
  rows.push({ ...rows[0]!, environment: 'tricky --> <!-- "quoted" \\ \u2028' });
  const data = parseComment(renderComment(rows, prContext('http://127.0.0.1:1')));
  const byEnv = (a: ReportedRow, b: ReportedRow) => a.environment.localeCompare(b.environment);
  assert.deepEqual([...data.rows].sort(byEnv), [...rows].sort(byEnv));
  assert.deepEqual(data.trimmed, []);
  assert.deepEqual(parseComment('no data here').rows, []);
  assert.deepEqual(parseComment(`${MARKER}\n<!-- fbuild-report-data {"rows":[{"environment":5}, 7]} -->`).rows, []);
});

test('prContextFromEnv reads the PR number, head SHA and fork from the event, and nothing on a push', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const event = (headRepo: string | null) => {
    const path = join(dir, `event-${String(headRepo).replace(/\W/g, '-')}.json`);
    const pr = {
      number: 42,
      head: { sha: HEAD_2, repo: headRepo ? { full_name: headRepo } : null },
      base: { repo: { full_name: 'octo/firmware' } },
    };
    writeFileSync(path, JSON.stringify({ pull_request: pr }));
    return path;
  };
  const env = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event('octo/firmware'),
    GITHUB_REPOSITORY: 'octo/firmware',
    GITHUB_API_URL: 'https://ghe.example/api/v3',
    GITHUB_SERVER_URL: 'https://ghe.example',
    GITHUB_RUN_ID: '987',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_SHA: '3333333333333333333333333333333333333333',
  };
  assert.deepEqual(prContextFromEnv(env), {
    apiUrl: 'https://ghe.example/api/v3',
    serverUrl: 'https://ghe.example',
    owner: 'octo',
    repo: 'firmware',
    number: 42,
    headSha: HEAD_2,
    runId: 987,
    runAttempt: 2,
    runUrl: 'https://ghe.example/octo/firmware/actions/runs/987',
    fork: false,
    eventName: 'pull_request',
  });
  assert.equal(prContextFromEnv({ ...env, GITHUB_EVENT_PATH: event('someone/firmware') })?.fork, true);
  assert.equal(prContextFromEnv({ ...env, GITHUB_EVENT_PATH: event(null) })?.fork, true, 'a deleted fork');
  assert.equal(prContextFromEnv({ ...env, GITHUB_EVENT_NAME: 'push' }), undefined);
  assert.equal(prContextFromEnv({ ...env, GITHUB_EVENT_PATH: join(dir, 'missing.json') }), undefined);
});

test('hits served by the remote tier are counted in the row, and survive a round trip through the comment', () => {
  const ctx = prContext('http://127.0.0.1:1');
  const result = buildResult('uno');
  result.stats.remoteHits = 7;
  const row = { ...reportRowFromBuild(result), sha: ctx.headSha, runId: ctx.runId, runAttempt: 1, runUrl: ctx.runUrl };
  const body = renderComment([row], ctx);
  assert.equal(cellsOf(body, 'uno')![4], '20 (7 remote) / 3 / 1');
  assert.equal(parseComment(body).rows[0]!.remoteHits, 7);
  const plain = renderComment([reported('uno', ctx)], ctx);
  assert.equal(cellsOf(plain, 'uno')![4], '20 / 3 / 1', 'no remote tier: no mention of it');
});

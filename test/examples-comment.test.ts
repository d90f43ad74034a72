// The library examples' PR comment: one comment per pull request, written by the matrix legs (each
// its own boards) and by every push, through the GitHub REST emulator on 127.0.0.1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { marked } from 'marked';
import { MARKER, parseExamplesComment, reportExamplesToPullRequest } from '../src/action/examples/examplesComment.ts';
import { examplesMarkdown, type ReportCell } from '../src/action/examples/examplesMarkdown.ts';
import { MARKER as BUILD_REPORT_MARKER } from '../src/action/prComment/commentData.ts';
import { startGithubApiEmulator, type GithubApiEmulator } from './helpers/githubApiEmulator.ts';
import { prContext, recordingLog } from './helpers/prReport.ts';

const WRITE_TOKEN = 'ghs_examplesWriteToken';
const READ_TOKEN = 'ghs_examplesReadOnlyToken';
const FAST = { timing: { attempts: 12, settleMs: 40, jitterMs: 60 }, retry: { baseDelayMs: 20 } };

async function emulator(t: { after(fn: () => Promise<void>): void }): Promise<GithubApiEmulator> {
  const em = await startGithubApiEmulator({ latencyMs: [0, 25] });
  em.addToken(WRITE_TOKEN, 'write');
  em.addToken(READ_TOKEN, 'read');
  t.after(() => em.close());
  return em;
}

const cell = (example: string, board: string, flash: number, flashDelta: number | null, ok = true): ReportCell => ({
  example,
  board,
  ok,
  flash: ok ? flash : 0,
  ram: ok ? 200 : 0,
  flashDelta: ok ? flashDelta : null,
  ramDelta: ok && flashDelta !== null ? 0 : null,
  ...(ok ? {} : { error: 'examples/Broken/Broken.ino:4:3: error: nope' }),
});

/** One leg: the three examples on its board. */
const leg = (board: string, helloFlash: number, helloDelta: number | null) => [
  cell('examples/Hello', board, helloFlash, helloDelta),
  cell('examples/Board', board, 1520, 0),
  cell('examples/Broken', board, 0, null, false),
];

const examplesComments = (em: GithubApiEmulator) => em.comments('octo', 'firmware', 7).filter((c) => c.body.startsWith(MARKER));

function post(em: GithubApiEmulator, cells: ReportCell[], over: Parameters<typeof prContext>[1] = {}, token = WRITE_TOKEN) {
  const log = recordingLog();
  return reportExamplesToPullRequest({
    token,
    context: prContext(em.url, over),
    cells,
    meta: { library: 'Greeter', hasBase: true, baseBranch: 'main' },
    log,
    ...FAST,
  }).then((r) => ({ ...r, log }));
}

test('matrix legs and later pushes keep one examples comment, updated in place', async (t) => {
  const em = await emulator(t);
  em.seedComments('octo', 'firmware', 7, ['Looks good to me', `${BUILD_REPORT_MARKER}\nthe build report of the envs`]);

  // Two legs of one run, at once.
  const first = await Promise.all([post(em, leg('uno', 1522, 0)), post(em, leg('nanoatmega328', 1522, 0))]);
  assert.ok(
    first.every((r) => r.posted),
    first.map((r) => r.log.all()).join('\n'),
  );
  assert.equal(examplesComments(em).length, 1);
  const id = examplesComments(em)[0]!.id;
  const cellsNow = () => parseExamplesComment(examplesComments(em)[0]!.body).cells;
  assert.deepEqual(
    cellsNow()
      .map((c) => `${c.board} ${c.example}`)
      .sort(),
    [
      'nanoatmega328 examples/Board',
      'nanoatmega328 examples/Broken',
      'nanoatmega328 examples/Hello',
      'uno examples/Board',
      'uno examples/Broken',
      'uno examples/Hello',
    ],
  );

  // A push that grows Hello: its legs write again; the same comment now shows the delta.
  const second = await Promise.all([
    post(em, leg('uno', 1622, 100), { runId: 200 }),
    post(em, leg('nanoatmega328', 1622, 100), { runId: 200 }),
  ]);
  assert.ok(second.every((r) => r.posted));
  assert.equal(examplesComments(em).length, 1);
  assert.equal(examplesComments(em)[0]!.id, id, 'updated in place');
  const hello = cellsNow().find((c) => c.board === 'uno' && c.example === 'examples/Hello')!;
  assert.equal(hello.flash, 1622);
  assert.equal(hello.flashDelta, 100);
  const body = examplesComments(em)[0]!.body;
  assert.match(body, /\| `examples\/Hello` \| 1,622 \(\+100\) \/ 200 \(±0\) \| 1,622 \(\+100\) \/ 200 \(±0\) \|/);
  assert.match(body, /❌ failed/);
  assert.match(body, /`examples\/Broken` on uno: `examples\/Broken\/Broken\.ino:4:3: error: nope`/);

  // A re-run of the first run, finishing late, does not bring the old sizes back.
  await post(em, leg('uno', 1522, 0), { runId: 100, runAttempt: 2 });
  assert.equal(cellsNow().find((c) => c.board === 'uno' && c.example === 'examples/Hello')!.flash, 1622);

  // The other comments were left alone.
  const all = em.comments('octo', 'firmware', 7);
  assert.equal(all.length, 3);
  assert.ok(all.some((c) => c.body === 'Looks good to me'));
  assert.ok(all.some((c) => c.body.startsWith(BUILD_REPORT_MARKER)));
  assert.ok(marked.parse(body));
});

test('a fork, or a token that may not write, gets the summary only, with a notice', async (t) => {
  const em = await emulator(t);
  const fork = await post(em, leg('uno', 1522, 0), { fork: true });
  assert.equal(fork.posted, false);
  assert.match(fork.log.notices.join('\n'), /fork/);
  const readOnly = await post(em, leg('uno', 1522, 0), {}, READ_TOKEN);
  assert.equal(readOnly.posted, false);
  assert.match(readOnly.log.notices.join('\n'), /403.*pull-requests: write/);
  assert.doesNotMatch(readOnly.log.all(), new RegExp(READ_TOKEN));
  assert.equal(examplesComments(em).length, 0);
});

test('a large table shows only the examples that changed, and folds the whole table', () => {
  const cells: ReportCell[] = [];
  for (let i = 0; i < 30; i++) {
    const name = `examples/Ex${String(i).padStart(2, '0')}`;
    for (const board of ['uno', 'megaatmega2560']) cells.push(cell(name, board, 2000 + i, i === 7 && board === 'uno' ? 64 : 0));
  }
  const md = examplesMarkdown(cells, { hasBase: true, baseBranch: 'main' });
  const [main, folded] = md.split('<details>');
  assert.match(main!, /\| `examples\/Ex07` \| 2,007 \(±0\) \/ 200 \(±0\) \| 2,007 \(\+64\) \/ 200 \(±0\) \|/);
  assert.doesNotMatch(main!, /Ex08/);
  assert.match(main!, /29 of 30 examples unchanged on every board/);
  assert.match(folded!, /Ex08/);

  // Without a base, every cell is new: the sizes, no deltas, and the reason said once.
  const fresh = examplesMarkdown([cell('examples/A', 'uno', 1000, null)], { hasBase: false, baseBranch: 'main' });
  assert.match(fresh, /no report of `main` to compare with yet/);
  assert.match(fresh, /\| `examples\/A` \| 1,000 \/ 200 \|/);
});

import { commitSha } from '../prComment/commentData.js';
import {
  commentsApi,
  DEFAULT_RETRY,
  isRateLimited,
  retryDelay,
  statusOf,
  type CommentsApi,
  type RetryPolicy,
} from '../prComment/githubApi.js';
import type { PrContext } from '../prComment/prContext.js';
import { examplesMarkdown, type ReportCell, type ReportMeta } from './examplesMarkdown.js';

/**
 * The library examples' one PR comment. Every matrix leg (its own boards) and every push writes its
 * cells into the same comment, found by MARKER: each job reads it, merges its cells in (per example
 * and board, the latest run wins), writes, waits, and reads back until its cells are there, as the
 * build report's comment does (see prComment/upsert.ts for why). The cells travel as JSON in a hidden
 * HTML comment, so the next job merges exactly what the last one wrote.
 */
export const MARKER = '<!-- fbuild-build-action:examples-report -->';
const DATA_OPEN = '<!-- fbuild-examples-data ';
const DATA_CLOSE = ' -->';

interface StoredCell extends ReportCell {
  runId: number;
  runAttempt: number;
}

interface StoredData {
  cells: StoredCell[];
  meta: ReportMeta & { sha?: string };
}

export const isExamplesComment = (body: string | null | undefined): boolean => typeof body === 'string' && body.startsWith(MARKER);

const finite = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const count = (x: unknown) => Math.max(0, Math.round(finite(x)));
const delta = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x) : null);
const text = (x: unknown, max: number) => (typeof x === 'string' ? x.slice(0, max) : '');

/** The cells of a comment; anything that does not check out (a person edited it) is dropped. */
export function parseExamplesComment(body: string): StoredData {
  const empty: StoredData = { cells: [], meta: { hasBase: false } };
  const start = body.indexOf(DATA_OPEN);
  const end = start < 0 ? -1 : body.indexOf(DATA_CLOSE, start + DATA_OPEN.length);
  if (end < 0) return empty;
  let parsed: { cells?: unknown; meta?: Record<string, unknown> };
  try {
    parsed = JSON.parse(body.slice(start + DATA_OPEN.length, end)) as typeof parsed;
  } catch {
    return empty;
  }
  const cells = (Array.isArray(parsed.cells) ? parsed.cells : []).flatMap((c: Record<string, unknown>): StoredCell[] => {
    if (typeof c !== 'object' || c === null || !text(c.example, 300) || !text(c.board, 100)) return [];
    return [
      {
        example: text(c.example, 300),
        board: text(c.board, 100),
        ok: c.ok === true,
        flash: count(c.flash),
        ram: count(c.ram),
        flashDelta: delta(c.flashDelta),
        ramDelta: delta(c.ramDelta),
        ...(typeof c.error === 'string' ? { error: text(c.error, 300) } : {}),
        runId: count(c.runId),
        runAttempt: count(c.runAttempt) || 1,
      },
    ];
  });
  const m = parsed.meta ?? {};
  const meta: StoredData['meta'] = { hasBase: m.hasBase === true };
  if (typeof m.library === 'string') meta.library = text(m.library, 100);
  if (typeof m.baseBranch === 'string') meta.baseBranch = text(m.baseBranch, 100);
  if (commitSha(m.sha)) meta.sha = commitSha(m.sha);
  return { cells, meta };
}

const newer = (a: StoredCell, b: StoredCell) => a.runId > b.runId || (a.runId === b.runId && a.runAttempt > b.runAttempt);
const key = (c: ReportCell) => `${c.board}\0${c.example}`;

/** Every stored cell plus ours; per (board, example) the latest run wins, ours on a tie. */
export function mergeCells(stored: readonly StoredCell[], incoming: readonly StoredCell[]): StoredCell[] {
  const by = new Map<string, StoredCell>();
  for (const c of stored) if (!by.has(key(c)) || newer(c, by.get(key(c))!)) by.set(key(c), c);
  for (const c of incoming) if (!by.has(key(c)) || !newer(by.get(key(c))!, c)) by.set(key(c), c);
  return [...by.values()];
}

function render(data: StoredData): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `${MARKER}\n### fbuild: library examples\n\n${examplesMarkdown(data.cells, data.meta)}\n${DATA_OPEN}${json}${DATA_CLOSE}\n`;
}

export interface ExamplesCommentOptions {
  token: string;
  context: PrContext;
  cells: ReportCell[];
  meta: ReportMeta;
  log: { info(m: string): void; notice(m: string): void; warning(m: string): void };
  /** Tests shorten the waits. */
  timing?: { attempts: number; settleMs: number; jitterMs: number };
  retry?: Partial<RetryPolicy>;
}

/**
 * Writes this job's cells into the PR's one examples comment. Never throws, never fails the job: a
 * fork's read-only token or a 403 is one notice, anything else one warning; the job summary has the table.
 */
export async function reportExamplesToPullRequest(opts: ExamplesCommentOptions): Promise<{ posted: boolean; url?: string }> {
  const { context: ctx, log, token } = opts;
  const pr = `pull request #${ctx.number}`;
  if (!token) {
    log.notice(`examples report: no github-token, so no comment on ${pr}; the report is in the job summary.`);
    return { posted: false };
  }
  if (ctx.fork && ctx.eventName === 'pull_request') {
    log.notice(`examples report: ${pr} comes from a fork, whose token cannot comment; the report is in the job summary.`);
    return { posted: false };
  }
  const policy = { ...DEFAULT_RETRY, ...opts.retry };
  const incoming = opts.cells.map((c) => ({ ...c, runId: ctx.runId, runAttempt: ctx.runAttempt }));
  const meta = { ...opts.meta, ...(commitSha(ctx.headSha) ? { sha: commitSha(ctx.headSha) } : {}) };
  try {
    const api = commentsApi(token, ctx, policy, isExamplesComment);
    const url = await upsert(api, incoming, meta, opts.timing ?? { attempts: 8, settleMs: 1000, jitterMs: 1500 }, policy);
    if (url) {
      log.info(`examples report: ${url}`);
      return { posted: true, url };
    }
    log.warning(`examples report: other jobs kept overwriting the comment on ${pr}; this job's cells may be missing from it.`);
    return { posted: false };
  } catch (err) {
    const status = statusOf(err);
    if ((status === 401 || status === 403 || status === 404) && !isRateLimited(err)) {
      log.notice(
        `examples report: GitHub answered ${status} to a comment on ${pr}; give the job "permissions: pull-requests: write". The report is in the job summary.`,
      );
      return { posted: false };
    }
    const why = String(status ? `HTTP ${status}` : ((err as Error)?.message ?? err))
      .split(token)
      .join('***');
    log.warning(`examples report: could not comment on ${pr} (${why}); the report is in the job summary.`);
    return { posted: false };
  }
}

/** Read, merge, write, wait, read back; again after a random pause if another job's write hid ours. */
async function upsert(
  api: CommentsApi,
  incoming: StoredCell[],
  meta: StoredData['meta'],
  timing: { attempts: number; settleMs: number; jitterMs: number },
  policy: RetryPolicy,
): Promise<string | undefined> {
  let failedWrites = 0;
  for (let round = 1; round <= timing.attempts; round++) {
    if (round > 1) await sleep(Math.random() * timing.jitterMs * round);
    const started = performance.now();
    const [canonical, ...extras] = await api.listReports();
    const stored = [canonical, ...extras].flatMap((c) => (c ? parseExamplesComment(c.body).cells : []));
    const body = render({ cells: mergeCells(stored, incoming), meta });
    try {
      if (!canonical) await api.create(body);
      else if (canonical.body !== body) await api.update(canonical.id, body);
    } catch (err) {
      if (canonical && statusOf(err) === 404) continue; // deleted under us by a job merging duplicates
      const wait = retryDelay(err, failedWrites++, policy);
      if (wait === undefined) throw err;
      await sleep(wait);
      continue;
    }
    for (const extra of extras) await api.remove(extra.id).catch(() => undefined);
    await sleep(Math.max(timing.settleMs, 2 * (performance.now() - started)));
    const [head, ...rest] = await api.listReports();
    if (!head) continue;
    const there = parseExamplesComment(head.body).cells;
    const holds = incoming.every((ours) => there.some((c) => key(c) === key(ours) && !newer(ours, c)));
    if (holds && rest.length === 0) return head.url;
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

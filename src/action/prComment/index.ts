import { commitSha, sanitizeRow, webUrl, type ReportedRow } from './commentData.js';
import { commentsApi, DEFAULT_RETRY, isRateLimited, statusOf, type RetryPolicy } from './githubApi.js';
import type { PrContext } from './prContext.js';
import { renderComment } from './render.js';
import type { EnvReportRow } from './reportRow.js';
import { DEFAULT_TIMING, upsertReport, type UpsertTiming } from './upsert.js';

export { prContextFromEnv, type PrContext } from './prContext.js';
export { reportRowFromBuild, type EnvReportRow } from './reportRow.js';
export { renderComment } from './render.js';

export interface ReportLog {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
}

export interface PrReportOptions {
  token: string;
  rows: EnvReportRow[];
  context: PrContext;
  log: ReportLog;
  /** Tests shorten the waits; the defaults suit GitHub. */
  timing?: Partial<UpsertTiming>;
  retry?: Partial<RetryPolicy>;
}

export interface PrReportResult {
  posted: boolean;
  url?: string;
  reason?: 'no-token' | 'no-rows' | 'no-pull-request' | 'fork' | 'forbidden' | 'lost-update' | 'error';
}

const RECIPE = 'see "Pull request report" in the README for the workflow_run job that comments on fork PRs';

/**
 * Adds this job's rows to the PR's one report comment (creating it, or updating it in place). Never
 * throws and never fails the job: a token that may not comment gets one notice, anything else one
 * warning, and `posted: false` either way (the job summary still has the report).
 */
export async function reportToPullRequest(opts: PrReportOptions): Promise<PrReportResult> {
  const { context: ctx, log, token } = opts;
  const pr = `pull request #${ctx.number}`;
  if (!token) {
    log.notice(`PR report: no github-token, so no comment on ${pr}; the report is in the job summary.`);
    return { posted: false, reason: 'no-token' };
  }
  if (ctx.fork && ctx.eventName === 'pull_request') {
    log.notice(`PR report: ${pr} comes from a fork, whose token cannot comment; the report is in the job summary (${RECIPE}).`);
    return { posted: false, reason: 'fork' };
  }
  const rows = opts.rows.map((r) => reported(r, ctx)).filter((r) => r !== undefined);
  if (!rows.length) return { posted: false, reason: 'no-rows' };
  try {
    const policy = { ...DEFAULT_RETRY, ...opts.retry };
    const api = commentsApi(token, ctx, policy);
    const render = (all: ReportedRow[]) => renderComment(all, ctx);
    const result = await upsertReport(api, rows, render, { ...DEFAULT_TIMING, ...opts.timing }, policy);
    if (result.confirmed) {
      log.info(`PR report: ${result.wrote ? 'updated' : 'already up to date'}: ${result.url}`);
      return { posted: true, url: result.url };
    }
    log.warning(`PR report: other jobs kept overwriting the comment on ${pr}; this job's rows may be missing from it.`);
    return { posted: false, url: result.url, reason: 'lost-update' };
  } catch (err) {
    const status = statusOf(err);
    if ((status === 401 || status === 403 || status === 404) && !isRateLimited(err)) {
      log.notice(
        `PR report: GitHub answered ${status} (${githubMessage(err)}) to a comment on ${pr}: the token may not write to pull requests ` +
          `(give the job "permissions: pull-requests: write"; ${RECIPE}). The report is in the job summary.`,
      );
      return { posted: false, reason: 'forbidden' };
    }
    // Defence in depth: nothing we print should ever be able to carry the token.
    const why = (status ? `HTTP ${status}: ${githubMessage(err)}` : String((err as Error)?.message ?? err)).split(token).join('***');
    log.warning(`PR report: could not comment on ${pr} (${why}); the report is in the job summary.`);
    return { posted: false, reason: 'error' };
  }
}

function reported(row: EnvReportRow, ctx: PrContext): ReportedRow | undefined {
  const clean = sanitizeRow(row);
  return clean && { ...clean, sha: commitSha(ctx.headSha), runId: ctx.runId, runAttempt: ctx.runAttempt, runUrl: webUrl(ctx.runUrl) };
}

/** GitHub's own one-line reason (`message` of its JSON error), without Octokit's request dump. */
function githubMessage(err: unknown): string {
  const data = (err as { response?: { data?: { message?: unknown } } }).response?.data;
  const message = typeof data?.message === 'string' ? data.message : (err as Error)?.message;
  return String(message ?? 'no message')
    .split('\n')[0]!
    .slice(0, 200);
}

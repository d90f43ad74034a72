import { getOctokit } from '@actions/github';
import { isReportComment } from './commentData.js';

/**
 * The few REST calls the report makes, through Octokit (`@actions/github`) with GITHUB_API_URL as its
 * root and a retry policy of our own: 5xx, network errors and secondary rate limits are retried,
 * honouring Retry-After (writes by the upsert loop, see client()). Not @octokit/plugin-throttling: it also queues every write a second apart,
 * which a job posting one comment does not need. The token only ever goes into Octokit's auth header;
 * Octokit redacts it from the errors it throws.
 */

export interface ReportComment {
  id: number;
  body: string;
  url: string;
}

export interface RetryPolicy {
  /** Retries of one request after its first try. */
  retries: number;
  /** First back-off without a Retry-After; doubles each time, with jitter. */
  baseDelayMs: number;
  /** A Retry-After (or rate-limit reset) further away than this is not waited for. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 1000, maxWaitMs: 60_000 };

export interface IssueRef {
  apiUrl: string;
  owner: string;
  repo: string;
  number: number;
}

export interface CommentsApi {
  /** The report comments on the PR (by marker), oldest first, across every page. */
  listReports(): Promise<ReportComment[]>;
  create(body: string): Promise<ReportComment>;
  update(id: number, body: string): Promise<ReportComment>;
  remove(id: number): Promise<void>;
}

/**
 * Octokit on `apiUrl`, retrying reads and deletes by the policy. A create or an update is not retried
 * here: its body was merged from an earlier read, and sent again a minute later (after a Retry-After)
 * it would overwrite what other jobs wrote meanwhile. The upsert loop redoes it from a fresh read.
 */
function client(token: string, apiUrl: string, policy: RetryPolicy) {
  const octokit = getOctokit(token, { baseUrl: apiUrl, log: quietLog });
  octokit.hook.wrap('request', async (request, options) => {
    const method = String(options.method).toUpperCase();
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options);
      } catch (err) {
        const wait = method === 'POST' || method === 'PATCH' ? undefined : retryDelay(err, attempt, policy);
        if (wait === undefined) throw err;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  });
  return octokit;
}

/**
 * The open PR whose head is `owner:branch` at `headSha`. A workflow_run event lists no pull requests
 * when the head is in a fork, so the recipe asks GitHub by head label instead.
 */
export async function openPullRequestFor(
  token: string,
  repo: { apiUrl: string; owner: string; repo: string },
  headLabel: string,
  headSha: string,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<number | undefined> {
  const octokit = client(token, repo.apiUrl, policy);
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner: repo.owner,
    repo: repo.repo,
    head: headLabel,
    state: 'open',
    per_page: 100,
  });
  return pulls.find((p) => p.head.sha === headSha)?.number;
}

/** `isReport` picks the report's comments: this action's report by default (the library examples have their own). */
export function commentsApi(
  token: string,
  issue: IssueRef,
  policy: RetryPolicy = DEFAULT_RETRY,
  isReport: (body: string | null | undefined) => boolean = isReportComment,
): CommentsApi {
  const octokit = client(token, issue.apiUrl, policy);
  const where = { owner: issue.owner, repo: issue.repo };
  const comment = (c: { id: number; body?: string | null; html_url: string }): ReportComment => ({
    id: c.id,
    body: c.body ?? '',
    url: c.html_url,
  });
  return {
    async listReports() {
      const all = await octokit.paginate(octokit.rest.issues.listComments, { ...where, issue_number: issue.number, per_page: 100 });
      return all
        .filter((c) => isReport(c.body))
        .map(comment)
        .sort((a, b) => a.id - b.id);
    },
    async create(body) {
      return comment((await octokit.rest.issues.createComment({ ...where, issue_number: issue.number, body })).data);
    },
    async update(id, body) {
      return comment((await octokit.rest.issues.updateComment({ ...where, comment_id: id, body })).data);
    },
    async remove(id) {
      await octokit.rest.issues.deleteComment({ ...where, comment_id: id });
    },
  };
}

/** Octokit logs deprecations and request warnings itself; the report speaks through its own log only. */
const quietLog = { debug() {}, info() {}, warn() {}, error() {} };

interface HttpFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export function statusOf(err: unknown): number | undefined {
  const s = (err as HttpFailure | undefined)?.status;
  return typeof s === 'number' ? s : undefined;
}

/** GitHub answers a secondary rate limit with 403 (or 429) and says so in the message. */
export function isRateLimited(err: unknown): boolean {
  const e = err as HttpFailure;
  if (e?.status === 429) return true;
  if (e?.status !== 403) return false;
  const data = e.response?.data as { message?: unknown } | undefined;
  const message = `${typeof data?.message === 'string' ? data.message : ''} ${e.message ?? ''}`;
  return /rate limit/i.test(message) || header(e, 'retry-after') !== undefined || header(e, 'x-ratelimit-remaining') === '0';
}

/** How long to wait before retrying, or undefined when the failure is final. */
export function retryDelay(err: unknown, attempt: number, policy: RetryPolicy, now = Date.now()): number | undefined {
  if (attempt >= policy.retries) return undefined;
  const status = statusOf(err);
  // No status at all is not an HTTP failure (Octokit reports a failed fetch as a 500).
  const transient = status !== undefined && (status === 0 || status >= 500 || isRateLimited(err));
  if (!transient) return undefined;
  const e = err as HttpFailure;
  const retryAfter = Number(header(e, 'retry-after'));
  if (header(e, 'retry-after') !== undefined && Number.isFinite(retryAfter)) {
    const ms = Math.max(0, retryAfter * 1000);
    return ms <= policy.maxWaitMs ? ms : undefined;
  }
  const reset = Number(header(e, 'x-ratelimit-reset'));
  if (header(e, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset)) {
    const ms = Math.max(0, reset * 1000 - now);
    return ms <= policy.maxWaitMs ? ms : undefined;
  }
  const backoff = policy.baseDelayMs * 2 ** attempt;
  return Math.round(backoff * (0.5 + Math.random() / 2));
}

function header(e: HttpFailure, name: string): string | undefined {
  const v = e?.response?.headers?.[name];
  return v === undefined ? undefined : String(v);
}

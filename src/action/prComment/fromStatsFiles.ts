import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commitSha, sanitizeRow, webUrl } from './commentData.js';
import { DEFAULT_RETRY, openPullRequestFor, statusOf, type RetryPolicy } from './githubApi.js';
import { reportToPullRequest, type PrReportResult, type ReportLog } from './index.js';
import { prContextFromEnv, readEvent, repositoryFromEnv, runFromEnv, type PrContext } from './prContext.js';
import { renderComment } from './render.js';
import type { EnvReportRow } from './reportRow.js';
import { isStatsFile, rowsFromStatsFile } from './statsFile.js';
import type { UpsertTiming } from './upsert.js';

/**
 * The fork PR recipe (report/action.yml): a `workflow_run` job, which has a token that may write,
 * reads the stats files the PR's matrix legs uploaded as artifacts and posts the same comment the
 * legs would have. Also works in a later job of the PR's own workflow (`needs:` the matrix).
 */

type Env = Record<string, string | undefined>;

export interface StatsReportOptions {
  token: string;
  /** A stats file or a folder searched for them (download-artifact puts each artifact in a subfolder). */
  statsPath: string;
  /** Overrides the PR number found from the event. */
  pullRequest?: number;
  env?: Env;
  log: ReportLog;
  timing?: Partial<UpsertTiming>;
  retry?: Partial<RetryPolicy>;
}

export interface StatsReportResult extends PrReportResult {
  /** The report as Markdown, for the job summary; absent when no stats file was found. */
  markdown?: string;
}

export async function reportFromStatsFiles(opts: StatsReportOptions): Promise<StatsReportResult> {
  const { log } = opts;
  const env = opts.env ?? process.env;
  const rows = readRows(resolve(opts.statsPath), log);
  if (!rows.length) {
    log.notice(`PR report: no stats file with a build result under ${opts.statsPath}; nothing to report.`);
    return { posted: false, reason: 'no-rows' };
  }
  const context = await contextFor(env, opts, log);
  if (!context) return { posted: false, reason: 'no-pull-request', markdown: summaryOf(rows, env) };
  const result = await reportToPullRequest({ token: opts.token, rows, context, log, timing: opts.timing, retry: opts.retry });
  return { ...result, markdown: summaryOf(rows, env, context) };
}

/** Every environment of every stats file found; the same environment twice keeps the last file read. */
function readRows(path: string, log: ReportLog): EnvReportRow[] {
  const byEnv = new Map<string, EnvReportRow>();
  for (const file of jsonFiles(path)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      log.warning(`PR report: ${file} is not JSON; skipped.`);
      continue;
    }
    if (!isStatsFile(parsed)) continue;
    const { rows, skipped } = rowsFromStatsFile(parsed);
    if (skipped.length) log.warning(`PR report: ${file}: no build result for ${skipped.join(', ')}; skipped.`);
    for (const row of rows.map(sanitizeRow)) if (row) byEnv.set(row.environment, row);
  }
  return [...byEnv.values()];
}

function jsonFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (stat.isFile()) return [path];
  if (!stat.isDirectory()) return [];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile());
}

interface WorkflowRunPayload {
  id?: unknown;
  run_attempt?: unknown;
  event?: unknown;
  head_sha?: unknown;
  head_branch?: unknown;
  html_url?: unknown;
  head_repository?: { full_name?: unknown; owner?: { login?: unknown } } | null;
  pull_requests?: { number?: unknown; head?: { sha?: unknown } }[];
}

/** The PR and run the stats belong to: from a workflow_run event, or from the PR event itself. */
async function contextFor(env: Env, opts: StatsReportOptions, log: ReportLog): Promise<PrContext | undefined> {
  if (env.GITHUB_EVENT_NAME !== 'workflow_run') {
    const ctx = prContextFromEnv(env);
    if (!ctx) log.notice(`PR report: a ${env.GITHUB_EVENT_NAME || 'run'} event is not about a pull request; nothing to comment on.`);
    return ctx && (opts.pullRequest ? { ...ctx, number: opts.pullRequest } : ctx);
  }
  const run = readEvent(env.GITHUB_EVENT_PATH)?.workflow_run as WorkflowRunPayload | undefined;
  const repository = repositoryFromEnv(env);
  const headSha = commitSha(run?.head_sha);
  if (!run || !repository || !headSha) {
    log.notice('PR report: the workflow_run event has no head commit; nothing to comment on.');
    return undefined;
  }
  if (run.event !== 'pull_request' && run.event !== 'pull_request_target') {
    log.notice(`PR report: the run that built was a ${String(run.event)} run, not a pull request's; nothing to comment on.`);
    return undefined;
  }
  const base = runFromEnv(env, repository);
  const headRepo = typeof run.head_repository?.full_name === 'string' ? run.head_repository.full_name : '';
  const number = opts.pullRequest ?? (await pullRequestOf(run, headSha, base, opts, log));
  if (!number) return undefined;
  return {
    ...base,
    number,
    headSha,
    runId: typeof run.id === 'number' ? run.id : base.runId,
    runAttempt: typeof run.run_attempt === 'number' ? run.run_attempt : 1,
    runUrl: webUrl(run.html_url) || base.runUrl,
    fork: headRepo !== `${repository.owner}/${repository.repo}`,
    eventName: 'workflow_run',
  };
}

async function pullRequestOf(
  run: WorkflowRunPayload,
  headSha: string,
  repo: { apiUrl: string; owner: string; repo: string },
  opts: StatsReportOptions,
  log: ReportLog,
): Promise<number | undefined> {
  const listed = run.pull_requests?.find((p) => p.head?.sha === headSha)?.number ?? run.pull_requests?.[0]?.number;
  if (typeof listed === 'number') return listed;
  // A fork's PR is not listed in the event: ask for the open PR with this head.
  const owner = run.head_repository?.owner?.login;
  if (typeof owner !== 'string' || typeof run.head_branch !== 'string' || !opts.token) {
    log.notice('PR report: the workflow_run event names no pull request; nothing to comment on.');
    return undefined;
  }
  try {
    const found = await openPullRequestFor(opts.token, repo, `${owner}:${run.head_branch}`, headSha, { ...DEFAULT_RETRY, ...opts.retry });
    if (!found)
      log.notice(
        `PR report: no open pull request has ${owner}:${run.head_branch} at ${headSha.slice(0, 7)} as its head; nothing to comment on.`,
      );
    return found;
  } catch (err) {
    log.notice(`PR report: could not look up the pull request of ${owner}:${run.head_branch} (HTTP ${statusOf(err) ?? '?'}); no comment.`);
    return undefined;
  }
}

/** The job summary: the same Markdown the comment has (its hidden parts do not show). */
function summaryOf(rows: EnvReportRow[], env: Env, ctx?: PrContext): string {
  const repository = repositoryFromEnv(env) ?? { owner: ctx?.owner ?? '', repo: ctx?.repo ?? '' };
  const run = ctx ?? runFromEnv(env, repository);
  const sha = ctx?.headSha ?? '';
  return renderComment(
    rows.map((r) => ({ ...r, sha, runId: run.runId, runAttempt: run.runAttempt, runUrl: run.runUrl })),
    { serverUrl: run.serverUrl, owner: repository.owner, repo: repository.repo },
  );
}

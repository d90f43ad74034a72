import { readFileSync } from 'node:fs';

/** Where the report goes and which run it describes. */
export interface PrContext {
  /** The REST API root (`GITHUB_API_URL`), so GitHub Enterprise and the tests' emulator work. */
  apiUrl: string;
  /** The web root (`GITHUB_SERVER_URL`), for the links in the comment. */
  serverUrl: string;
  owner: string;
  repo: string;
  /** The pull request's number (its issue number). */
  number: number;
  /** The PR's head commit: `pull_request.head.sha`, not `GITHUB_SHA` (a merge commit on pull_request events). */
  headSha: string;
  /** Orders the reports: a later push starts a run with a higher id, a re-run keeps the id and raises the attempt. */
  runId: number;
  runAttempt: number;
  runUrl: string;
  /** The head branch lives in a fork: on `pull_request` events the token is then read-only. */
  fork: boolean;
  eventName: string;
}

type Env = Record<string, string | undefined>;

interface PullRequestPayload {
  number?: unknown;
  head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
  base?: { repo?: { full_name?: unknown } };
}

/**
 * The PR context of a `pull_request` or `pull_request_target` run, from the runner's environment and
 * event file; undefined for any other event (there is no PR to comment on).
 */
export function prContextFromEnv(env: Env = process.env): PrContext | undefined {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return undefined;
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const pr = event?.pull_request as PullRequestPayload | undefined;
  if (!pr || typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string') return undefined;
  const repository = repositoryFromEnv(env);
  if (!repository) return undefined;
  const headRepo = pr.head.repo?.full_name;
  const baseRepo = pr.base?.repo?.full_name ?? `${repository.owner}/${repository.repo}`;
  return {
    ...runFromEnv(env, repository),
    number: pr.number,
    headSha: pr.head.sha,
    // A deleted fork has no head repo: that is a fork too.
    fork: headRepo !== baseRepo,
    eventName,
  };
}

/** The event payload, or undefined when the file is missing or not JSON. */
export function readEvent(path: string | undefined): Record<string, unknown> | undefined {
  if (!path) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function repositoryFromEnv(env: Env): { owner: string; repo: string } | undefined {
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}

/** Everything of the context that comes from the environment rather than the event. */
export function runFromEnv(env: Env, repository: { owner: string; repo: string }) {
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const runId = Number(env.GITHUB_RUN_ID) || 0;
  return {
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl,
    ...repository,
    runId,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT) || 1,
    runUrl: `${serverUrl}/${repository.owner}/${repository.repo}/actions/runs/${runId}`,
  };
}

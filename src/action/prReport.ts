import * as core from '@actions/core';
import type { ActionInputs } from './inputs.js';
import { reportRowFromBuild, reportToPullRequest, type PrContext } from './prComment/index.js';
import type { EnvRecord } from './reportRows.js';
import type { StoredReport } from './state.js';

/**
 * The save step's part of the PR report: on a pull request, this job's rows go into the PR's one
 * sticky comment. Never fails the job (reportToPullRequest only warns or notices); `comment: false`
 * turns it off. Returns the comment's URL when it was posted.
 */
export async function postPullRequestReport(
  inputs: ActionInputs,
  records: EnvRecord[],
  baselines: Record<string, StoredReport>,
  context: PrContext | undefined,
): Promise<string | undefined> {
  if (!inputs.comment || !context) return undefined;
  const rows = records.map((r) => reportRowFromBuild(r.result, baselines[r.environment]));
  const result = await reportToPullRequest({ token: inputs.githubToken, rows, context, log: core });
  return result.posted ? result.url : undefined;
}

/**
 * The entry of report/action.yml, the fork PR recipe: read the stats files the PR's matrix legs
 * uploaded, post the one report comment, and put the report in this job's summary. Reporting never
 * fails the job; only a malformed input does.
 */
import * as core from '@actions/core';
import { reportFromStatsFiles } from '../prComment/fromStatsFiles.js';

async function main(): Promise<void> {
  const token = core.getInput('github-token');
  if (token) core.setSecret(token);
  const prInput = core.getInput('pull-request');
  if (prInput && !/^[1-9]\d*$/.test(prInput)) {
    core.setFailed(`Input "pull-request" must be a pull request number (like 42), not "${prInput}".`);
    return;
  }
  const result = await reportFromStatsFiles({
    token,
    statsPath: core.getInput('stats-path') || 'fbuild-stats',
    pullRequest: prInput ? Number(prInput) : undefined,
    log: { info: core.info, notice: (m) => core.notice(m), warning: (m) => core.warning(m) },
  });
  core.setOutput('posted', String(result.posted));
  if (result.url) core.setOutput('comment-url', result.url);
  if (result.markdown) await core.summary.addRaw(result.markdown).write();
}

main().catch((err: unknown) => core.warning(`PR report: ${err instanceof Error ? err.message : String(err)}`));

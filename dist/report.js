import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  DEFAULT_RETRY,
  commitSha,
  openPullRequestFor,
  renderComment,
  reportRowFromBuild,
  reportToPullRequest,
  sanitizeRow,
  statusOf,
  webUrl
} from "./chunks/chunk-VGJG4BNB.js";
import "./chunks/chunk-F2RSC5UZ.js";
import "./chunks/chunk-VLCUNX3C.js";
import "./chunks/chunk-76PWITDS.js";
import {
  prContextFromEnv,
  readEvent,
  repositoryFromEnv,
  runFromEnv
} from "./chunks/chunk-VTAHD6D5.js";
import {
  getInput,
  info,
  notice,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-M4NEA4G6.js";
import "./chunks/chunk-AR4QESZK.js";
import "./chunks/chunk-ZATFCR4X.js";

// src/action/prComment/fromStatsFiles.ts
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

// src/action/prComment/statsFile.ts
function rowsFromStatsFile(parsed) {
  const rows = [];
  const skipped = [];
  const environments = parsed?.environments;
  if (!environments || typeof environments !== "object") return { rows, skipped: ['(no "environments")'] };
  for (const [name, entry] of Object.entries(environments)) {
    try {
      const result = entry.result;
      const named = result.environment ? result : { ...result, environment: name };
      rows.push(reportRowFromBuild(named, entry.baseline?.size ? entry.baseline : void 0));
    } catch {
      skipped.push(name);
    }
  }
  return { rows, skipped };
}
function isStatsFile(parsed) {
  const environments = parsed?.environments;
  return !!environments && typeof environments === "object" && !Array.isArray(environments);
}

// src/action/prComment/fromStatsFiles.ts
async function reportFromStatsFiles(opts) {
  const { log } = opts;
  const env = opts.env ?? process.env;
  const rows = readRows(resolve(opts.statsPath), log);
  if (!rows.length) {
    log.notice(`PR report: no stats file with a build result under ${opts.statsPath}; nothing to report.`);
    return { posted: false, reason: "no-rows" };
  }
  const context = await contextFor(env, opts, log);
  if (!context) return { posted: false, reason: "no-pull-request", markdown: summaryOf(rows, env) };
  const result = await reportToPullRequest({ token: opts.token, rows, context, log, timing: opts.timing, retry: opts.retry });
  return { ...result, markdown: summaryOf(rows, env, context) };
}
function readRows(path, log) {
  const byEnv = /* @__PURE__ */ new Map();
  for (const file of jsonFiles(path)) {
    let parsed;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      log.warning(`PR report: ${file} is not JSON; skipped.`);
      continue;
    }
    if (!isStatsFile(parsed)) continue;
    const { rows, skipped } = rowsFromStatsFile(parsed);
    if (skipped.length) log.warning(`PR report: ${file}: no build result for ${skipped.join(", ")}; skipped.`);
    for (const row of rows.map(sanitizeRow)) if (row) byEnv.set(row.environment, row);
  }
  return [...byEnv.values()];
}
function jsonFiles(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (stat.isFile()) return [path];
  if (!stat.isDirectory()) return [];
  return readdirSync(path, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".json")).sort().map((name) => join(path, name)).filter((file) => statSync(file).isFile());
}
async function contextFor(env, opts, log) {
  if (env.GITHUB_EVENT_NAME !== "workflow_run") {
    const ctx = prContextFromEnv(env);
    if (!ctx) log.notice(`PR report: a ${env.GITHUB_EVENT_NAME || "run"} event is not about a pull request; nothing to comment on.`);
    return ctx && (opts.pullRequest ? { ...ctx, number: opts.pullRequest } : ctx);
  }
  const run = readEvent(env.GITHUB_EVENT_PATH)?.workflow_run;
  const repository = repositoryFromEnv(env);
  const headSha = commitSha(run?.head_sha);
  if (!run || !repository || !headSha) {
    log.notice("PR report: the workflow_run event has no head commit; nothing to comment on.");
    return void 0;
  }
  if (run.event !== "pull_request" && run.event !== "pull_request_target") {
    log.notice(`PR report: the run that built was a ${String(run.event)} run, not a pull request's; nothing to comment on.`);
    return void 0;
  }
  const base = runFromEnv(env, repository);
  const headRepo = typeof run.head_repository?.full_name === "string" ? run.head_repository.full_name : "";
  const number = opts.pullRequest ?? await pullRequestOf(run, headSha, base, opts, log);
  if (!number) return void 0;
  return {
    ...base,
    number,
    headSha,
    runId: typeof run.id === "number" ? run.id : base.runId,
    runAttempt: typeof run.run_attempt === "number" ? run.run_attempt : 1,
    runUrl: webUrl(run.html_url) || base.runUrl,
    fork: headRepo !== `${repository.owner}/${repository.repo}`,
    eventName: "workflow_run"
  };
}
async function pullRequestOf(run, headSha, repo, opts, log) {
  const listed = run.pull_requests?.find((p) => p.head?.sha === headSha)?.number ?? run.pull_requests?.[0]?.number;
  if (typeof listed === "number") return listed;
  const owner = run.head_repository?.owner?.login;
  if (typeof owner !== "string" || typeof run.head_branch !== "string" || !opts.token) {
    log.notice("PR report: the workflow_run event names no pull request; nothing to comment on.");
    return void 0;
  }
  try {
    const found = await openPullRequestFor(opts.token, repo, `${owner}:${run.head_branch}`, headSha, { ...DEFAULT_RETRY, ...opts.retry });
    if (!found)
      log.notice(
        `PR report: no open pull request has ${owner}:${run.head_branch} at ${headSha.slice(0, 7)} as its head; nothing to comment on.`
      );
    return found;
  } catch (err) {
    log.notice(`PR report: could not look up the pull request of ${owner}:${run.head_branch} (HTTP ${statusOf(err) ?? "?"}); no comment.`);
    return void 0;
  }
}
function summaryOf(rows, env, ctx) {
  const repository = repositoryFromEnv(env) ?? { owner: ctx?.owner ?? "", repo: ctx?.repo ?? "" };
  const run = ctx ?? runFromEnv(env, repository);
  const sha = ctx?.headSha ?? "";
  return renderComment(
    rows.map((r) => ({ ...r, sha, runId: run.runId, runAttempt: run.runAttempt, runUrl: run.runUrl })),
    { serverUrl: run.serverUrl, owner: repository.owner, repo: repository.repo }
  );
}

// src/action/entries/report.ts
async function main() {
  const token = getInput("github-token");
  if (token) setSecret(token);
  const prInput = getInput("pull-request");
  if (prInput && !/^[1-9]\d*$/.test(prInput)) {
    setFailed(`Input "pull-request" must be a pull request number (like 42), not "${prInput}".`);
    return;
  }
  const result = await reportFromStatsFiles({
    token,
    statsPath: getInput("stats-path") || "fbuild-stats",
    pullRequest: prInput ? Number(prInput) : void 0,
    log: { info, notice: (m) => notice(m), warning: (m) => warning(m) }
  });
  setOutput("posted", String(result.posted));
  if (result.url) setOutput("comment-url", result.url);
  if (result.markdown) await summary.addRaw(result.markdown).write();
}
main().catch((err) => warning(`PR report: ${err instanceof Error ? err.message : String(err)}`));

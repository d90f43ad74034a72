import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/action/prComment/prContext.ts
import { readFileSync } from "node:fs";
function prContextFromEnv(env = process.env) {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  if (eventName !== "pull_request" && eventName !== "pull_request_target") return void 0;
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const pr = event?.pull_request;
  if (!pr || typeof pr.number !== "number" || typeof pr.head?.sha !== "string") return void 0;
  const repository = repositoryFromEnv(env);
  if (!repository) return void 0;
  const headRepo = pr.head.repo?.full_name;
  const baseRepo = pr.base?.repo?.full_name ?? `${repository.owner}/${repository.repo}`;
  return {
    ...runFromEnv(env, repository),
    number: pr.number,
    headSha: pr.head.sha,
    // A deleted fork has no head repo: that is a fork too.
    fork: headRepo !== baseRepo,
    eventName
  };
}
function readEvent(path) {
  if (!path) return void 0;
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8"));
    return parsed && typeof parsed === "object" ? parsed : void 0;
  } catch {
    return void 0;
  }
}
function repositoryFromEnv(env) {
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? "").split("/");
  return owner && repo && rest.length === 0 ? { owner, repo } : void 0;
}
function runFromEnv(env, repository) {
  const serverUrl = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  const runId = Number(env.GITHUB_RUN_ID) || 0;
  return {
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    serverUrl,
    ...repository,
    runId,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT) || 1,
    runUrl: `${serverUrl}/${repository.owner}/${repository.repo}/actions/runs/${runId}`
  };
}

export {
  prContextFromEnv,
  readEvent,
  repositoryFromEnv,
  runFromEnv
};

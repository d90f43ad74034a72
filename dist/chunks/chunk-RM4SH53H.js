import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  adoptStartedServer,
  spawnDetachedServer
} from "./chunk-CLBYT57Z.js";
import {
  prContextFromEnv
} from "./chunk-VTAHD6D5.js";
import {
  info,
  setSecret
} from "./chunk-M4NEA4G6.js";

// src/action/jobServer.ts
import { rmSync } from "node:fs";
import { join } from "node:path";
function startJobServer(inputs, ctx) {
  rmSync(join(ctx.jobDir, "results"), { recursive: true, force: true });
  const opts = {
    cliPath: ctx.cliPath,
    jobDir: ctx.jobDir,
    cacheDir: ctx.cacheDir,
    workspace: ctx.workspace,
    ...inputs.jobs ? { jobs: inputs.jobs } : {},
    ...inputs.remoteCache ? { remote: remoteFor(inputs.remoteCache) } : {},
    onToken: (t) => setSecret(t)
  };
  const given = process.env.FBUILD_JOB_SERVER;
  delete process.env.FBUILD_JOB_SERVER;
  return adoptStartedServer(given, opts) ?? spawnDetachedServer(opts);
}
function remoteFor(remote) {
  setSecret(remote.url);
  const fork = prContextFromEnv(process.env)?.fork ?? false;
  const mode = remote.mode ?? (fork ? "read" : "read-write");
  info(
    `fbuild: remote cache ${mode === "read" ? "read only" : "read and write"}${!remote.mode && fork ? " (a pull request from a fork)" : ""}`
  );
  return { url: remote.url, mode };
}

export {
  startJobServer
};

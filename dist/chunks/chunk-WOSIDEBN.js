import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  spawnDetachedServer
} from "./chunk-G4JTYVXQ.js";
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
  return spawnDetachedServer({
    cliPath: ctx.cliPath,
    jobDir: ctx.jobDir,
    cacheDir: ctx.cacheDir,
    workspace: ctx.workspace,
    ...inputs.jobs ? { jobs: inputs.jobs } : {},
    ...inputs.remoteCache ? { remote: remoteFor(inputs.remoteCache) } : {},
    onToken: (t) => setSecret(t)
  });
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

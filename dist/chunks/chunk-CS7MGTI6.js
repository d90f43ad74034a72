import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  projectEnvOf
} from "./chunk-K6BJMG72.js";
import {
  fraction,
  readStatsFile,
  reportRow,
  statsFilePath,
  totals,
  writeStatsFile
} from "./chunk-PC52QQXX.js";
import {
  JobClient
} from "./chunk-LHKOCDRA.js";
import {
  ServerUnreachableError
} from "./chunk-N7O5JONP.js";
import {
  killServerGroup,
  serverExited
} from "./chunk-CLBYT57Z.js";
import {
  error,
  info,
  setOutput,
  warning
} from "./chunk-M4NEA4G6.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/action/buildPhase.ts
import { readFileSync } from "node:fs";

// src/action/directBuild.ts
async function buildWithoutServer(inputs, ctx, projectDir, environment, log, serverDead) {
  const { BuildSession } = await import("./buildSession-TZGU74Z3.js");
  const { toolchainsDirFor } = await import("./resolveAvr-2DXPIPH3.js");
  if (serverDead) {
    const { breakBuildDirLock } = await import("./buildDirLock-3RPVM2S3.js");
    const { buildWriteDirs } = await import("./orchestrator-HGA4444U.js");
    breakBuildDirLock(buildWriteDirs({ projectDir, environment })[0].path);
  }
  const session = await BuildSession.open({
    cache: false,
    ...inputs.jobs ? { jobs: inputs.jobs } : {},
    toolchain: inputs.toolchain,
    toolchainsDir: toolchainsDirFor(process.env, ctx.cacheDir),
    fbuildCommand: [process.execPath, ctx.cliPath],
    wrapperEnv: () => ({})
  });
  try {
    await session.run({ projectDir, environment, toolchain: inputs.toolchain, noCache: true }, (e) => log.handle(e));
  } finally {
    await session.close("force");
  }
}

// src/action/buildLog.ts
var warned = /* @__PURE__ */ new Set();
var BuildLog = class {
  record;
  constructor(environment) {
    this.record = {
      environment,
      result: { environment, ok: false, error: "the build ended without a result" },
      units: { total: 0, hits: 0, misses: 0, uncacheable: 0, errors: 0 },
      missed: []
    };
  }
  handle(e) {
    const rec = this.record;
    switch (e.type) {
      case "start":
        rec.environment = e.environment;
        rec.toolchain = e.toolchain;
        info(`${e.environment}: ${e.units} steps with ${e.toolchain}`);
        break;
      case "unit": {
        const u = e.unit;
        rec.units.total++;
        if (u.outcome === "hit") rec.units.hits++;
        else if (u.outcome === "miss") {
          rec.units.misses++;
          rec.missed.push({ source: u.source, reason: u.reason ?? "new" });
        } else if (u.outcome === "uncacheable") rec.units.uncacheable++;
        else {
          rec.units.errors++;
          (rec.storeErrors ??= []).push({ source: u.source, reason: u.reason ?? "unknown" });
        }
        if (u.outcome !== "hit") info(`${u.outcome.padEnd(11)} ${u.source}${u.reason ? ` (${u.reason})` : ""}`);
        if (e.stdout) process.stdout.write(e.stdout);
        if (e.stderr) process.stdout.write(e.stderr);
        break;
      }
      case "link":
        rec.link = { outcome: e.outcome, ...e.reason ? { reason: e.reason } : {} };
        if (e.outcome === "error") (rec.storeErrors ??= []).push({ source: "link", reason: e.reason ?? "unknown" });
        if (e.stderr) process.stdout.write(e.stderr);
        break;
      case "upToDate":
        info(`${e.environment}: up to date (nothing changed since the last successful build)`);
        break;
      case "notice":
        if (!e.repeat) info(`fbuild: notice: ${e.message}`);
        break;
      case "warning":
        if (!warned.has(e.message)) {
          warned.add(e.message);
          warning(`fbuild: ${e.message}`);
        }
        break;
      case "error":
        rec.error = e.message;
        break;
      case "done":
        rec.result = e.result;
        if (!("error" in e.result)) {
          const r = e.result;
          info(
            `${r.environment}: ${r.ok ? "built" : "failed"} in ${(r.durationMs / 1e3).toFixed(2)} s; ${rec.units.hits} hits, ${rec.units.misses} misses, ${rec.units.uncacheable} uncacheable${rec.storeErrors?.length ? `, ${rec.storeErrors.length} store errors` : ""}; flash ${r.size.flash} B, RAM ${r.size.ram} B`
          );
          if (r.ok && r.artifacts.flash)
            info(`${r.environment}: flash layout: ${r.artifacts.flash.map((f) => `${f.offset} ${f.file}`).join(", ")}`);
        }
        break;
    }
  }
};

// src/action/outputs.ts
function setBuildOutputs(rows, records, statsFile) {
  const t = totals(rows);
  setOutput("hit-rate", fraction(t.hitRate));
  setOutput("hits", String(t.hits));
  setOutput("misses", String(t.misses));
  setOutput("uncacheable", String(t.uncacheable));
  setOutput("time-saved-ms", String(t.timeSavedMs));
  setOutput("stats-file", statsFile);
  const first = records.find((r) => !("error" in r.result));
  if (first && !("error" in first.result)) {
    const r = first.result;
    setOutput("firmware-elf", r.artifacts.elf);
    setOutput(r.artifacts.hex.endsWith(".bin") ? "firmware-bin" : "firmware-hex", r.artifacts.hex);
    setOutput("flash-bytes", String(r.size.flash));
    setOutput("ram-bytes", String(r.size.ram));
  }
}

// src/action/buildPhase.ts
async function runBuildPhase(inputs, ctx, stateFile) {
  const state = stateFile.read();
  if (!state?.server)
    throw new UserError("fbuild: the setup step did not run in this job (no server); run the action, or fbuild/build-action/setup first");
  const client = new JobClient(state.server.url, readFileSync(state.server.tokenFile, "utf8").trim());
  const records = [];
  let serverLost;
  try {
    for (const environment of state.envs) {
      let log = new BuildLog(environment);
      if (!serverLost) {
        try {
          for await (const e of client.build({
            projectDir: state.projectDir,
            environment,
            toolchain: inputs.toolchain,
            ...inputs.jobs ? { jobs: inputs.jobs } : {},
            projectEnv: projectEnvOf(state.projectDir)
          })) {
            log.handle(e);
          }
        } catch (e) {
          if (!(e instanceof ServerUnreachableError)) throw e;
          serverLost = e.message;
          killServerGroup(state.server.pid);
          warning(
            `fbuild: the cache server is gone (${e.message}) during the build of ${environment}; building ${environment}${environment === state.envs.at(-1) ? "" : " and the envs after it"} again without the cache`
          );
        }
      }
      if (serverLost) {
        log = new BuildLog(environment);
        await buildWithoutServer(inputs, ctx, state.projectDir, environment, log, await serverExited(state.server.pid, 1e3));
      }
      records.push(log.record);
    }
  } finally {
    await client.close();
  }
  const statsPath = statsFilePath(ctx.jobDir);
  const stats = readStatsFile(statsPath);
  for (const r of records) stats.environments[r.environment] = r;
  writeStatsFile(statsPath, stats);
  setBuildOutputs(
    records.map((r) => reportRow(r, state.baselines[r.environment])),
    records,
    statsPath
  );
  const failed = records.filter((r) => !r.result.ok);
  stateFile.update({ buildFailed: failed.length > 0, ...serverLost ? { serverLost } : {} });
  for (const f of failed) error(f.error ?? `fbuild: ${f.environment}: the build failed`);
  return failed.length === 0;
}

export {
  runBuildPhase
};

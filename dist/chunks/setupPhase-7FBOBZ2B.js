import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  urlSecrets
} from "./chunk-XGHPZKIT.js";
import {
  gccVersion,
  manifest_default
} from "./chunk-6FV4Q5OU.js";
import {
  startJobServer
} from "./chunk-RM4SH53H.js";
import {
  reportsDir,
  restoreLibDeps,
  storeEntryCount,
  storePaths,
  toolchainsPaths
} from "./chunk-46E4YKKB.js";
import {
  cacheServiceAvailable,
  restoreEntry
} from "./chunk-QQRZIJHA.js";
import "./chunk-JSFGXPGR.js";
import {
  readProjectConfig
} from "./chunk-HXEVDVWT.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-54IFNC2C.js";
import {
  examplesTargets
} from "./chunk-AUZDYZWD.js";
import "./chunk-CLBYT57Z.js";
import "./chunk-HJM5M4WC.js";
import "./chunk-VTAHD6D5.js";
import {
  addPath,
  exportVariable,
  info,
  notice,
  setOutput,
  setSecret,
  warning
} from "./chunk-M4NEA4G6.js";
import {
  onPath
} from "./chunk-FRALOBSX.js";
import "./chunk-OA4IFKWM.js";
import "./chunk-WDI3OBGI.js";
import {
  childEnv
} from "./chunk-6RGQGRVI.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// src/action/setupPhase.ts
import { existsSync, mkdirSync, readFileSync as readFileSync2, rmSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";

// src/action/keys.ts
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
var hash = (parts) => createHash("sha256").update(parts.join("\0")).digest("hex");
function manifestText(env) {
  if (env.FBUILD_PACKAGE_MANIFEST) {
    try {
      return readFileSync(env.FBUILD_PACKAGE_MANIFEST, "utf8");
    } catch {
    }
  }
  return JSON.stringify(manifest_default);
}
function envPlatforms(config, envs) {
  return envs.map((e) => config.env(e).platform ?? "atmelavr");
}
function systemCompilers(platforms, env) {
  const out = [];
  if (platforms.some((p) => /atmelavr/.test(p))) {
    const gcc = onPath("avr-gcc", env);
    out.push(`avr-gcc ${gcc ? gccVersion(gcc, "avr") : "missing"}`);
  }
  if (platforms.includes("native")) {
    for (const cc of [env.CC ?? "gcc", env.CXX ?? "g++"]) {
      const r = spawnSync(cc, ["-dumpfullversion", "-dumpversion"], { encoding: "utf8", env: childEnv() });
      out.push(`${cc} ${r.status === 0 ? r.stdout.trim() : "missing"}`);
    }
  }
  return out;
}
function cacheKeys(opts) {
  const env = opts.env ?? process.env;
  const manifest = hash([manifestText(env)]);
  const usesPackages = opts.toolchain !== "system" && opts.platforms.some((p) => p !== "native");
  const compilers = opts.toolchain === "system" || !usesPackages ? systemCompilers(opts.platforms, env) : [];
  const toolchainId = `${opts.toolchain}-${hash([opts.toolchain, manifest, ...compilers, opts.keySuffix]).slice(0, 10)}`;
  const envList = opts.envs.join("+");
  const storePrefix = `fbuild-v1-${opts.ctx.os}-${opts.ctx.arch}-${envList}-${toolchainId}${opts.keySuffix ? `-${opts.keySuffix}` : ""}-`;
  return {
    store: `${storePrefix}${opts.ctx.runId}-${opts.ctx.runAttempt}`,
    storePrefix,
    ...usesPackages ? { toolchains: `fbuild-toolchains-v1-${opts.ctx.os}-${opts.ctx.arch}-${manifest.slice(0, 16)}` } : {},
    toolchainId
  };
}

// src/action/setupPhase.ts
async function runSetup(inputs, ctx, stateFile, started) {
  const startedAt = Date.now();
  const projectDir = resolve(ctx.workspace, inputs.projectDir);
  const serverStart = started ?? startJobServer(inputs, ctx);
  let prepared;
  let envs;
  let keys;
  try {
    const targets = inputs.boards ? examplesTargets(inputs.boards) : projectTargets(inputs, projectDir);
    envs = targets.envs;
    keys = cacheKeys({ ctx, envs, platforms: targets.platforms, toolchain: inputs.toolchain, keySuffix: inputs.keySuffix });
    info(`fbuild: envs ${envs.join(", ")}; store key ${keys.store} (restored from ${keys.storePrefix}*)`);
    prepared = await prepareStore(inputs, ctx, keys, envs, targets.platforms, projectDir);
  } catch (e) {
    serverStart.abort();
    throw e;
  }
  const { restore, toolchainsRestore, libdeps, storeReadyAt, baselines } = prepared;
  serverStart.go();
  const server = await serverStart.ready();
  const { token: _token, ...serverState } = server;
  const state = {
    envs,
    projectDir,
    keys,
    cacheDir: ctx.cacheDir,
    cachePathSpec: ctx.cachePathSpec,
    startedAt,
    storeReadyAt,
    restore: { ...restore, exact: restore.matchedKey === keys.store },
    ...toolchainsRestore ? { toolchainsRestore: { ...toolchainsRestore, exact: toolchainsRestore.matchedKey === keys.toolchains } } : {},
    server: serverState,
    baselines,
    ...libdeps.length ? { libdeps } : {}
  };
  stateFile.write(state);
  info(`fbuild: server ${server.url} (pid ${server.pid}) started in ${server.startMs} ms; its log: ${server.log}`);
  exportVariable("FBUILD_CACHE_URL", server.url);
  exportVariable("FBUILD_CACHE_TOKEN", server.token);
  exportVariable("FBUILD_CACHE_DIR", ctx.cacheDir);
  exportVariable("FBUILD_TOOLCHAIN", inputs.toolchain);
  addPath(fbuildBinDir(ctx));
  stateFile.publish();
  setOutput("cache-restored", restore.matchedKey ? "true" : "false");
  setOutput("cache-matched-key", restore.matchedKey ?? "");
  return state;
}
async function prepareStore(inputs, ctx, keys, envs, platforms, projectDir) {
  let restore = { ms: 0 };
  let libdeps = [];
  let toolchainsRestore;
  if (!inputs.cache) info("fbuild: cache: false, so nothing is restored or saved");
  else if (!await cacheServiceAvailable())
    notice("fbuild: the GitHub Actions cache service is not available to this job; building without a restored store");
  else {
    const store = storePaths(ctx.cacheDir);
    const hadStore = store.paths.some((p) => existsSync(join(ctx.cacheDir, p)));
    [restore, toolchainsRestore, libdeps] = await Promise.all([
      restoreEntry("store", store, keys.store, [keys.storePrefix]),
      keys.toolchains ? restoreEntry("toolchains", toolchainsPaths(ctx.cacheDir), keys.toolchains, []) : Promise.resolve(void 0),
      restoreLibDeps(projectDir, ctx.workspace, envs)
    ]);
    for (const w of [restore.warning, toolchainsRestore?.warning]) if (w) warning(`fbuild: ${w}`);
    if (!restore.matchedKey && restore.warning && !restore.timedOut && !hadStore)
      for (const p of store.paths) rmSync(join(ctx.cacheDir, p), { recursive: true, force: true });
    info(restoreMessage(restore, storeEntryCount(ctx.cacheDir)));
    if (toolchainsRestore?.matchedKey)
      info(`fbuild: toolchains restored from ${toolchainsRestore.matchedKey} in ${toolchainsRestore.ms} ms`);
  }
  const storeReadyAt = Date.now();
  const baselines = readBaselines(ctx.cacheDir, envs);
  if (inputs.toolchain !== "system" && platforms.some((p) => /atmelavr/.test(p))) {
    const env = { ...process.env, FBUILD_CACHE_DIR: ctx.cacheDir };
    const { resolveAvrToolchain } = await import("./resolveAvr-2DXPIPH3.js");
    await resolveAvrToolchain({
      mode: inputs.toolchain,
      env,
      onNotice: (m, more) => info(`fbuild: ${m}${more?.detail ? ` (${more.detail})` : ""}`)
    });
  }
  return { restore, toolchainsRestore, libdeps, storeReadyAt, baselines };
}
function projectTargets(inputs, projectDir) {
  const config = readProjectConfig(projectDir);
  const envs = inputs.environments.length ? inputs.environments : config.defaultEnvs.length ? config.defaultEnvs : config.envNames;
  if (!envs.length) throw new UserError(`${config.path} has no [env:NAME] section; add one, e.g. [env:uno] with board = uno`);
  const platforms = envPlatforms(config, envs);
  for (const env of envs) for (const secret of urlSecrets(config.env(env).libDeps.join("\n"))) setSecret(secret);
  return { envs, platforms };
}
function restoreMessage(restore, entries) {
  if (restore.matchedKey) return `fbuild: store restored from ${restore.matchedKey} in ${restore.ms} ms: ${entries} entries`;
  if (entries > 0) return `fbuild: no store entry to restore; the local store already holds ${entries} entries`;
  return "fbuild: no store to restore and the local store is empty; this build is cold";
}
function fbuildBinDir(ctx) {
  const bin = join(ctx.jobDir, "bin");
  mkdirSync(bin, { recursive: true });
  const link = join(bin, "fbuild");
  rmSync(link, { force: true });
  symlinkSync(ctx.cliPath, link);
  return bin;
}
function readBaselines(cacheDir, envs) {
  const out = {};
  for (const e of envs) {
    const path = join(reportsDir(cacheDir), `${e}.json`);
    if (!existsSync(path)) continue;
    try {
      out[e] = JSON.parse(readFileSync2(path, "utf8"));
    } catch {
    }
  }
  return out;
}
export {
  runSetup
};

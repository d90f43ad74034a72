import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { readProjectConfig } from '../../server/project/platformioIni.js';
import { UserError } from '../../server/util/errors.js';
import { cacheServiceAvailable, restoreEntry, type RestoreOutcome } from './cacheTransfer.js';
import type { ActionInputs } from './inputs.js';
import { cacheKeys, envPlatforms, type CacheKeys } from './keys.js';
import type { RunnerContext } from './runnerContext.js';
import { startJobServer, type JobServerStart } from './jobServer.js';
import { StateFile, type JobState, type StoredReport } from './state.js';
import { reportsDir, storeEntryCount, storePaths, toolchainsPaths } from './storePaths.js';
import { restoreLibDeps, type LibDepsEntryState } from './libDepsEntries.js';
import { urlSecrets } from '../../server/util/redact.js';
import { examplesTargets } from './examples/examplesInputs.js';

/**
 * The setup step: keys, the toolchains and the store restored (at once), the pinned toolchain
 * installed if it was not restored, the server started for the job, and what later steps need
 * exported: FBUILD_CACHE_URL, FBUILD_CACHE_TOKEN (masked first), `fbuild` on PATH.
 */
export async function runSetup(
  inputs: ActionInputs,
  ctx: RunnerContext,
  stateFile: StateFile,
  started?: JobServerStart,
): Promise<JobState> {
  const startedAt = Date.now();
  const projectDir = resolve(ctx.workspace, inputs.projectDir);

  // The server's process starts first (unless the job step started it already), and loads while the
  // keys are made and the store is restored.
  const serverStart = started ?? startJobServer(inputs, ctx);

  let prepared;
  let envs: string[];
  let keys: CacheKeys;
  try {
    // Library CI (input `boards`): the boards stand for the envs; the library has no platformio.ini.
    const targets = inputs.boards ? examplesTargets(inputs.boards) : projectTargets(inputs, projectDir);
    envs = targets.envs;
    keys = cacheKeys({ ctx, envs, platforms: targets.platforms, toolchain: inputs.toolchain, keySuffix: inputs.keySuffix });
    core.info(`fbuild: envs ${envs.join(', ')}; store key ${keys.store} (restored from ${keys.storePrefix}*)`);
    prepared = await prepareStore(inputs, ctx, keys, envs, targets.platforms, projectDir);
  } catch (e) {
    serverStart.abort(); // a setup that fails leaves no server waiting
    throw e;
  }
  const { restore, toolchainsRestore, libdeps, storeReadyAt, baselines } = prepared;
  serverStart.go();
  const server = await serverStart.ready();

  // The state first: should anything below fail, the save step (if: always) still finds the server to stop.
  const { token: _token, ...serverState } = server;
  const state: JobState = {
    envs,
    projectDir,
    keys,
    cacheDir: ctx.cacheDir,
    cachePathSpec: ctx.cachePathSpec,
    startedAt,
    storeReadyAt,
    restore: { ...restore, exact: restore.matchedKey === keys.store },
    ...(toolchainsRestore ? { toolchainsRestore: { ...toolchainsRestore, exact: toolchainsRestore.matchedKey === keys.toolchains } } : {}),
    server: serverState,
    baselines,
    ...(libdeps.length ? { libdeps } : {}),
  };
  stateFile.write(state);
  core.info(`fbuild: server ${server.url} (pid ${server.pid}) started in ${server.startMs} ms; its log: ${server.log}`);
  core.exportVariable('FBUILD_CACHE_URL', server.url);
  core.exportVariable('FBUILD_CACHE_TOKEN', server.token);
  core.exportVariable('FBUILD_CACHE_DIR', ctx.cacheDir);
  core.exportVariable('FBUILD_TOOLCHAIN', inputs.toolchain);
  core.addPath(fbuildBinDir(ctx));
  stateFile.publish();
  core.setOutput('cache-restored', restore.matchedKey ? 'true' : 'false');
  core.setOutput('cache-matched-key', restore.matchedKey ?? '');
  return state;
}

/** The store and the toolchains restored (at once), the pinned toolchain installed if it was not. */
async function prepareStore(
  inputs: ActionInputs,
  ctx: RunnerContext,
  keys: CacheKeys,
  envs: string[],
  platforms: string[],
  projectDir: string,
) {
  let restore: RestoreOutcome = { ms: 0 };
  let libdeps: LibDepsEntryState[] = [];
  let toolchainsRestore: RestoreOutcome | undefined;
  if (!inputs.cache) core.info('fbuild: cache: false, so nothing is restored or saved');
  else if (!(await cacheServiceAvailable()))
    core.notice('fbuild: the GitHub Actions cache service is not available to this job; building without a restored store');
  else {
    const store = storePaths(ctx.cacheDir);
    const hadStore = store.paths.some((p) => existsSync(join(ctx.cacheDir, p)));
    [restore, toolchainsRestore, libdeps] = await Promise.all([
      restoreEntry('store', store, keys.store, [keys.storePrefix]),
      keys.toolchains ? restoreEntry('toolchains', toolchainsPaths(ctx.cacheDir), keys.toolchains, []) : Promise.resolve(undefined),
      restoreLibDeps(projectDir, ctx.workspace, envs),
    ]);
    for (const w of [restore.warning, toolchainsRestore?.warning]) if (w) core.warning(`fbuild: ${w}`);
    // tar extracts into the cache dir as it reads: an archive that failed part way (cut short, damaged)
    // leaves what it had extracted, blobs cut short among them, which the job would save again. Into
    // a cache dir that held no store (a hosted runner's), all of it came from the failed archive.
    // (A store that was there before keeps it: a damaged entry is found on reading and replaced.)
    if (!restore.matchedKey && restore.warning && !restore.timedOut && !hadStore)
      for (const p of store.paths) rmSync(join(ctx.cacheDir, p), { recursive: true, force: true });
    core.info(restoreMessage(restore, storeEntryCount(ctx.cacheDir)));
    if (toolchainsRestore?.matchedKey)
      core.info(`fbuild: toolchains restored from ${toolchainsRestore.matchedKey} in ${toolchainsRestore.ms} ms`);
  }
  const storeReadyAt = Date.now();
  const baselines = readBaselines(ctx.cacheDir, envs);

  if (inputs.toolchain !== 'system' && platforms.some((p) => /atmelavr/.test(p))) {
    const env = { ...process.env, FBUILD_CACHE_DIR: ctx.cacheDir };
    // Imported only here: the installer brings its HTTP client, which a system toolchain never needs.
    const { resolveAvrToolchain } = await import('../../server/toolchains/resolveAvr.js');
    await resolveAvrToolchain({
      mode: inputs.toolchain,
      env,
      onNotice: (m, more) => core.info(`fbuild: ${m}${more?.detail ? ` (${more.detail})` : ''}`),
    });
  }

  return { restore, toolchainsRestore, libdeps, storeReadyAt, baselines };
}

function projectTargets(inputs: ActionInputs, projectDir: string): { envs: string[]; platforms: string[] } {
  const config = readProjectConfig(projectDir);
  const envs = inputs.environments.length ? inputs.environments : config.defaultEnvs.length ? config.defaultEnvs : config.envNames;
  if (!envs.length) throw new UserError(`${config.path} has no [env:NAME] section; add one, e.g. [env:uno] with board = uno`);
  const platforms = envPlatforms(config, envs); // an unknown env fails here, naming the known ones
  // Credentials in lib_deps URLs: masked in the job's log before anything could print them.
  for (const env of envs) for (const secret of urlSecrets(config.env(env).libDeps.join('\n'))) core.setSecret(secret);
  return { envs, platforms };
}

/** Cold (nothing anywhere), restored, or warm from the local store alone (a self-hosted runner's cache dir). */
function restoreMessage(restore: RestoreOutcome, entries: number): string {
  if (restore.matchedKey) return `fbuild: store restored from ${restore.matchedKey} in ${restore.ms} ms: ${entries} entries`;
  if (entries > 0) return `fbuild: no store entry to restore; the local store already holds ${entries} entries`;
  return 'fbuild: no store to restore and the local store is empty; this build is cold';
}

/** A directory with `fbuild` in it (a link to the bundled CLI), for later steps' PATH. */
function fbuildBinDir(ctx: RunnerContext): string {
  const bin = join(ctx.jobDir, 'bin');
  mkdirSync(bin, { recursive: true });
  const link = join(bin, 'fbuild');
  rmSync(link, { force: true });
  symlinkSync(ctx.cliPath, link);
  return bin;
}

function readBaselines(cacheDir: string, envs: string[]): Record<string, StoredReport> {
  const out: Record<string, StoredReport> = {};
  for (const e of envs) {
    const path = join(reportsDir(cacheDir), `${e}.json`);
    if (!existsSync(path)) continue;
    try {
      out[e] = JSON.parse(readFileSync(path, 'utf8')) as StoredReport;
    } catch {
      // a damaged report is only a missing baseline
    }
  }
  return out;
}

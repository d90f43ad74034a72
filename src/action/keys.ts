import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ProjectConfig } from '../../server/project/platformioIni.js';
import { gccVersion } from '../../server/toolchains/avrToolchain.js';
import { onPath } from '../../server/util/pathLookup.js';
import { childEnv } from '../../server/util/childEnv.js';
import bundledManifest from '../../server/toolchains/manifest.json' with { type: 'json' };
import type { ToolchainInput } from './inputs.js';
import type { RunnerContext } from './runnerContext.js';

/**
 * Every cache key the action uses, made here and nowhere else.
 *
 * The store: `fbuild-v1-<os>-<arch>-<envs>-<toolchain id>[-<suffix>]-<run id>-<attempt>`, restored by
 * the prefix without the run id, so a job takes the newest store of the same envs and toolchain and
 * never another's. Toolchains: their own entry, keyed by the package manifest's hash, saved once.
 */
export interface CacheKeys {
  /** This run's store key (entries are immutable: a new one per run). */
  store: string;
  /** The prefix that finds the newest store of earlier runs. */
  storePrefix: string;
  /** Set when the envs use pinned packages: their entry's exact key. */
  toolchains?: string;
  toolchainId: string;
}

const hash = (parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');

function manifestText(env: NodeJS.ProcessEnv): string {
  if (env.FBUILD_PACKAGE_MANIFEST) {
    try {
      return readFileSync(env.FBUILD_PACKAGE_MANIFEST, 'utf8');
    } catch {
      // the build reports an unreadable manifest in its own words
    }
  }
  return JSON.stringify(bundledManifest);
}

/** Platforms of the envs, as the key needs them: which compilers could be used. */
export function envPlatforms(config: ProjectConfig, envs: string[]): string[] {
  return envs.map((e) => config.env(e).platform ?? 'atmelavr');
}

/** The system compilers' versions that the envs' platforms would use (without starting avr-gcc). */
function systemCompilers(platforms: string[], env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  if (platforms.some((p) => /atmelavr/.test(p))) {
    const gcc = onPath('avr-gcc', env);
    out.push(`avr-gcc ${gcc ? gccVersion(gcc, 'avr') : 'missing'}`);
  }
  if (platforms.includes('native')) {
    for (const cc of [env.CC ?? 'gcc', env.CXX ?? 'g++']) {
      const r = spawnSync(cc, ['-dumpfullversion', '-dumpversion'], { encoding: 'utf8', env: childEnv() });
      out.push(`${cc} ${r.status === 0 ? r.stdout.trim() : 'missing'}`);
    }
  }
  return out;
}

export function cacheKeys(opts: {
  ctx: RunnerContext;
  envs: string[];
  platforms: string[];
  toolchain: ToolchainInput;
  keySuffix: string;
  env?: NodeJS.ProcessEnv;
}): CacheKeys {
  const env = opts.env ?? process.env;
  const manifest = hash([manifestText(env)]);
  const usesPackages = opts.toolchain !== 'system' && opts.platforms.some((p) => p !== 'native');
  const compilers = opts.toolchain === 'system' || !usesPackages ? systemCompilers(opts.platforms, env) : [];
  // The suffix is hashed into the id as well as appended: without it, the prefix of a key without a
  // suffix would also be a prefix of every key with one, and a restore would cross between them.
  const toolchainId = `${opts.toolchain}-${hash([opts.toolchain, manifest, ...compilers, opts.keySuffix]).slice(0, 10)}`;
  const envList = opts.envs.join('+');
  const storePrefix = `fbuild-v1-${opts.ctx.os}-${opts.ctx.arch}-${envList}-${toolchainId}${opts.keySuffix ? `-${opts.keySuffix}` : ''}-`;
  return {
    store: `${storePrefix}${opts.ctx.runId}-${opts.ctx.runAttempt}`,
    storePrefix,
    ...(usesPackages ? { toolchains: `fbuild-toolchains-v1-${opts.ctx.os}-${opts.ctx.arch}-${manifest.slice(0, 16)}` } : {}),
    toolchainId,
  };
}

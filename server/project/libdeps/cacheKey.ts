import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { libDepKind, parseLibDep } from '../libDepsSpec.js';
import { readProjectConfig } from '../platformioIni.js';
import { libDepsDir } from './installLibDeps.js';
import { systemType } from './registryClient.js';

/**
 * The action's cache entry for an env's downloaded libraries (issue 14, item 5): what to save and
 * restore, and the key. The key is computed from platformio.ini alone, before any build, so a warm
 * job restores without asking the registry anything: the env's lib_deps as written (what a
 * libdeps dir installed for them holds is fixed by them, since an installed library that
 * satisfies its spec is never re-resolved), the system type (registry files are per system) and
 * this layout's version. `restoreKeys` finds the env's previous entry when lib_deps changed: the
 * install step then removes what left and downloads only what is new.
 */
export interface LibDepsCacheEntry {
  key: string;
  restoreKeys: string[];
  /** Absolute directories to save and restore: `<libdeps_dir>/<env>`. */
  paths: string[];
}

/** Bump when the installed layout changes, so old entries are not restored into a new layout. */
const LAYOUT_VERSION = '1';

/** Undefined when the env has nothing to download (no lib_deps, or only local paths). */
export function libDepsCacheKey(
  projectDir: string,
  envName: string,
  sysenv: NodeJS.ProcessEnv = process.env,
): LibDepsCacheEntry | undefined {
  const dir = resolve(projectDir);
  const config = readProjectConfig(dir, sysenv);
  const env = config.env(envName);
  const downloaded = env.libDeps.filter((raw) => libDepKind(parseLibDep(raw, dir)) !== 'local');
  if (downloaded.length === 0) return undefined;
  const hash = createHash('sha256')
    .update(JSON.stringify([LAYOUT_VERSION, systemType(process.platform, process.arch, sysenv), env.libDeps]))
    .digest('hex');
  const prefix = `fbuild-libdeps-${envName}-`;
  return { key: `${prefix}${hash.slice(0, 20)}`, restoreKeys: [prefix], paths: [libDepsDir(config.dirs, envName)] };
}

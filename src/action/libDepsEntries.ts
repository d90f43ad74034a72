import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { readProjectConfig } from '../../server/project/platformioIni.js';
import { restoreEntry, saveEntry, type ArchiveSpec } from './cacheTransfer.js';

/** One env's downloaded libraries as an entry of their own: keyed by its lib_deps as written. */
export interface LibDepsEntryState {
  env: string;
  key: string;
  /** The env's libdeps dir, archived by its own name (wherever the project is: see transferDir.ts). */
  archive: ArchiveSpec;
  /** The exact key was restored: nothing to save. */
  exact: boolean;
  ms: number;
}

/**
 * Restores every env's libdeps entry (at once). The key comes from platformio.ini alone, so a warm
 * job installs nothing and asks the registry nothing; with lib_deps changed, the env's previous
 * entry is restored and the build only downloads what is new. An env whose lib_deps cannot be read
 * has no entry: the build reports the problem in its own words.
 */
export async function restoreLibDeps(projectDir: string, workspace: string, envs: string[]): Promise<LibDepsEntryState[]> {
  // The key's module brings the registry client (its HTTP client): loaded only for envs with lib_deps.
  let withLibDeps: string[];
  try {
    const config = readProjectConfig(projectDir);
    withLibDeps = envs.filter((env) => config.env(env).libDeps.length > 0);
  } catch {
    return [];
  }
  if (!withLibDeps.length) return [];
  const { libDepsCacheKey } = await import('../../server/project/libdeps/cacheKey.js');
  const wanted = withLibDeps.flatMap((env) => {
    try {
      const entry = libDepsCacheKey(projectDir, env);
      return entry ? [{ env, entry }] : [];
    } catch {
      return [];
    }
  });
  return Promise.all(
    wanted.map(async ({ env, entry }) => {
      const dir = resolve(workspace, entry.paths[0]!);
      const archive: ArchiveSpec = { root: dirname(dir), name: `libdeps-${env}`, paths: [basename(dir)] };
      const r = await restoreEntry(`libdeps ${env}`, archive, entry.key, entry.restoreKeys);
      if (r.warning) core.warning(`fbuild: ${r.warning}`);
      else
        core.info(
          r.matchedKey ? `fbuild: ${env} libraries restored from ${r.matchedKey} in ${r.ms} ms` : `fbuild: ${env}: no libraries to restore`,
        );
      return { env, key: entry.key, archive, exact: r.matchedKey === entry.key, ms: r.ms };
    }),
  );
}

/** Saves each env's libraries whose exact entry was not restored (entries are immutable: once per lib_deps). */
export async function saveLibDeps(entries: readonly LibDepsEntryState[] | undefined): Promise<void> {
  for (const e of entries ?? []) {
    if (e.exact) continue;
    if (!e.archive.paths.every((p) => existsSync(join(e.archive.root, p)))) continue;
    const r = await saveEntry(`libdeps ${e.env}`, e.archive, e.key);
    if (r.saved) core.info(`fbuild: ${e.env} libraries saved as ${e.key} in ${r.ms} ms`);
    else core.warning(`fbuild: ${r.warning}`);
  }
}

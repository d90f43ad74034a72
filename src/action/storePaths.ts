import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What goes into the store's archive, as @actions/cache is given it (relative to `spec`, the cache
 * dir as `~/...`): the entries, their index, the compiler identities and the per-env reports; never
 * the server's lock or the toolchains (their own entry).
 */
export function storePaths(spec: string): string[] {
  return ['v1/entries', STORE_INDEX, 'v1/compilers.msgpack', 'reports'].map((p) => `${spec}/${p}`);
}

/** The store's index, relative to the cache dir: without it the store rebuilds it from its entries. */
const STORE_INDEX = 'v1/index.msgpack';

export const storeIndexPath = (cacheDir: string) => join(cacheDir, STORE_INDEX);

export function toolchainsPaths(spec: string): string[] {
  return [`${spec}/toolchains`];
}

/** Installed packages in the toolchains dir (marks and partial downloads start with a dot). */
export function installedToolchains(cacheDir: string): string[] {
  const dir = join(cacheDir, 'toolchains');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => !n.startsWith('.'));
}

export const reportsDir = (cacheDir: string) => join(cacheDir, 'reports');

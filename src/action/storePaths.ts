import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchiveSpec } from './transferDir.js';

/**
 * What goes into the store's archive: the store's manifests, blobs and index (format v2), the
 * compiler identities and the per-env reports; never the server's lock or the toolchains (their own
 * entry). A v1 store restored from an older archive is moved into v2 when the store opens. The
 * archive names the cache dir `fbuild-cache` (see transferDir.ts): it restores into the cache dir of
 * any job, wherever its HOME is.
 */
export function storePaths(cacheDir: string): ArchiveSpec {
  return { root: cacheDir, name: CACHE_DIR_NAME, paths: ['v2/manifests', 'v2/blobs', STORE_INDEX, 'v1/compilers.msgpack', 'reports'] };
}

const CACHE_DIR_NAME = 'fbuild-cache';

/** The store's index, relative to the cache dir: without it the store rebuilds it from its entries. */
const STORE_INDEX = 'v2/index.msgpack';

export const storeIndexPath = (cacheDir: string) => join(cacheDir, STORE_INDEX);

export function toolchainsPaths(cacheDir: string): ArchiveSpec {
  return { root: cacheDir, name: CACHE_DIR_NAME, paths: ['toolchains'] };
}

/** Installed packages in the toolchains dir (marks and partial downloads start with a dot). */
export function installedToolchains(cacheDir: string): string[] {
  const dir = join(cacheDir, 'toolchains');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => !n.startsWith('.'));
}

export const reportsDir = (cacheDir: string) => join(cacheDir, 'reports');

/** Entries in the store (one manifest file each, in `v2/manifests/<shard>/`). */
export function storeEntryCount(cacheDir: string): number {
  const manifests = join(cacheDir, 'v2', 'manifests');
  if (!existsSync(manifests)) return 0;
  let n = 0;
  for (const shard of readdirSync(manifests, { withFileTypes: true })) {
    if (shard.isDirectory()) n += readdirSync(join(manifests, shard.name)).filter((f) => !f.startsWith('.')).length;
  }
  return n;
}

/**
 * Manifests written after `time` (ms since the epoch): the entries this job added. A restored entry
 * keeps the time it has in the archive, so a warm job whose every unit hit finds none and skips the
 * save. Read from the directory alone (no index, no store opened), so the server may still be exiting.
 */
export function manifestsWrittenSince(cacheDir: string, time: number): number {
  const manifests = join(cacheDir, 'v2', 'manifests');
  if (!existsSync(manifests)) return 0;
  let n = 0;
  for (const shard of readdirSync(manifests, { withFileTypes: true })) {
    if (!shard.isDirectory()) continue;
    const dir = join(manifests, shard.name);
    for (const f of readdirSync(dir)) {
      if (f.startsWith('.')) continue;
      try {
        if (statSync(join(dir, f)).mtimeMs > time) n++;
      } catch {
        // gone meanwhile (evicted): not an entry to save
      }
    }
  }
  return n;
}

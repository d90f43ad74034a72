import { LocalStore } from './localStore.js';

export interface PruneOptions {
  cacheDir: string;
  /** Evict least recently used entries down to 90% of this when the store is over it. */
  maxBytes: number;
  /** Also drop every entry not used since this time (ms since the epoch). */
  unusedBefore?: number;
}

export interface PruneResult {
  before: { entries: number; bytes: number };
  after: { entries: number; bytes: number };
  /** Dropped because they were not used since `unusedBefore`. */
  unused: number;
}

/**
 * Bounds a store before it is archived (`fbuild cache prune`, the action's save step). The store must
 * not be open in a running server: its flush would write back the index it loaded.
 */
export async function pruneStore(opts: PruneOptions): Promise<PruneResult> {
  const store = LocalStore.open({ dir: opts.cacheDir, maxBytes: opts.maxBytes });
  const before = store.totals();
  const unused = opts.unusedBefore === undefined ? 0 : store.evictUnusedBefore(opts.unusedBefore);
  // Blobs no manifest names (a writer that died between the two, a lost race) are not archived.
  store.sweepOrphanBlobs();
  store.sweepShardTemps();
  await store.close();
  return { before, after: store.totals(), unused };
}

/** How many entries of the store were written (new or with a new result) after `time`. */
export function entriesWrittenSince(cacheDir: string, time: number): number {
  return LocalStore.open({ dir: cacheDir, maxBytes: Number.MAX_SAFE_INTEGER }).writtenSince(time);
}

import { errorMessage } from '../util/errors.js';
import type { CacheStore, ContextEntry, EntrySummary, ReadResult } from './store.js';

/** A write that failed for want of room (a full disk, or a quota). */
export function isNoSpace(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * The store's writes, stopped for the rest of the process at the first one that finds its disk full:
 * every later one would fail the same way (each after writing part of a temporary file), so they are
 * refused at once and the compiles go on without the cache. Reads go on as before. `full` says why,
 * for the stats and the one warning a front end prints.
 */
export class FullDiskGuard implements CacheStore {
  full: string | undefined;

  constructor(private readonly inner: CacheStore) {}

  get(contextKey: string): ReadResult | Promise<ReadResult> {
    return this.inner.get(contextKey);
  }

  async put(entry: ContextEntry): Promise<void> {
    if (this.full) throw new Error(`not stored: the store's disk is full (${this.full})`);
    try {
      await this.inner.put(entry);
    } catch (e) {
      this.note(e);
      throw e;
    }
  }

  touch(contextKey: string): void {
    this.inner.touch(contextKey);
  }

  entriesForSource(source: string): EntrySummary[] {
    return this.inner.entriesForSource(source);
  }

  totals(): { entries: number; bytes: number } {
    return this.inner.totals();
  }

  /** The index written back; on a full disk that is skipped (and noted), not an error: the entries stay valid. */
  async flush(): Promise<void> {
    if (this.full) return;
    try {
      await this.inner.flush();
    } catch (e) {
      if (!isNoSpace(e)) throw e;
      this.note(e);
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private note(e: unknown): void {
    if (isNoSpace(e)) this.full ??= errorMessage(e);
  }
}

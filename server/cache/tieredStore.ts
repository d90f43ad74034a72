import type { RemoteStats } from '../protocol/wire.js';
import { decodeEntry, encodeEntry } from './entryCodec.js';
import { describe, type RemoteMode, type RemoteTier } from './remoteConfig.js';
import { hasOutputs } from './store.js';
import type { CacheStore, CachedResult, EntrySummary, EntryToStore, FullEntry, LoadResult, ReadResult, ResultManifest } from './store.js';

/** Failures in a row after which the tier is left alone until the next build starts. */
const BREAKER_THRESHOLD = 3;

/**
 * The local store with a remote tier behind it. A local miss asks the tier; what it returns is
 * verified (checksum and key) before use, kept locally, and a bad value is a miss, deleted there.
 * The tier keeps whole entries (every result with its outputs, the v1 entry format): one key and one
 * round trip per context; the local store splits them into a manifest and blobs.
 * Writes go to the local store first and to the tier behind the build (flush() waits for them).
 * A failing tier is skipped after a few failures in a row (a circuit breaker) and reported once per
 * build as a warning; it never fails or stalls a compile beyond its per-call timeout.
 */
export class TieredStore implements CacheStore {
  private readonly pending = new Set<Promise<void>>();
  private failuresInRow = 0;
  private open = false;
  private warning: string | undefined;
  private readonly counts: RemoteStats;

  constructor(
    private readonly local: CacheStore,
    private readonly remote: RemoteTier | undefined,
    private readonly mode: RemoteMode,
    /** Set when the tier could not be reached at start: the reason, reported with the first build. */
    startError?: string,
  ) {
    this.counts = { label: remote?.label ?? 'remote cache', mode, hits: 0, misses: 0, errors: 0, damaged: 0, bytesDown: 0, bytesUp: 0 };
    if (startError) {
      this.warning = `remote cache unavailable (${startError}); building from the local cache`;
      this.counts.errors++;
    }
  }

  get(contextKey: string): ReadResult | Promise<ReadResult> {
    const here = this.local.get(contextKey);
    if (here instanceof Promise || here.status === 'found' || !this.usable()) return here;
    return this.fetch(contextKey, here);
  }

  private async fetch(contextKey: string, here: ReadResult): Promise<ReadResult> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.remote!.get(contextKey);
      this.succeeded();
    } catch (e) {
      this.failed('read', e);
      return here;
    }
    if (!bytes) {
      this.counts.misses++;
      return here;
    }
    this.counts.bytesDown += bytes.byteLength;
    const entry = decodeEntry(bytes, contextKey);
    if (entry === 'damaged') {
      this.counts.damaged++;
      if (this.mode === 'read-write') this.track(this.remote!.delete(contextKey).catch(() => undefined));
      return here;
    }
    this.counts.hits++;
    // Kept locally, so the next build on this machine does not ask again; read back as the manifest
    // that the lookup and load() work with.
    await this.local.put(entry);
    const kept = await this.local.get(contextKey);
    return kept.status === 'found' ? { ...kept, remote: true } : kept;
  }

  load(result: ResultManifest): LoadResult {
    return this.local.load(result);
  }

  async put(entry: EntryToStore): Promise<void> {
    await this.local.put(entry);
    if (this.mode !== 'read-write' || !this.usable()) return;
    const bytes = encodeEntry(this.whole(entry));
    this.track(
      this.remote!.put(entry.contextKey, bytes).then(
        () => {
          this.counts.bytesUp += bytes.byteLength;
          this.succeeded();
        },
        (e) => this.failed('write', e),
      ),
    );
  }

  /** The entry with every result's outputs, the older ones read from the local store (one that cannot be read is left out). */
  private whole(entry: EntryToStore): FullEntry {
    const results: CachedResult[] = [];
    for (const r of entry.results) {
      if (hasOutputs(r)) results.push(r);
      else {
        const read = this.local.load(r);
        if (read.status === 'found') {
          const { resultKey, files, compileMs, createdAt, objectHash, quiet } = r;
          results.push({
            resultKey,
            files,
            compileMs,
            createdAt,
            ...(objectHash ? { objectHash } : {}),
            ...(quiet ? { quiet } : {}),
            ...read.outputs,
          });
        }
      }
    }
    return { ...entry, results };
  }

  touch(contextKey: string): void {
    this.local.touch(contextKey);
  }

  entriesForSource(source: string): EntrySummary[] {
    return this.local.entriesForSource(source);
  }

  totals(): { entries: number; bytes: number } {
    return this.local.totals();
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.local.flush();
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.remote?.close();
    await this.local.close();
  }

  /** Counters since the store opened. */
  remoteStats(): RemoteStats {
    return { ...this.counts };
  }

  /** A new build: the tier gets another chance; returns the warning of the last one, if any. */
  takeWarning(): string | undefined {
    const w = this.warning;
    this.warning = undefined;
    this.failuresInRow = 0;
    this.open = false;
    return w;
  }

  private usable(): boolean {
    return this.remote !== undefined && !this.open;
  }

  private succeeded(): void {
    this.failuresInRow = 0;
  }

  private failed(what: 'read' | 'write', e: unknown): void {
    this.counts.errors++;
    this.warning ??= `remote cache ${what} failed (${this.remote?.label}: ${describe(e)}); building from the local cache`;
    if (++this.failuresInRow >= BREAKER_THRESHOLD) this.open = true;
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}

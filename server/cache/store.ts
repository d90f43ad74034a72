/**
 * The object store: what CacheService keeps between compiles. One interface, so that a remote tier
 * (S3-compatible, Redis, an HTTP cache) can sit behind it later without touching the compile path.
 */

/** A stored depfile: its dependency list as data, or, when GCC's layout could not be reproduced, raw text. */
export type StoredDepfile = { kind: 'deps'; deps: string[]; phony: boolean } | { kind: 'raw'; text: string; target: string };

/** One successful compile of a context: the files it read (with their hashes) and what it produced. */
export interface CachedResult {
  resultKey: string;
  /** [normalized path, content hash]; the source first, then every header the compiler read. */
  files: [string, string][];
  object: Uint8Array;
  depfile?: StoredDepfile;
  stdout: Uint8Array;
  stderr: Uint8Array;
  compileMs: number;
  createdAt: number;
  /** Set for a cached step sequence (a link): the files it wrote and each step's stdout. */
  steps?: StoredSteps;
}

/** What a cached step sequence produced: its declared outputs (workspace-relative path, mode, bytes). */
export interface StoredSteps {
  outputs: { path: string; mode: number; content: Uint8Array }[];
  stdout: Uint8Array[];
}

/**
 * Everything stored under one context key (compiler, language, normalized arguments, source path),
 * newest result first. Source, compiler and flags are kept so that a miss can be explained.
 */
export interface ContextEntry {
  contextKey: string;
  source: string;
  compiler: string;
  flags: string;
  results: CachedResult[];
}

export interface EntrySummary {
  contextKey: string;
  source: string;
  compiler: string;
  flags: string;
  size: number;
  lastUse: number;
}

export type ReadResult =
  /** `remote`: fetched from the remote tier (and now kept locally). */
  | { status: 'found'; entry: ContextEntry; remote?: boolean }
  | { status: 'absent' }
  /** The stored bytes failed verification; the entry has been dropped. */
  | { status: 'damaged' };

export interface CacheStore {
  /** A local store answers synchronously, which keeps the whole hit path in one tick. */
  get(contextKey: string): ReadResult | Promise<ReadResult>;
  put(entry: ContextEntry): Promise<void>;
  /** Marks an entry as used now (for least-recently-used eviction). */
  touch(contextKey: string): void;
  /** Entries for the same source path: the material for explaining a miss. */
  entriesForSource(source: string): EntrySummary[];
  totals(): { entries: number; bytes: number };
  /** Persists the index, evicting down to 90% of the size limit when over it. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

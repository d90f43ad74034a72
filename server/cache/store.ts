/**
 * The object store: what CacheService keeps between compiles. One interface, so that a remote tier
 * (S3-compatible, Redis, an HTTP cache) can sit behind it later without touching the compile path.
 *
 * A context key's entry is a small manifest: the explain-a-miss fields and, for each result, the files
 * it read and the hash of its blob. A lookup reads and verifies only the manifest; the outputs of a
 * result (its blob) are read and verified when that result is the one used.
 */

/** A stored depfile: its dependency list as data, or, when GCC's layout could not be reproduced, raw text. */
export type StoredDepfile = { kind: 'deps'; deps: string[]; phony: boolean } | { kind: 'raw'; text: string; target: string };

/** What a result produced: the bytes a hit writes back. Stored as one blob named by its content hash. */
export interface ResultOutputs {
  object: Uint8Array;
  depfile?: StoredDepfile;
  stdout: Uint8Array;
  stderr: Uint8Array;
  /** Set for a cached step sequence (a link): the files it wrote and each step's stdout. */
  steps?: StoredSteps;
}

/** What a lookup needs of one successful compile of a context: the files it read, with their hashes. */
export interface ResultHeader {
  resultKey: string;
  /** [normalized path, content hash]; the source first, then every header the compiler read. */
  files: [string, string][];
  compileMs: number;
  createdAt: number;
  /**
   * SHA-256 of the object's bytes, and whether the compile printed nothing: with both, a hit that
   * writes no outputs (build without the bytes) needs no blob read. Absent in older entries.
   */
  objectHash?: string;
  quiet?: true;
}

/** One result as its context's manifest lists it. */
export interface ResultManifest extends ResultHeader {
  /** SHA-256 of the result's blob (its outputs, encoded): the blob's name in the store. */
  blob: string;
  blobBytes: number;
}

/** A result with its outputs: what a compile produced, or a hit loaded. */
export interface CachedResult extends ResultHeader, ResultOutputs {}

/** What a cached step sequence produced: its declared outputs (workspace-relative path, mode, bytes). */
export interface StoredSteps {
  outputs: { path: string; mode: number; content: Uint8Array }[];
  stdout: Uint8Array[];
}

/** The fields of an entry that explain a miss: source, compiler and flags of its context. */
interface EntryFields {
  contextKey: string;
  source: string;
  compiler: string;
  flags: string;
}

/** Everything stored under one context key (compiler, language, normalized arguments, source path), newest result first. */
export interface ContextEntry extends EntryFields {
  results: ResultManifest[];
}

/**
 * An entry to store: results already in the store are passed as their manifests, new ones with their
 * outputs. An entry with every result's outputs (`FullEntry`) is the v1 file format and the remote
 * tier's value.
 */
export interface EntryToStore extends EntryFields {
  results: (ResultManifest | CachedResult)[];
}

export interface FullEntry extends EntryFields {
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

/** A result's outputs; `absent` and `damaged` (dropped) are misses, and a new compile stores them again. */
export type LoadResult = { status: 'found'; outputs: ResultOutputs } | { status: 'absent' } | { status: 'damaged' };

export interface CacheStore {
  /** A local store answers synchronously, which keeps the whole hit path in one tick. */
  get(contextKey: string): ReadResult | Promise<ReadResult>;
  /** The outputs of one result of an entry `get` returned, read and verified now. Synchronous: from the local store. */
  load(result: ResultManifest): LoadResult;
  put(entry: EntryToStore): Promise<void>;
  /** Marks an entry as used now (for least-recently-used eviction). */
  touch(contextKey: string): void;
  /** Entries for the same source path: the material for explaining a miss. */
  entriesForSource(source: string): EntrySummary[];
  totals(): { entries: number; bytes: number };
  /** Persists the index, evicting down to 90% of the size limit when over it. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** True for a result passed with its outputs (not yet in the store). */
export function hasOutputs(r: ResultManifest | CachedResult): r is CachedResult {
  return (r as CachedResult).object !== undefined;
}

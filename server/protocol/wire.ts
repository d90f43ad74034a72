/**
 * What travels between the server and its clients, and what the engine reports: one place for the
 * shapes, so the CLI, the action's steps, the server and the tests agree on them. Types only.
 */

/** What the cache did with one compile (or one cached step sequence, such as the link). */
export type Outcome = 'hit' | 'miss' | 'uncacheable' | 'error';

/** POST /v1/compile, msgpack. `workspaceRoot` defaults to what `fbuild cc` would find from `cwd`. */
export interface CompileBody {
  compiler: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  workspaceRoot?: string;
}

/** The msgpack answer of /v1/compile. */
export interface CompileAnswer {
  exitCode: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  outcome: Outcome;
  reason?: string;
  /** On a hit: how long the original compile took. */
  savedMs?: number;
}

/** POST /v1/build, JSON. */
export interface BuildBody {
  projectDir: string;
  environment?: string;
  jobs?: number;
  noCache?: boolean;
  force?: boolean;
  backend?: 'embedded' | 'wrapped';
  toolchain?: 'auto' | 'pinned' | 'system';
}

/** The cache's stats schema, decided here once; the CLI, the server and the reports all print this shape. */
export interface CacheStats {
  compiles: number;
  hits: number;
  misses: number;
  uncacheable: number;
  uncacheableReasons: Record<string, number>;
  errors: number;
  /** hits / (hits + misses); uncacheable calls are not counted either way. */
  hitRate: number;
  /** The original compile time of every entry that hit. */
  timeSavedMs: number;
  entries: number;
  bytes: number;
  missReasons: Record<string, number>;
  /** Time spent by compile() on a hit, from the call to the outputs written. */
  hitServiceMs: { median: number; p95: number };
  /** The part of it before the outputs are written: key, entry read and verified, files checked. */
  hitLookupMs: { median: number; p95: number };
}

/** The stats of one build, in the shape `fbuild build --json` prints (the link counts as a compile). */
export interface BuildStats {
  compiles: number;
  hits: number;
  misses: number;
  uncacheable: number;
  errors: number;
  hitRate: number;
  timeSavedMs: number;
  missReasons: Record<string, number>;
}

/** Flash and RAM used and available (all 0 for native). */
export interface FirmwareSize {
  flash: number;
  ram: number;
  flashMax: number;
  ramMax: number;
}

/** The one JSON object `fbuild build --json` prints and `/v1/build` ends with: paths absolute. */
export interface JsonBuildResult {
  environment: string;
  ok: boolean;
  upToDate: boolean;
  /** The linked program and, for a board, the image to flash (empty for native). */
  artifacts: { elf: string; hex: string };
  size: FirmwareSize;
  stats: BuildStats;
  durationMs: number;
}

/** A build that failed before it had a result (bad project, no toolchain, ...). */
export interface FailedBuildResult {
  environment: string | null;
  ok: false;
  error: string;
}

export interface UnitOutcome {
  source: string;
  object: string;
  outcome: Outcome;
  reason?: string;
  exitCode: number;
}

/** What a build reports while it runs. */
export type ProgressEvent =
  | { type: 'start'; environment: string; units: number; toolchain: string }
  | { type: 'unit'; index: number; total: number; unit: UnitOutcome; stdout: string; stderr: string }
  | { type: 'link'; outcome: Outcome; reason?: string; exitCode: number; stderr: string }
  | { type: 'upToDate'; environment: string }
  /** Another build of this env holds its build dir: this one waits for it (sent once). */
  | { type: 'waiting'; environment: string; dir: string };

/** One line of the NDJSON stream /v1/build answers (and what an embedded build prints); `done` is always last. */
export type BuildEvent =
  | ProgressEvent
  | { type: 'error'; message: string; exitCode: number }
  /** Sent by the server every few seconds while a build runs, so a client's idle timeout can be short; clients ignore it. */
  | { type: 'heartbeat' }
  | { type: 'done'; result: JsonBuildResult | FailedBuildResult };

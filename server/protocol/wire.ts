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
  /** Write every object, depfile and archive (`--keep-objects`); default: a warm build writes the firmware only. */
  keepObjects?: boolean;
  backend?: 'embedded' | 'wrapped';
  toolchain?: 'auto' | 'pinned' | 'system';
  /** Never download lib_deps (`--offline`). */
  offline?: boolean;
  /**
   * Only look the build up (is it up to date, does the store hold a whole-build record of these
   * inputs) and write nothing: the resident server's warm-up, sent by the build that started it.
   */
  lookupOnly?: boolean;
  /**
   * The client's variables that the project's configuration reads (`PLATFORMIO_BUILD_FLAGS` and the
   * other `PLATFORMIO_*`, `${sysenv.NAME}`): `platformio.ini` is read with these instead of the
   * server's environment, so a build through the server sees what an embedded build would.
   */
  projectEnv?: Record<string, string>;
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
  /** Set when a remote tier is configured. */
  remote?: RemoteStats;
  /** Set once a write found the store's disk full (the error): no write was tried after it. */
  storeFull?: string;
}

/** What the remote tier did: `hits` are entries it supplied, `damaged` values that failed verification. */
export interface RemoteStats {
  label: string;
  mode: 'read' | 'read-write';
  hits: number;
  misses: number;
  errors: number;
  damaged: number;
  bytesDown: number;
  bytesUp: number;
}

/** The stats of one build, in the shape `fbuild build --json` prints (the link counts as a compile). */
export interface BuildStats {
  compiles: number;
  hits: number;
  misses: number;
  uncacheable: number;
  errors: number;
  /** hits / (hits + misses + uncacheable + errors): a unit compiled without the cache is not a hit. */
  hitRate: number;
  timeSavedMs: number;
  missReasons: Record<string, number>;
  /** Each unit the cache could not keep (the link is `link`), and why. */
  uncacheableUnits: { source: string; reason: string }[];
  /** Hits whose entry came from the remote tier (set when there were any). */
  remoteHits?: number;
  /** Each unit the store failed on (compiled without the cache), and the store's error (set when there were any). */
  errorUnits?: { source: string; reason: string }[];
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
  /** Nothing changed since the last successful build: nothing was compiled. */
  upToDate: boolean;
  /** The linked program and, for a board, the image to flash (empty for native); esp32: every image and its flash offset. */
  artifacts: { elf: string; hex: string; flash?: { offset: string; file: string }[] };
  size: FirmwareSize;
  stats: BuildStats;
  durationMs: number;
  /** What the env's lib_deps resolved to, their dependencies included (absent when it has none). */
  libraries?: ResolvedLibrary[];
}

/**
 * A library lib_deps resolved to. `source`: `registry:<owner>/<name>` for the PlatformIO registry,
 * the URI for git, archive and `file://` specs, or the project-relative directory it was found in.
 */
export interface ResolvedLibrary {
  name: string;
  version: string;
  source: string;
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
  /** Something about the project the user should know (an option not honoured, a library skipped). */
  | { type: 'warning'; message: string }
  /** A lib_deps library installed into, or removed from, the env's libdeps dir. */
  | { type: 'library'; action: 'installed' | 'removed'; library: ResolvedLibrary }
  /** A download under way (throttled); `total` when the size is known. */
  | { type: 'download'; label: string; received: number; total?: number }
  /** Another build of this env holds its build dir: this one waits for it (sent once). */
  | { type: 'waiting'; environment: string; dir: string }
  /** About the tools rather than the project (a toolchain fallback); `repeat` when it was said before, `detail` for --verbose. */
  | { type: 'notice'; message: string; detail?: string; repeat?: boolean };

/** One line of the NDJSON stream /v1/build answers (and what an embedded build prints); `done` is always last. */
export type BuildEvent =
  | ProgressEvent
  | { type: 'error'; message: string; exitCode: number }
  /** Sent by the server every few seconds while a build runs, so a client's idle timeout can be short; clients ignore it. */
  | { type: 'heartbeat' }
  | { type: 'done'; result: JsonBuildResult | FailedBuildResult };

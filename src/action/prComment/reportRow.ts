import type { FailedBuildResult, JsonBuildResult } from '../../../server/protocol/wire.js';

/** One environment's line in the PR report: what the action knows after building it. */
export interface EnvReportRow {
  environment: string;
  ok: boolean;
  /** Set when the build failed before it had a result (bad project, no toolchain, ...). */
  error?: string;
  upToDate?: boolean;
  /** Compile steps as BuildStats.compiles counts them: the translation units plus the link. */
  units: number;
  hits: number;
  /** Hits whose entry came from the shared remote tier (set when there were any). */
  remoteHits?: number;
  misses: number;
  uncacheable: number;
  /** 0–1, as the build reports it (`server/util/hitRate.ts`: uncacheable units are not in it). */
  hitRate: number;
  timeSavedMs: number;
  buildMs: number;
  /** Bytes used; 0 with a 0 limit means "not measured" (native). */
  flash: number;
  ram: number;
  flashMax: number;
  ramMax: number;
  /** Miss reason → count, the largest first, at most MAX_MISS_REASONS. */
  missReasons: Record<string, number>;
  /** Flash and RAM of the last build of this environment on the base branch, when one was saved. */
  baseline?: { flash: number; ram: number };
}

export const MAX_MISS_REASONS = 5;

/** Makes the report row of one build, comparing its size with the baseline build when there is one. */
export function reportRowFromBuild(result: JsonBuildResult | FailedBuildResult, baseline?: JsonBuildResult): EnvReportRow {
  if ('error' in result) {
    return {
      environment: result.environment ?? '(unknown)',
      ok: false,
      error: result.error,
      units: 0,
      hits: 0,
      misses: 0,
      uncacheable: 0,
      hitRate: 0,
      timeSavedMs: 0,
      buildMs: 0,
      flash: 0,
      ram: 0,
      flashMax: 0,
      ramMax: 0,
      missReasons: {},
    };
  }
  const s = result.stats;
  const row: EnvReportRow = {
    environment: result.environment,
    ok: result.ok,
    ...(result.upToDate ? { upToDate: true } : {}),
    units: s.compiles,
    hits: s.hits,
    misses: s.misses,
    uncacheable: s.uncacheable,
    hitRate: s.hitRate,
    timeSavedMs: s.timeSavedMs,
    buildMs: result.durationMs,
    flash: result.size.flash,
    ram: result.size.ram,
    flashMax: result.size.flashMax,
    ramMax: result.size.ramMax,
    missReasons: topReasons(s.missReasons),
    ...(s.remoteHits ? { remoteHits: s.remoteHits } : {}),
  };
  // A failed baseline build has no meaningful size to compare with.
  if (baseline?.ok) row.baseline = { flash: baseline.size.flash, ram: baseline.size.ram };
  return row;
}

/** The largest counts first (ties by name, so the report is stable), at most MAX_MISS_REASONS. */
export function topReasons(reasons: Record<string, number>): Record<string, number> {
  const sorted = Object.entries(reasons)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(sorted.slice(0, MAX_MISS_REASONS));
}

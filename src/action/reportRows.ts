import type { FailedBuildResult, JsonBuildResult, Outcome } from '../../server/protocol/wire.js';
import { hitRate } from '../../server/util/hitRate.js';
import type { StoredReport } from './state.js';

/** What the build step learned about one env: its result and, from the events, each unit's outcome. */
export interface EnvRecord {
  environment: string;
  result: JsonBuildResult | FailedBuildResult;
  toolchain?: string;
  /** Translation units only; the link is apart (it is a cached step too, but not a compile). */
  units: { total: number; hits: number; misses: number; uncacheable: number; errors: number };
  link?: { outcome: Outcome; reason?: string };
  /** Each unit that missed, with why (the miss explanation of the cache). */
  missed: { source: string; reason: string }[];
  /** Each unit (or the link) the store failed on, with the store's error: compiled without the cache. */
  storeErrors?: { source: string; reason: string }[];
  /** The error line of a failed build. */
  error?: string;
}

/**
 * One row of the job's report per env: what the job summary prints and the PR comment (issue 13)
 * will print, with the previous job's result of the same env as the baseline when it was restored.
 */
export interface ReportRow {
  environment: string;
  result: 'success' | 'up to date' | 'failure';
  /** Compile steps: the translation units and the link. */
  units: number;
  hits: number;
  misses: number;
  uncacheable: number;
  /** Units the store failed on (they compiled without the cache). */
  errors: number;
  /** `server/util/hitRate.ts`'s, over the units and the link as the build counts them, 0..1. */
  hitRate: number;
  timeSavedMs: number;
  buildMs: number;
  link?: Outcome;
  flash?: { used: number; max: number };
  ram?: { used: number; max: number };
  /** Most frequent first, at most five. */
  topMissReasons: { reason: string; count: number }[];
  /** The store's errors (units and the link). */
  storeErrors: { source: string; reason: string }[];
  baseline?: StoredReport;
  error?: string;
}

const isResult = (r: EnvRecord['result']): r is JsonBuildResult => !('error' in r);

export function reportRow(rec: EnvRecord, baseline?: StoredReport): ReportRow {
  const r = rec.result;
  const ok = isResult(r) && r.ok;
  // The build's own counts (the link included, as the CLI and --json give them), so one build has one
  // hit rate everywhere; the events' counts only when the build ended without a result.
  const counts = isResult(r)
    ? { total: r.stats.compiles, hits: r.stats.hits, misses: r.stats.misses, uncacheable: r.stats.uncacheable, errors: r.stats.errors }
    : rec.units;
  const reasons = new Map<string, number>();
  for (const m of rec.missed) reasons.set(m.reason, (reasons.get(m.reason) ?? 0) + 1);
  return {
    environment: rec.environment,
    result: !ok ? 'failure' : isResult(r) && r.upToDate ? 'up to date' : 'success',
    units: counts.total,
    hits: counts.hits,
    misses: counts.misses,
    uncacheable: counts.uncacheable,
    errors: counts.errors,
    hitRate: hitRate(counts),
    timeSavedMs: isResult(r) ? r.stats.timeSavedMs : 0,
    buildMs: isResult(r) ? r.durationMs : 0,
    ...(rec.link ? { link: rec.link.outcome } : {}),
    ...(isResult(r) && r.size.flashMax
      ? { flash: { used: r.size.flash, max: r.size.flashMax }, ram: { used: r.size.ram, max: r.size.ramMax } }
      : {}),
    topMissReasons: [...reasons]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([reason, count]) => ({ reason, count })),
    storeErrors: rec.storeErrors ?? [],
    ...(baseline ? { baseline } : {}),
    ...(rec.error ? { error: rec.error } : {}),
  };
}

/** The job's totals over its envs: what the step outputs say. */
export function totals(rows: ReportRow[]): { hits: number; misses: number; uncacheable: number; hitRate: number; timeSavedMs: number } {
  const sum = (f: (r: ReportRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const hits = sum((r) => r.hits);
  const misses = sum((r) => r.misses);
  const errors = sum((r) => r.errors);
  return {
    hits,
    misses,
    uncacheable: sum((r) => r.uncacheable),
    hitRate: hitRate({ hits, misses, errors }),
    timeSavedMs: sum((r) => r.timeSavedMs),
  };
}

/** A fraction as the outputs give it: `1`, `0.963`, `0`. */
export function fraction(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

import type { CacheStats, Outcome } from '../protocol/wire.js';
import { hitRate } from '../util/hitRate.js';

export type { CacheStats, Outcome };

export class StatsRecorder {
  private compiles = 0;
  private hits = 0;
  private misses = 0;
  private uncacheable = 0;
  private errors = 0;
  private timeSavedMs = 0;
  private readonly uncacheableReasons = new Map<string, number>();
  private readonly missReasons = new Map<string, number>();
  private hitTimes: Float64Array = new Float64Array(1024);
  private lookupTimes: Float64Array = new Float64Array(1024);
  private hitCount = 0;

  record(outcome: Outcome, reason: string | undefined): void {
    this.compiles++;
    if (outcome === 'hit') this.hits++;
    else if (outcome === 'miss') {
      this.misses++;
      bump(this.missReasons, missCategory(reason ?? 'new'));
    } else if (outcome === 'uncacheable') {
      this.uncacheable++;
      bump(this.uncacheableReasons, reason ?? 'unknown');
    } else this.errors++;
  }

  recordHit(serviceMs: number, lookupMs: number, savedMs: number): void {
    this.timeSavedMs += savedMs;
    if (this.hitCount === this.hitTimes.length) {
      this.hitTimes = grow(this.hitTimes);
      this.lookupTimes = grow(this.lookupTimes);
    }
    this.lookupTimes[this.hitCount] = lookupMs;
    this.hitTimes[this.hitCount++] = serviceMs;
  }

  snapshot(totals: { entries: number; bytes: number }): CacheStats {
    const sorted = this.hitTimes.slice(0, this.hitCount).sort();
    const lookups = this.lookupTimes.slice(0, this.hitCount).sort();
    return {
      compiles: this.compiles,
      hits: this.hits,
      misses: this.misses,
      uncacheable: this.uncacheable,
      uncacheableReasons: Object.fromEntries(this.uncacheableReasons),
      errors: this.errors,
      hitRate: hitRate({ hits: this.hits, misses: this.misses, errors: this.errors }),
      timeSavedMs: Math.round(this.timeSavedMs),
      entries: totals.entries,
      bytes: totals.bytes,
      missReasons: Object.fromEntries(this.missReasons),
      hitServiceMs: { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) },
      hitLookupMs: { median: quantile(lookups, 0.5), p95: quantile(lookups, 0.95) },
    };
  }
}

/** `header changed: core/Arduino.h` is counted under `header changed` (the path is in the per-compile reason). */
export function missCategory(reason: string): string {
  const colon = reason.indexOf(':');
  return colon < 0 ? reason : reason.slice(0, colon);
}

function grow(a: Float64Array): Float64Array {
  const bigger = new Float64Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

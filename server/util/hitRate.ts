/**
 * The one definition of a hit rate, used by the CLI, `--json`, the server's stats, the job summary,
 * the step outputs and the PR comment: hits over the units the cache could have served, as ccache
 * counts them. A unit the store failed on (an error) was cacheable, so it counts against the rate; a
 * unit the cache cannot keep by its nature (uncacheable: `-E`, a failed compile, `__DATE__`) is left
 * out and shown apart, so `--no-cache` or one broken file does not read as a bad cache.
 */
export interface HitCounts {
  hits: number;
  misses: number;
  /** Units the store failed on: cacheable, compiled without the cache. */
  errors?: number;
}

/** The units the rate is taken over. */
export function cacheableUnits(c: HitCounts): number {
  return c.hits + c.misses + (c.errors ?? 0);
}

/** hits / (hits + misses + errors); 0 when nothing was cacheable (the text form says "n/a" then). */
export function hitRate(c: HitCounts): number {
  const n = cacheableUnits(c);
  return n ? c.hits / n : 0;
}

/** `96.2%`, or `n/a` when no unit was cacheable. */
export function formatHitRate(c: HitCounts): string {
  return cacheableUnits(c) ? `${((c.hits / cacheableUnits(c)) * 100).toFixed(1)}%` : 'n/a';
}

/** The sentence the reports put under their tables. */
export const HIT_RATE_DEFINITION = 'Hit rate = hits / (hits + misses + store errors); uncacheable units are counted apart.';

import { missCategory } from '../cache/stats.js';
import type { BuildStats, Outcome } from '../protocol/wire.js';

export type { BuildStats };

interface Counted {
  outcome: Outcome;
  reason?: string;
  savedMs?: number;
  /** The unit's source (workspace-relative); the link has none and is named `link`. */
  source?: string;
  remote?: boolean;
}

/**
 * A build's counts. The hit rate is hits / (hits + misses + uncacheable): a unit the cache could not
 * keep was compiled, so it is not a hit (a build with one is never "100%"); errors are the cache's own
 * failures and are left out.
 */
export function buildStats(units: readonly Counted[], link: Counted | undefined): BuildStats {
  const all = link ? [...units, { ...link, source: link.source ?? 'link' }] : [...units];
  const count = (o: Outcome) => all.filter((r) => r.outcome === o).length;
  const hits = count('hit');
  const misses = count('miss');
  const uncacheable = count('uncacheable');
  const remoteHits = all.filter((r) => r.outcome === 'hit' && r.remote).length;
  const missReasons: Record<string, number> = {};
  for (const r of all) {
    if (r.outcome !== 'miss') continue;
    const reason = missCategory(r.reason ?? 'new');
    missReasons[reason] = (missReasons[reason] ?? 0) + 1;
  }
  const counted = hits + misses + uncacheable;
  return {
    compiles: all.length,
    hits,
    misses,
    uncacheable,
    errors: count('error'),
    hitRate: counted ? hits / counted : 0,
    timeSavedMs: Math.round(all.reduce((n, r) => n + (r.outcome === 'hit' ? (r.savedMs ?? 0) : 0), 0)),
    missReasons,
    uncacheableUnits: all
      .filter((r) => r.outcome === 'uncacheable')
      .map((r) => ({ source: r.source ?? '?', reason: r.reason ?? 'unknown' })),
    ...(remoteHits ? { remoteHits } : {}),
  };
}

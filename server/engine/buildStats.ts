import { missCategory } from '../cache/stats.js';
import type { BuildStats, Outcome } from '../protocol/wire.js';

export type { BuildStats };

interface Counted {
  outcome: Outcome;
  reason?: string;
  savedMs?: number;
  remote?: boolean;
}

export function buildStats(units: readonly Counted[], link: Counted | undefined): BuildStats {
  const all = link ? [...units, link] : [...units];
  const count = (o: Outcome) => all.filter((r) => r.outcome === o).length;
  const hits = count('hit');
  const misses = count('miss');
  const remoteHits = all.filter((r) => r.outcome === 'hit' && r.remote).length;
  const missReasons: Record<string, number> = {};
  for (const r of all) {
    if (r.outcome !== 'miss') continue;
    const reason = missCategory(r.reason ?? 'new');
    missReasons[reason] = (missReasons[reason] ?? 0) + 1;
  }
  return {
    compiles: all.length,
    hits,
    misses,
    uncacheable: count('uncacheable'),
    errors: count('error'),
    hitRate: hits + misses ? hits / (hits + misses) : 0,
    timeSavedMs: Math.round(all.reduce((n, r) => n + (r.outcome === 'hit' ? (r.savedMs ?? 0) : 0), 0)),
    missReasons,
    ...(remoteHits ? { remoteHits } : {}),
  };
}

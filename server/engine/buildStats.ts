import { missCategory } from '../cache/stats.js';
import type { BuildStats, Outcome } from '../protocol/wire.js';
import { hitRate } from '../util/hitRate.js';

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
 * A build's counts. The hit rate is `server/util/hitRate.ts`'s: a unit the store failed on (an error)
 * counts against it, so a build with one is never "100%"; uncacheable units are counted apart.
 * Errors are listed with the store's message.
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
  const errors = count('error');
  const unitsWith = (o: Outcome) =>
    all.filter((r) => r.outcome === o).map((r) => ({ source: r.source ?? '?', reason: r.reason ?? 'unknown' }));
  return {
    compiles: all.length,
    hits,
    misses,
    uncacheable,
    errors,
    hitRate: hitRate({ hits, misses, errors }),
    timeSavedMs: Math.round(all.reduce((n, r) => n + (r.outcome === 'hit' ? (r.savedMs ?? 0) : 0), 0)),
    missReasons,
    uncacheableUnits: unitsWith('uncacheable'),
    ...(remoteHits ? { remoteHits } : {}),
    ...(errors ? { errorUnits: unitsWith('error') } : {}),
  };
}

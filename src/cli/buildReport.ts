import type { JsonBuildResult, ResolvedLibrary } from '../../server/protocol/wire.js';
import { formatHitRate } from '../../server/util/hitRate.js';
import { plural } from '../../server/util/plural.js';
import { thousands } from '../../server/util/thousands.js';

const num = thousands;
const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)}%` : '-');
const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

const MAX_UNCACHED_NAMED = 10;

/** The short summary printed after a build in a terminal. */
export function formatSummary(r: JsonBuildResult): string {
  const s = r.stats;
  const lines: string[] = [];
  if (r.upToDate) lines.push(`${r.environment}: up to date, nothing compiled (${secs(r.durationMs)})`);
  else {
    const reasons = Object.entries(s.missReasons)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    lines.push(
      `${r.environment}: ${plural(s.compiles, 'unit')} (link included): ${plural(s.hits, 'hit')}${s.remoteHits ? ` (${s.remoteHits} from the remote cache)` : ''}, ${plural(s.misses, 'miss')}${reasons ? ` (${reasons})` : ''}` +
        `${s.uncacheable ? `, ${s.uncacheable} uncached` : ''}${s.errors ? `, ${plural(s.errors, 'store error')}` : ''}; ` +
        `hit rate ${formatHitRate(s)}; ` +
        `saved ${secs(s.timeSavedMs)}; took ${secs(r.durationMs)}`,
    );
    // Name what the cache could not keep, so a hit rate below 100% says why (a failed compile is
    // already named by the error line and the compiler's messages).
    const uncached = (s.uncacheableUnits ?? []).filter((u) => u.reason !== 'compile failed');
    for (const u of uncached.slice(0, MAX_UNCACHED_NAMED)) lines.push(`  uncached: ${u.source} (${u.reason})`);
    if (uncached.length > MAX_UNCACHED_NAMED)
      lines.push(`  uncached: ${uncached.length - MAX_UNCACHED_NAMED} more (--verbose lists every unit)`);
    // The store failing is the cache's own problem, not the project's: said apart, with its message.
    const errored = s.errorUnits ?? [];
    for (const u of errored.slice(0, MAX_UNCACHED_NAMED))
      lines.push(`  store error: ${u.source} (${u.reason}); compiled without the cache`);
    if (errored.length > MAX_UNCACHED_NAMED) lines.push(`  store error: ${errored.length - MAX_UNCACHED_NAMED} more`);
  }
  lines.push(...formatLibraries(r.libraries ?? []));
  if (r.size.flash || r.size.ram) {
    lines.push(
      `flash ${num(r.size.flash)} / ${num(r.size.flashMax)} bytes (${pct(r.size.flash, r.size.flashMax)}), RAM ${num(r.size.ram)} / ${num(r.size.ramMax)} bytes (${pct(r.size.ram, r.size.ramMax)})`,
    );
  }
  if (r.ok) lines.push(r.artifacts.hex ? `firmware: ${r.artifacts.hex}` : `program: ${r.artifacts.elf}`);
  if (r.ok && r.artifacts.flash) lines.push(`flash layout: ${r.artifacts.flash.map((f) => `${f.offset} ${f.file}`).join(', ')}`);
  return lines.join('\n') + '\n';
}

/** One line per library lib_deps resolved to: name, version, where it came from. */
export function formatLibraries(libraries: ResolvedLibrary[]): string[] {
  return libraries.map((l) => `  library ${l.name} ${l.version} (${l.source})`);
}

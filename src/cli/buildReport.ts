import type { JsonBuildResult } from '../../server/protocol/wire.js';

const num = (n: number) => n.toLocaleString('en-US');
const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)}%` : '-');
const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/** The short summary printed after a build in a terminal. */
export function formatSummary(r: JsonBuildResult): string {
  const s = r.stats;
  const lines: string[] = [];
  if (r.upToDate) lines.push(`${r.environment}: up to date, nothing compiled (${secs(r.durationMs)})`);
  else {
    const reasons = Object.entries(s.missReasons).map(([k, v]) => `${v} ${k}`).join(', ');
    lines.push(
      `${r.environment}: ${s.compiles} units (link included): ${s.hits} hits${s.remoteHits ? ` (${s.remoteHits} from the remote cache)` : ''}, ${s.misses} misses${reasons ? ` (${reasons})` : ''}` +
        `${s.uncacheable ? `, ${s.uncacheable} uncached` : ''}; hit rate ${pct(s.hits, s.hits + s.misses)}; saved ${secs(s.timeSavedMs)}; took ${secs(r.durationMs)}`,
    );
  }
  if (r.size.flash || r.size.ram) {
    lines.push(
      `flash ${num(r.size.flash)} / ${num(r.size.flashMax)} bytes (${pct(r.size.flash, r.size.flashMax)}), RAM ${num(r.size.ram)} / ${num(r.size.ramMax)} bytes (${pct(r.size.ram, r.size.ramMax)})`,
    );
  }
  if (r.ok) lines.push(r.artifacts.hex ? `firmware: ${r.artifacts.hex}` : `program: ${r.artifacts.elf}`);
  return lines.join('\n') + '\n';
}

import type { ExamplesReport } from '../../server/engine/examplesSession.js';
import type { CellDelta } from '../../server/engine/examplesReport.js';
import { thousands } from '../../server/util/thousands.js';

const num = thousands;
const signed = (n: number) => (n > 0 ? `+${num(n)}` : n < 0 ? `-${num(-n)}` : '±0');
const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/**
 * The terminal's table: a row per example, a column per board, each cell `flash/RAM` in bytes (with
 * the delta against the base when there is one) or FAILED; then each failure's first error line and
 * the totals.
 */
export function formatExamplesTable(report: ExamplesReport, deltas?: CellDelta[]): string {
  const cell = new Map(report.results.map((r, i) => [`${r.board}\0${r.example}`, { r, d: deltas?.[i] }]));
  const text = (example: string, board: string) => {
    const c = cell.get(`${board}\0${example}`);
    if (!c) return '-';
    if (!c.r.ok) return 'FAILED';
    let s = `${num(c.r.flash)} / ${num(c.r.ram)}`;
    if (c.d?.flashDelta != null && c.d.ramDelta != null && (c.d.flashDelta || c.d.ramDelta))
      s += ` (${signed(c.d.flashDelta)} / ${signed(c.d.ramDelta)})`;
    if (c.r.warnings) s += ` ${c.r.warnings}w`;
    return s;
  };
  const header = ['example', ...report.boards];
  const rows = report.examples.map((e) => [e, ...report.boards.map((b) => text(e, b))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cols: string[]) =>
    cols
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [
    `${report.library}: flash / RAM in bytes${deltas ? ' (change against the base)' : ''}`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  const failed = report.results.filter((r) => !r.ok);
  if (failed.length) {
    out.push('');
    for (const f of failed) out.push(`FAILED ${f.example} (${f.board}): ${f.error ?? 'the build failed'}`);
  }
  const t = report.totals;
  const rate = t.hits + t.misses ? `${((t.hits / (t.hits + t.misses)) * 100).toFixed(1)}%` : '-';
  out.push(
    '',
    `${t.cells} builds, ${t.cells - t.failed} ok, ${t.failed} failed; cache ${t.hits} hits, ${t.misses} misses (hit rate ${rate}); took ${secs(report.durationMs)}`,
  );
  return out.join('\n') + '\n';
}

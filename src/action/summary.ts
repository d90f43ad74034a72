import type { RemoteStats } from '../../server/protocol/wire.js';
import { formatByteSize } from '../../server/util/byteSize.js';
import { formatHitRate, HIT_RATE_DEFINITION } from '../../server/util/hitRate.js';
import * as core from '@actions/core';
import type { ReportRow } from './reportRows.js';

export interface SummaryFacts {
  rows: ReportRow[];
  restoredKey?: string;
  savedKey?: string;
  saveNote: string;
  restoreMs: number;
  saveMs?: number;
  archiveNote?: string;
  /** The steps' own time: wall time minus the cache transfers and the builds themselves (stepTimes.ts). */
  overhead?: { ms: number; transferMs: number; buildsMs: number; ownMs: Partial<Record<'setup' | 'build' | 'save', number>> };
  /** Everything the server compiled this job (also `fbuild cc` from the user's own steps). */
  server?: { compiles: number; hits: number; misses: number; uncacheable: number; hitRate: number; remote?: RemoteStats };
}

const pct = (used: number, max: number) => (max ? ` (${((used / max) * 100).toFixed(1)}%)` : '');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The job summary in Markdown: kept well under the 1 MiB a step may write. */
export function summaryMarkdown(f: SummaryFacts): string {
  const lines = ['## fbuild', ''];
  lines.push('| env | result | units | hits | misses | uncacheable | hit rate | time saved | build time | flash | RAM |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of f.rows) {
    lines.push(
      `| ${r.environment} | ${r.result} | ${r.units} | ${r.hits} | ${r.misses} | ${r.uncacheable} | ${formatHitRate(r)} | ` +
        `${seconds(r.timeSavedMs)} | ${seconds(r.buildMs)} | ${r.flash ? `${r.flash.used} B${pct(r.flash.used, r.flash.max)}` : '–'} | ` +
        `${r.ram ? `${r.ram.used} B${pct(r.ram.used, r.ram.max)}` : '–'} |`,
    );
  }
  lines.push('', `<sub>${HIT_RATE_DEFINITION}</sub>`, '');
  for (const r of f.rows) {
    if (r.error) lines.push(`**${r.environment} failed:** ${escape(r.error).slice(0, 500)}`, '');
    if (r.storeErrors.length) {
      // The cache's own failure: the build went on without it for these, so the hit rate is not 100%.
      lines.push(`**${r.environment}: the store failed on ${r.storeErrors.length} (compiled without the cache)**`, '');
      for (const e of r.storeErrors.slice(0, 10)) lines.push(`- ${escape(e.source).slice(0, 200)}: ${escape(e.reason).slice(0, 300)}`);
      if (r.storeErrors.length > 10) lines.push(`- and ${r.storeErrors.length - 10} more`);
      lines.push('');
    }
    if (!r.topMissReasons.length) continue;
    lines.push(`**${r.environment}: why units missed**`, '');
    for (const m of r.topMissReasons) lines.push(`- ${m.count} × ${escape(m.reason).slice(0, 300)}`);
    lines.push('');
  }
  if (f.server) {
    const s = f.server;
    lines.push(
      `Through the server: ${s.compiles} compiles, ${s.hits} hits, ${s.misses} misses, ${s.uncacheable} uncacheable ` +
        `(hit rate ${formatHitRate(s)})`,
      '',
    );
    const r = s.remote;
    if (r) {
      lines.push(
        `Remote cache (${escape(r.label)}, ${r.mode}): ${r.hits} entries fetched, ${r.misses} not there, ${r.errors} errors, ` +
          `${r.damaged} damaged and dropped; ${formatByteSize(r.bytesDown)} down, ${formatByteSize(r.bytesUp)} up`,
        '',
      );
    }
  }
  lines.push(`Store restored from: ${f.restoredKey ? `\`${f.restoredKey}\`` : 'nothing (cold)'} in ${seconds(f.restoreMs)}`);
  lines.push(`Store saved: ${f.savedKey ? `\`${f.savedKey}\` in ${seconds(f.saveMs ?? 0)}` : f.saveNote}`);
  if (f.archiveNote) lines.push(`Store: ${f.archiveNote}`);
  if (f.overhead) lines.push(overheadLine(f.overhead));
  lines.push('');
  const hits = f.rows.reduce((n, r) => n + r.hits, 0);
  const misses = f.rows.reduce((n, r) => n + r.misses, 0);
  const uncacheable = f.rows.reduce((n, r) => n + r.uncacheable, 0);
  const errors = f.rows.reduce((n, r) => n + r.errors, 0);
  if (hits + misses + uncacheable + errors > 0) {
    lines.push(
      '```mermaid',
      'pie showData title Translation units',
      `  "hits" : ${hits}`,
      `  "misses" : ${misses}`,
      `  "uncacheable" : ${uncacheable}`,
      ...(errors ? [`  "store errors" : ${errors}`] : []),
      '```',
      '',
    );
  }
  return lines.join('\n');
}

function overheadLine(o: NonNullable<SummaryFacts['overhead']>): string {
  const steps = (['setup', 'build', 'save'] as const).filter((k) => o.ownMs[k] !== undefined).map((k) => `${k} ${seconds(o.ownMs[k]!)}`);
  return (
    `Cache overhead: ${seconds(o.ms)} (${steps.join(', ')}: the steps' time without the cache transfers, ` +
    `${seconds(o.transferMs)}, and the builds themselves, ${seconds(o.buildsMs)})`
  );
}

/** Writes the summary; a failure to write it is a warning (the step does not fail over it). */
export async function writeSummary(f: SummaryFacts): Promise<void> {
  try {
    await core.summary.addRaw(summaryMarkdown(f), true).write();
  } catch (e) {
    core.warning(`fbuild: could not write the job summary: ${(e as Error).message}`);
  }
}
